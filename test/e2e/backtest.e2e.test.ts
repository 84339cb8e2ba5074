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

    const path = screenshotPath('backtest.png');
    await page.screenshot({ path, fullPage: true });
    expect(statSync(path).size).toBeGreaterThan(50_000);
  });
});
