// The paper desk end to end: the built UI in Chromium, the real engine behind the headless host.
// One desk for the file; tests run in order, like one trader's session.
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowserDesk, screenshotPath, type BrowserDesk } from './support/browser-desk.ts';

let desk: BrowserDesk;
let page: Page;
const byTestId = (id: string) => page.getByTestId(id);
const text = async (id: string) => (await byTestId(id).first().textContent()) ?? '';

async function placeFromTicket(order: { side: 'buy' | 'sell'; type: 'market' | 'limit'; size: string; price?: string }) {
  await byTestId(`ticket-side-${order.side}`).click();
  await byTestId(`ticket-tab-${order.type}`).click();
  await byTestId('ticket-size').fill(order.size);
  if (order.price !== undefined) await byTestId('ticket-price').fill(order.price);
  await byTestId('ticket-submit').click();
  // The previous order's message stays on screen until this one's answer replaces it: callers poll for theirs.
  await byTestId('ticket-message').waitFor();
}

beforeAll(async () => {
  desk = await openBrowserDesk({ simSpeed: 10 });
  page = desk.page;
  await byTestId('mode-badge').waitFor();
}, 60_000);

afterAll(async () => {
  await desk?.close();
});

describe('paper desk in the browser', () => {
  it('opens in paper mode with a chart that moves with the simulated market', async () => {
    expect(await text('mode-badge')).toBe('PAPER');
    const chart = byTestId('price-chart');
    await expect.poll(async () => Number(await chart.getAttribute('data-candle-count')), { timeout: 10_000 }).toBeGreaterThan(50);
    const firstClose = await chart.getAttribute('data-last-close');
    await expect.poll(async () => await chart.getAttribute('data-last-close'), { timeout: 10_000 }).not.toBe(firstClose);
    await expect.poll(async () => await byTestId('book-ask-row').count()).toBeGreaterThan(5);
    expect(await text('equity')).toMatch(/100,000/);
  });

  it('shows a signal, an order, a fill and a position after momentum is switched on', async () => {
    await byTestId('strategy-create-kind').selectOption('momentum');
    await byTestId('strategy-create-symbol').selectOption('BTC/USDT');
    await byTestId('strategy-create-timeframe').selectOption('1s');
    await byTestId('strategy-create-submit').click();
    const row = page.locator('[data-testid="strategy-row"][data-strategy-id="momentum-btc-2"]');
    await row.waitFor();
    // A hair-trigger momentum: two-candle lookback, a 0.001% move.
    await row.getByTestId('strategy-param-lookback').fill('2');
    await row.getByTestId('strategy-param-threshold').fill('0.00001');
    await row.getByTestId('strategy-param-orderSize').fill('0.01');
    await row.getByTestId('strategy-save').click();
    await row.getByTestId('strategy-toggle').click();
    await expect.poll(async () => row.getAttribute('data-active')).toBe('true');

    await byTestId('signal-row').first().waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="position-row"][data-symbol="BTC/USDT"]').waitFor({ timeout: 20_000 });
    await byTestId('orders-tab-history').click();
    await expect.poll(async () => page.locator('[data-testid="history-row"]').filter({ hasText: 'momentum-btc-2' }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await row.getByTestId('strategy-toggle').click();
    await expect.poll(async () => row.getAttribute('data-active')).toBe('false');
  });

  it('places a manual limit order that rests in open orders and can be cancelled', async () => {
    await byTestId('symbol-select').selectOption('ETH/USDT');
    await byTestId('orders-tab-open').click();
    await placeFromTicket({ side: 'buy', type: 'limit', size: '0.5', price: '1000' });
    await expect.poll(async () => byTestId('ticket-message').getAttribute('data-kind')).toBe('success');
    const order = page.locator('[data-testid="order-row"]').filter({ hasText: 'ETH/USDT' });
    await order.first().waitFor();
    await order.first().getByTestId('order-cancel').click();
    await expect.poll(async () => order.count()).toBe(0);
  });

  it('shows the risk denial when an order is over the position size limit', async () => {
    // 10 ETH at about 3,200: within the cash, over the 25,000 USDT position limit.
    await placeFromTicket({ side: 'buy', type: 'market', size: '10' });
    await expect.poll(async () => byTestId('ticket-message').getAttribute('data-kind')).toBe('error');
    await expect.poll(async () => text('ticket-message')).toMatch(/MAX_POSITION_SIZE|over the 25,000 USDT limit/);
  });

  it('refuses new orders after HALT and accepts them after RESUME', async () => {
    await byTestId('halt-button').click();
    await expect.poll(async () => text('risk-state')).toBe('HALTED');
    await placeFromTicket({ side: 'buy', type: 'market', size: '0.1' });
    await expect.poll(async () => byTestId('ticket-message').getAttribute('data-kind')).toBe('error');
    await expect.poll(async () => text('ticket-message')).toMatch(/halted/i);
    await byTestId('resume-button').click();
    await expect.poll(async () => text('risk-state')).toBe('ACTIVE');
    // The refusal spoke of a halt that is over: it is gone.
    await expect.poll(async () => byTestId('ticket-message').count()).toBe(0);
    await placeFromTicket({ side: 'buy', type: 'market', size: '0.1' });
    await expect.poll(async () => byTestId('ticket-message').getAttribute('data-kind')).toBe('success');
    await page.locator('[data-testid="position-row"][data-symbol="ETH/USDT"]').waitFor();
  });

  it('leaves no open orders and no positions but unsellable dust after the KILL SWITCH', async () => {
    // Part of the 0.1 ETH held (0.09995 after the fee taken in ETH), offered far above the market.
    await placeFromTicket({ side: 'sell', type: 'limit', size: '0.05', price: '99999' });
    await byTestId('orders-tab-open').click();
    await byTestId('order-row').first().waitFor();
    await byTestId('kill-switch-button').click();
    await byTestId('confirm-yes').click();
    await expect.poll(async () => text('risk-state')).toBe('HALTED');
    await expect.poll(async () => byTestId('order-row').count()).toBe(0);
    await expect.poll(async () => page.locator('[data-testid="position-row"][data-dust="false"]').count()).toBe(0);
    // Its report is a notice of its own, and no box is left over the screen.
    await expect.poll(async () => byTestId('toast').filter({ hasText: /^Kill switch: 1 order cancelled, \d+ positions? closed[.,]/ }).count()).toBe(1);
    await byTestId('resume-button').click();
    await expect.poll(async () => text('risk-state')).toBe('ACTIVE');
  });

  it('writes a screenshot of the full screen', async () => {
    await placeFromTicket({ side: 'buy', type: 'market', size: '0.2' });
    await byTestId('symbol-select').selectOption('BTC/USDT');
    await page.waitForTimeout(1500);
    const path = screenshotPath('paper-desk.png');
    await page.screenshot({ path, fullPage: true });
    expect(statSync(path).size).toBeGreaterThan(50_000);
  });
});
