// A backtest from the screen: the shipped sample data, the same engine as live, results on screen.
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowserDesk, screenshotPath, type BrowserDesk } from './support/browser-desk.ts';

let desk: BrowserDesk;
let page: Page;
const byTestId = (id: string) => page.getByTestId(id);

beforeAll(async () => {
  desk = await openBrowserDesk();
  page = desk.page;
  await byTestId('mode-badge').waitFor();
}, 60_000);

afterAll(async () => {
  await desk?.close();
});

describe('backtest screen', () => {
  it('runs momentum on the sample data with progress, an equity curve, filled metrics and a trade list', async () => {
    await byTestId('view-backtest').click();
    await expect.poll(async () => Number(await byTestId('backtest-dataset-info').getAttribute('data-rows')), { timeout: 10_000 }).toBeGreaterThan(1_000);
    await byTestId('backtest-run').click();
    const progress = byTestId('backtest-progress');
    await expect.poll(async () => progress.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    const processed = Number(await progress.getAttribute('data-processed'));
    expect(processed).toBeGreaterThan(1_000); // the sample's candles
    expect(processed).toBe(Number(await progress.getAttribute('data-total')));
    // The sample is a candle file: its rate counts candles.
    expect(await byTestId('backtest-rate').textContent()).toMatch(/^[\d,.]+M? candles\/s$/);

    await expect.poll(async () => Number(await byTestId('backtest-equity-chart').getAttribute('data-points')), { timeout: 10_000 }).toBeGreaterThan(100);
    expect(Number(await byTestId('backtest-equity-chart').getAttribute('data-candles'))).toBeGreaterThan(1_000);
    expect(Number(await byTestId('backtest-equity-chart').getAttribute('data-fills'))).toBeGreaterThan(0);
    // Five days of 1m candles: the total return is shown, yearly figures are not, and the screen says why.
    const metric = (key: string) => page.locator(`[data-testid="backtest-metrics"] [data-metric="${key}"] td`);
    await expect.poll(async () => (await metric('totalReturn').textContent()) ?? '').toMatch(/-?\d/);
    for (const key of ['sharpe', 'sortino', 'cagr', 'calmar']) expect(await metric(key).textContent()).toBe('—');
    expect(await byTestId('backtest-short-sample').textContent()).toMatch(/^Sample too short to annualise: \d days of returns/);
    expect(Number(await byTestId('backtest-trades').getAttribute('data-count'))).toBeGreaterThan(0);
    await expect.poll(async () => byTestId('backtest-run-row').count()).toBe(1);

    // The legend tells the run's last values, and those under the crosshair when the mouse is on the chart.
    const legend = byTestId('backtest-legend');
    const values = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}  Equity [\d,]+\.\d{2}  DD -?\d+\.\d{2}%  O [\d,.]+  H [\d,.]+  L [\d,.]+  C [\d,.]+$/;
    await expect.poll(async () => (await legend.textContent()) ?? '').toMatch(values);
    const last = await legend.textContent();
    const box = (await byTestId('backtest-equity-chart').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2);
    await expect.poll(async () => legend.getAttribute('data-hovering')).toBe('true');
    const hovered = (await legend.textContent()) ?? '';
    expect(hovered).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}  /);
    expect(hovered).toMatch(/  O [\d,.]+  H [\d,.]+  L [\d,.]+  C [\d,.]+$/);
    expect(hovered).not.toBe(last);
    await page.mouse.move(0, 0);

    const path = screenshotPath('backtest.png');
    await page.screenshot({ path, fullPage: true });
    expect(statSync(path).size).toBeGreaterThan(50_000);
  });

  it('opens a sweep cell as a run of its own and puts the best parameters on a live strategy', { timeout: 120_000 }, async () => {
    await byTestId('sweep-param-1').selectOption('lookback');
    await byTestId('sweep-from-1').fill('5');
    await byTestId('sweep-to-1').fill('15');
    await byTestId('sweep-step-1').fill('5');
    await byTestId('sweep-add-second').click();
    await byTestId('sweep-param-2').selectOption('threshold');
    await byTestId('sweep-from-2').fill('0.001');
    await byTestId('sweep-to-2').fill('0.002');
    await byTestId('sweep-step-2').fill('0.001');
    await byTestId('sweep-run').click();
    await expect.poll(async () => byTestId('sweep-results').getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    const runsBefore = await byTestId('backtest-run-row').count();

    const cell = page.locator('[data-testid="sweep-cell"][data-x="10"][data-y="0.002"]');
    await cell.click();
    await expect.poll(async () => byTestId('backtest-run-row').count(), { timeout: 30_000 }).toBe(runsBefore + 1);
    await expect.poll(async () => byTestId('backtest-tab-result').getAttribute('aria-selected')).toBe('true');
    await expect.poll(async () => (await byTestId('backtest-run-row').first().textContent()) ?? '', { timeout: 30_000 }).toMatch(/lookback 10.*threshold 0\.002|threshold 0\.002.*lookback 10/);

    await byTestId('backtest-tab-sweep').click();
    const best = JSON.parse((await page.locator('[data-testid="sweep-row"].is-best').getAttribute('data-values')) ?? '{}') as Record<string, number>;
    await byTestId('sweep-best-use').click();
    await expect.poll(async () => byTestId('toast').filter({ hasText: `with Lookback ${best.lookback}, Threshold ${best.threshold}` }).count()).toBe(1);
  });

  it('keeps every run of a sweep in the runs list when asked, and opens a cell’s kept run without running it again', { timeout: 120_000 }, async () => {
    await byTestId('backtest-tab-sweep').click();
    const runsBefore = await byTestId('backtest-run-row').count();
    const sweepBefore = await byTestId('sweep-results').getAttribute('data-sweep-id');
    await byTestId('sweep-keep-runs').check();
    await byTestId('sweep-run').click();
    const finished = page.locator('[data-testid="sweep-results"][data-state="done"]').and(page.locator(`:not([data-sweep-id="${sweepBefore}"])`));
    await finished.waitFor({ timeout: 60_000 });
    // The same 3 × 2 grid as before: six runs more in the list.
    await expect.poll(async () => byTestId('backtest-run-row').count(), { timeout: 30_000 }).toBe(runsBefore + 6);

    const cell = page.locator('[data-testid="sweep-cell"][data-x="15"][data-y="0.001"]');
    const metric = await byTestId('sweep-heatmap').getAttribute('data-metric');
    const cellValue = Number(await cell.getAttribute('data-value'));
    await cell.click();
    await expect.poll(async () => byTestId('backtest-tab-result').getAttribute('aria-selected')).toBe('true');
    await expect.poll(async () => byTestId('backtest-summary').getAttribute('data-run-id'), { timeout: 30_000 }).toMatch(/-\d+$/);
    const runId = await byTestId('backtest-summary').getAttribute('data-run-id');
    expect(await page.locator(`[data-testid="backtest-run-row"][data-run-id="${runId}"]`).textContent()).toMatch(/lookback 15.*threshold 0\.001|threshold 0\.001.*lookback 15/);
    // Nothing ran again: the list holds the kept runs and no new one.
    expect(await byTestId('backtest-run-row').count()).toBe(runsBefore + 6);
    // The run opened is the one the cell stands for: its figure is the cell's.
    const shown = Number(await page.locator(`[data-testid="backtest-metrics"] tr[data-metric="${metric}"]`).getAttribute('data-value'));
    expect(shown).toBeCloseTo(cellValue, 9);
  });

  it('opens on the backtest screen again when it was left there', async () => {
    await page.goto(desk.url);
    await expect.poll(async () => byTestId('backtest-screen').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await byTestId('trade-screen').isVisible()).toBe(false);
    await byTestId('view-trade').click();
    await page.goto(desk.url);
    await expect.poll(async () => byTestId('trade-screen').isVisible(), { timeout: 15_000 }).toBe(true);
  });
});
