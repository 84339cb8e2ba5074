// A bracket from the ticket, end to end on the paper desk at 100x: its lines on the chart and its exits on
// the position row; the stop dragged up under the market on the chart (confirmed), firing there and
// leaving the position flat with the exit marked.
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowserDesk, screenshotPath, type BrowserDesk } from './support/browser-desk.ts';

let desk: BrowserDesk;
let page: Page;
const byTestId = (id: string) => page.getByTestId(id);

beforeAll(async () => {
  desk = await openBrowserDesk({ simSpeed: 100 });
  page = desk.page;
  await byTestId('mode-badge').waitFor();
  await byTestId('symbol-select').selectOption('BTC/USDT');
}, 60_000);

afterAll(async () => {
  await desk?.close();
});

interface Line {
  kind: string;
  price: number;
  y: number;
}

async function chartLines(): Promise<Line[]> {
  const text = (await byTestId('price-chart').getAttribute('data-order-lines')) ?? '';
  return text
    .split(' ')
    .filter(Boolean)
    .map((entry) => {
      const [kind, rest] = entry.split(':') as [string, string];
      const [price, y] = rest.split('@').map(Number) as [number, number];
      return { kind, price, y };
    });
}

describe('a bracket on the paper desk', () => {
  it('draws its lines, shows its exits on the position, moves its stop by dragging, fires it, and leaves the position flat', async () => {
    await expect.poll(async () => byTestId('book-ask-row').count(), { timeout: 10_000 }).toBeGreaterThan(5);
    await byTestId('ticket-tab-market').click();
    await byTestId('ticket-side-buy').click();
    await byTestId('ticket-size').fill('0.05');
    await byTestId('ticket-stop-loss').fill('1%');
    await byTestId('ticket-take-profit').fill('2%');
    await expect.poll(async () => (await byTestId('ticket-risk-reward').textContent()) ?? '').toMatch(/−[\d.,]+ \/ \+[\d.,]+ \(2\.\d\dR\)/);
    await byTestId('ticket-submit').click();
    const message = byTestId('ticket-message');
    await expect.poll(async () => `${await message.getAttribute('data-kind')}: ${await message.textContent()}`).toMatch(/^success: Filled: buy/);

    // Lines for the entry, the stop and the take-profit; the exits on the position row, held by the desk.
    await expect.poll(async () => (await chartLines()).map((l) => l.kind).sort().join(' ')).toBe('entry stop target');
    await expect.poll(async () => byTestId('position-exit').count()).toBe(2);
    await page.screenshot({ path: screenshotPath('bracket-armed.png'), fullPage: true });

    // Drag the stop up to just under the market and confirm: it moves there, and at 100x it soon fires.
    const box = (await byTestId('price-chart').boundingBox())!;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.accept();
    });
    // Each try reads the lines again: at 100x the price scale can move between reading a line and grabbing it.
    let confirmed = false;
    for (const below of [0.0005, 0.001, 0.002, 0.002, 0.003]) {
      const lines = await chartLines();
      const stop = lines.find((l) => l.kind === 'stop');
      const entry = lines.find((l) => l.kind === 'entry');
      if (stop === undefined || entry === undefined) break; // it fired
      const last = Number(await byTestId('price-chart').getAttribute('data-last-close'));
      const target = last * (1 - below);
      const y = stop.y + ((target - stop.price) * (entry.y - stop.y)) / (entry.price - stop.price);
      await page.mouse.move(box.x + box.width * 0.5, box.y + stop.y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.5, box.y + y, { steps: 5 });
      await page.mouse.up();
      const asked = await expect
        .poll(() => dialogs.some((d) => d.startsWith('confirm: Move')), { timeout: 3_000 })
        .toBe(true)
        .then(() => true, () => false);
      if (!asked) continue; // the pointer missed the line: read it again
      await page.waitForTimeout(300);
      confirmed = !dialogs.some((d) => d.startsWith('alert'));
      if (confirmed) break;
      dialogs.length = 0; // refused (the market got there first): try a little lower
    }
    const fired = (await chartLines()).every((l) => l.kind !== 'stop');
    expect(confirmed || fired).toBe(true);

    await expect.poll(async () => page.locator('[data-testid="position-row"][data-symbol="BTC/USDT"][data-dust="false"]').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(async () => byTestId('position-exit').count()).toBe(0);
    const log = (await byTestId('event-log').textContent()) ?? '';
    expect(log).toMatch(/Moved sell stop \S+-sl to [\d,.]+/);
    expect(log).toMatch(/Sell (stop|take-profit) \S+-(sl|tp) on BTC\/USDT at [\d,.]+ fired/);
    expect((await chartLines()).map((l) => l.kind)).toEqual([]);
    const path = screenshotPath('bracket-fired.png');
    await page.screenshot({ path, fullPage: true });
    expect(statSync(path).size).toBeGreaterThan(50_000);
  }, 90_000);
});
