// The trade screen as a trader uses it, at 100x on the simulated market: slow clicks on a moving book, a
// Tab walk to the ticket, the shortcuts and their help overlay, messages that go when their state does,
// and a strategy list that stays put under the mouse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { EngineSnapshot } from '../../src/shared/state.ts';
import { openBrowserDesk, screenshotPath, type BrowserDesk } from './support/browser-desk.ts';

let desk: BrowserDesk;
let page: Page;
const byTestId = (id: string) => page.getByTestId(id);

/** A press held `holdMs` on the centre of the element, as a hand does it (the book moves meanwhile). */
async function slowClick(locator: ReturnType<Page['getByTestId']>, holdMs: number): Promise<void> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error('the element is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(holdMs);
  await page.mouse.up();
}

/** Trading active again if a test before halted it. */
async function tradingActive(): Promise<void> {
  if ((await byTestId('risk-state').textContent()) !== 'ACTIVE') await byTestId('resume-button').click();
  await expect.poll(async () => byTestId('risk-state').textContent()).toBe('ACTIVE');
}

/** A market buy of `size` on the chart's symbol, from the ticket. */
async function buyAtMarket(size: string): Promise<void> {
  await byTestId('ticket-tab-market').click();
  await byTestId('ticket-side-buy').click();
  await byTestId('ticket-size').fill(size);
  await byTestId('ticket-submit').click();
}

const activeTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

beforeAll(async () => {
  desk = await openBrowserDesk({ simSpeed: 100 });
  page = desk.page;
  await byTestId('book-ask-row').nth(5).waitFor({ timeout: 15_000 });
}, 60_000);

afterAll(async () => {
  await desk?.close();
});

describe('the order book under the mouse', () => {
  it('puts the price of a level in the ticket on a click held 100 ms while the book moves, ten times out of ten', async () => {
    const rows = byTestId('book-bid-row');
    await byTestId('ticket-tab-market').click();
    for (let attempt = 0; attempt < 10; attempt++) {
      if (attempt > 0) await byTestId('ticket-price').fill('');
      const row = rows.nth(attempt % 5);
      await slowClick(row.getByTestId('book-price'), 100);
      // What the row shows when the button is released is what the ticket gets.
      const shown = Number((await row.getAttribute('data-price')) ?? 'NaN');
      const price = Number(await byTestId('ticket-price').inputValue());
      expect(price).toBeGreaterThan(0);
      expect(Math.abs(price - shown) / shown).toBeLessThan(0.01);
    }
    // From the Market tab, a price from the book makes a limit order.
    expect(await byTestId('ticket-tab-limit').getAttribute('aria-selected')).toBe('true');
  });

  it('puts a level’s size, or the total down to it, in the ticket’s size', async () => {
    const row = byTestId('book-ask-row').last();
    await slowClick(row.getByTestId('book-size'), 100);
    expect(Number(await byTestId('ticket-size').inputValue())).toBeGreaterThan(0);
    await slowClick(byTestId('book-bid-row').nth(3).getByTestId('book-total'), 100);
    const total = Number(await byTestId('ticket-size').inputValue());
    const single = Number((await byTestId('book-bid-row').first().getByTestId('book-size').textContent())?.replace(/,/g, ''));
    expect(total).toBeGreaterThan(single * 0.99);
  });
});

describe('the keyboard', () => {
  it('walks with Tab from the chart toolbar to the ticket’s submit button without losing the focus to the page', async () => {
    await page.getByTestId('timeframe-select').focus();
    const seen: (string | null)[] = [];
    for (let press = 0; press < 80 && seen.at(-1) !== 'ticket-submit'; press++) {
      await page.keyboard.press('Tab');
      seen.push(await activeTestId());
    }
    expect(seen).not.toContain('BODY');
    expect(seen.at(-1), seen.join(' ')).toBe('ticket-submit');
    expect(seen.filter((id) => id?.startsWith('book-'))).toEqual([]);
  });

  it('goes to the ticket with T, sets the side with B and S, sends with Enter and cancels the newest order with X', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('t');
    expect(await activeTestId()).toBe('ticket-price');
    await page.keyboard.press('Escape');
    await page.keyboard.press('s');
    expect(await byTestId('ticket-side-sell').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('b');
    expect(await byTestId('ticket-side-buy').getAttribute('aria-pressed')).toBe('true');

    // A buy far below the market rests; Enter in the ticket sends it.
    const bid = Number(await byTestId('book-bid-row').first().getAttribute('data-price'));
    await page.keyboard.press('t');
    await page.keyboard.type(String(Math.round(bid * 0.8)));
    await byTestId('ticket-size').fill('0.01');
    await page.keyboard.press('Enter');
    await expect.poll(async () => byTestId('ticket-message').getAttribute('data-kind')).toBe('success');
    await expect.poll(async () => byTestId('order-row').count()).toBe(1);

    await page.keyboard.press('Escape');
    await page.keyboard.press('x');
    await expect.poll(async () => byTestId('order-row').count()).toBe(0);
    await expect.poll(async () => byTestId('toast').filter({ hasText: 'Cancelled buy 0.01 BTC/USDT' }).count()).toBe(1);
    await page.keyboard.press('x');
    await expect.poll(async () => byTestId('toast').filter({ hasText: 'No open order to cancel.' }).count()).toBe(1);
  });

  it('types letters into a field rather than acting on them', async () => {
    await byTestId('ticket-size').fill('');
    await byTestId('ticket-size').focus();
    await page.keyboard.type('sxb');
    expect(await byTestId('ticket-side-buy').getAttribute('aria-pressed')).toBe('true');
    expect(await byTestId('ticket-size').inputValue()).toBe('sxb');
    await byTestId('ticket-size').fill('');
  });

  it('lists every shortcut on ?, and closes the list with Escape', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    const help = byTestId('shortcut-help');
    await help.waitFor();
    for (const text of ['Go to the order ticket', 'Ticket side: buy', 'Ticket side: sell', 'Cancel the newest open order', 'Halt trading', 'Send the order']) {
      expect(await help.textContent()).toContain(text);
    }
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('points a first-time trader to a getting-started guide, which it stops pointing to once read', async () => {
    // A fresh browser profile: the header's help button says where to begin until the help has been seen.
    await page.evaluate(() => localStorage.removeItem('hft-desk.guide'));
    await page.goto(desk.url);
    const button = byTestId('help-open');
    await expect.poll(async () => button.getAttribute('data-new')).toBe('true');
    expect(await button.textContent()).toBe('? Getting started');
    await button.click();
    const steps = byTestId('help-guide').locator('li');
    expect(await steps.count()).toBeGreaterThanOrEqual(4);
    expect(await byTestId('help-guide').textContent()).toMatch(/Click a price or size in the order book/);
    await byTestId('shortcut-help-close').click();
    expect(await button.getAttribute('data-new')).toBe('false');
    await page.goto(desk.url);
    await byTestId('book-ask-row').nth(5).waitFor({ timeout: 15_000 });
    expect(await byTestId('help-open').textContent()).toBe('?');
  });

  it('halts trading with Shift+H and says so', async () => {
    await page.keyboard.press('Shift+H');
    await expect.poll(async () => byTestId('risk-state').textContent()).toMatch(/HALTED/);
    await expect.poll(async () => byTestId('toast').filter({ hasText: 'Trading halted' }).count()).toBe(1);
  });
});

describe('messages that describe state', () => {
  it('drops a DUPLICATE_POSITION refusal from the ticket once the position it spoke of is closed', async () => {
    await byTestId('resume-button').click();
    await expect.poll(async () => byTestId('risk-state').textContent()).toBe('ACTIVE');
    await byTestId('ticket-tab-market').click();
    await byTestId('ticket-side-buy').click();
    await byTestId('ticket-size').fill('0.01');
    await byTestId('ticket-submit').click();
    const position = page.locator('[data-testid="position-row"][data-symbol="BTC/USDT"][data-dust="false"]');
    await position.waitFor();
    await byTestId('ticket-submit').click();
    await expect.poll(async () => byTestId('ticket-message').textContent()).toMatch(/DUPLICATE_POSITION|already/i);
    await position.getByTestId('position-close').click();
    await position.waitFor({ state: 'detached' });
    await expect.poll(async () => byTestId('ticket-message').count()).toBe(0);
  });
});

describe('the strategy list', () => {
  it('keeps a strategy under the mouse when it is switched on, so a second click at the same spot switches the same one off', async () => {
    const rows = byTestId('strategy-row');
    expect(await rows.count()).toBeGreaterThan(1);
    const first = await rows.first().getAttribute('data-strategy-id');
    const toggle = rows.first().getByTestId('strategy-toggle');
    const box = await toggle.boundingBox();
    if (box === null) throw new Error('the toggle is not on screen');
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.click(at.x, at.y);
    await expect.poll(async () => rows.first().getAttribute('data-active')).toBe('true');
    expect(await rows.first().getAttribute('data-strategy-id')).toBe(first);
    await page.mouse.click(at.x, at.y);
    await expect.poll(async () => rows.first().getAttribute('data-active')).toBe('false');
    expect(await page.locator('[data-testid="strategy-row"][data-active="true"]').count()).toBe(0);
  });

  it('asks before adding a strategy identical to one already there, and adds nothing when told no', async () => {
    const rows = byTestId('strategy-row');
    await byTestId('strategy-create-kind').selectOption('mean-reversion');
    await byTestId('strategy-create-symbol').selectOption('ETH/USDT');
    await byTestId('strategy-create-timeframe').selectOption('5m');
    // The default size follows the price to two digits: the second add nearly always matches the first.
    for (let add = 0; add < 3 && (await byTestId('confirm-dialog').count()) === 0; add++) {
      const before = await rows.count();
      await byTestId('strategy-create-submit').click();
      await expect.poll(async () => (await rows.count()) - before + (await byTestId('confirm-dialog').count())).toBe(1);
    }
    const dialog = byTestId('confirm-dialog');
    expect(await dialog.textContent()).toMatch(/already runs Mean reversion on ETH\/USDT 5m with the same parameters/);
    const count = await rows.count();
    await byTestId('confirm-no').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(count);
  });
});

describe('positions', () => {
  it('shows each position’s side, notional and PnL %, and closes them all at once after asking', async () => {
    await tradingActive();
    await byTestId('ticket-tab-market').click();
    for (const [symbol, side] of [
      ['BTC/USDT', 'buy'],
      ['ETH/USDT', 'buy'],
    ] as const) {
      await byTestId('symbol-select').selectOption(symbol);
      await byTestId(`ticket-side-${side}`).click();
      await byTestId('ticket-size').fill(symbol === 'BTC/USDT' ? '0.01' : '0.2');
      await byTestId('ticket-submit').click();
      await page.locator(`[data-testid="position-row"][data-symbol="${symbol}"][data-dust="false"]`).waitFor();
    }
    const rows = page.locator('[data-testid="position-row"][data-dust="false"]');
    expect(await rows.count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      const row = rows.nth(i);
      expect(await row.getByTestId('position-side').textContent()).toBe('Long');
      const size = Number(await row.getAttribute('data-size'));
      const notional = Number((await row.getByTestId('position-notional').textContent())?.replace(/,/g, ''));
      expect(notional).toBeGreaterThan(size * 100);
      expect(await row.getByTestId('position-pnl-percent').textContent()).toMatch(/^[+-]?\d+\.\d{2}%$/);
    }
    await byTestId('positions-close-all').click();
    expect(await byTestId('confirm-dialog').textContent()).toMatch(/BTC\/USDT, ETH\/USDT/);
    await byTestId('confirm-yes').click();
    await expect.poll(async () => rows.count()).toBe(0);
    expect(await byTestId('positions-close-all').isDisabled()).toBe(true);
  });

  it('lists the positions just closed as round trips with their net PnL, newest first, and their total', async () => {
    await byTestId('positions-tab-closed').click();
    const rows = byTestId('closed-trade-row');
    await expect.poll(async () => rows.count()).toBeGreaterThanOrEqual(2);
    const newest = [await rows.nth(0).getAttribute('data-symbol'), await rows.nth(1).getAttribute('data-symbol')];
    expect(newest.sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(await byTestId('positions-tab-closed').textContent()).toBe(`Closed trades (${await rows.count()})`);
    let sum = 0;
    for (const pnl of await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-pnl'))))) sum += pnl;
    const shownTotal = Number((await byTestId('closed-trades-total').textContent())?.replace(/[^\d.+-]/g, ''));
    expect(shownTotal).toBeCloseTo(sum, 2);
    await byTestId('positions-tab-open').click();
  });
});

describe('desktop notifications', () => {
  /** The titles of the notifications the page raised, through the web Notification API the desk uses. */
  const raised = () => page.evaluate(() => (window as unknown as { raised: string[] }).raised);

  it('notifies a fill and a halt, and no fill once fills are switched off in Settings', async () => {
    await page.context().grantPermissions(['notifications']);
    await page.evaluate(() => {
      const w = window as unknown as { raised: string[]; Notification: typeof Notification };
      w.raised = [];
      const Real = w.Notification;
      w.Notification = class extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          w.raised.push(`${title}: ${options?.body ?? ''}`);
        }
      } as typeof Notification;
    });
    await tradingActive();
    await byTestId('symbol-select').selectOption('BTC/USDT');
    await buyAtMarket('0.01');
    await expect.poll(raised).toContainEqual(expect.stringMatching(/^Order filled: Bought 0\.0\d* BTC\/USDT at /));

    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+H');
    await expect.poll(raised).toContainEqual(expect.stringMatching(/^Trading halted: /));

    await byTestId('settings-open').click();
    expect(await byTestId('notify-permission').getAttribute('data-permission')).toBe('granted');
    await byTestId('notify-fill').uncheck();
    await byTestId('settings-close').click();
    const before = (await raised()).length;
    await page.locator('[data-testid="position-row"][data-symbol="BTC/USDT"][data-dust="false"]').getByTestId('position-close').click();
    await page.locator('[data-testid="position-row"][data-symbol="BTC/USDT"][data-dust="false"]').waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    expect((await raised()).slice(before).filter((title) => /fill/i.test(title))).toEqual([]);
  });

  it('notifies a circuit breaker trip when the day’s loss reaches its limit', async () => {
    await tradingActive();
    const answer = await desk.host.handle('state.snapshot', {});
    if (!answer.ok) throw new Error(answer.error.message);
    const before = answer.value as EngineSnapshot;
    const { riskLimits } = before.settings;
    // The limit just past what the day has lost so far: the fees of one more buy go over it (0.1% of ~3,000 USDT).
    const lostSoFar = before.risk.usage.dailyLoss * riskLimits.dailyLossLimit;
    expect((await desk.host.handle('settings.update', { riskLimits: { ...riskLimits, dailyLossLimit: lostSoFar + 0.00001 } })).ok).toBe(true);
    await buyAtMarket('0.05');
    await expect.poll(raised, { timeout: 10_000 }).toContainEqual(expect.stringMatching(/^Circuit breaker tripped: /));
    await expect.poll(async () => byTestId('risk-state').textContent()).toBe('REDUCING');
    expect((await desk.host.handle('settings.update', { riskLimits })).ok).toBe(true);
    const position = page.locator('[data-testid="position-row"][data-symbol="BTC/USDT"][data-dust="false"]');
    await position.getByTestId('position-close').click();
    await position.waitFor({ state: 'detached' });
  });
});

describe('a tab with a token the desk does not take', () => {
  it('says what to do instead of reconnecting forever', async () => {
    const browser = page.context().browser();
    if (browser === null) throw new Error('the page has no browser');
    const context = await browser.newContext();
    const stale = await context.newPage();
    try {
      const url = new URL(desk.url);
      url.searchParams.set('token', 'a-token-from-before-the-desk-got-a-new-one');
      await stale.goto(url.toString());
      await expect.poll(async () => stale.getByTestId('connection-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('unauthorized');
      expect(await stale.getByTestId('connection-banner').textContent()).toMatch(/Open the address the desk printed when it started/);
    } finally {
      await context.close();
    }
  });
});

describe('the chart', () => {
  const chart = () => byTestId('price-chart');

  it('shows the bar under the crosshair as OHLC and volume, with separators on prices', async () => {
    await byTestId('symbol-select').selectOption('BTC/USDT');
    const legend = byTestId('chart-ohlc');
    await expect.poll(async () => legend.textContent()).toMatch(/^O \d{1,3}(,\d{3})*\.\d+ {2}H .+ {2}L .+ {2}C .+ {2}V [\d.,]+ {2}[+-]?\d+\.\d{2}%$/);
    const latest = await legend.getAttribute('data-open-time');
    const box = (await chart().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await expect.poll(async () => legend.getAttribute('data-open-time')).not.toBe(latest);
    await page.mouse.move(box.x - 20, box.y - 20);
  });

  it('tells the fills of a bar under its prices, what its markers stand for', async () => {
    await tradingActive();
    // Hour bars: at 100x a minute bar is gone in 0.6 s, before a loaded machine may have drawn the fill.
    await byTestId('timeframe-select').selectOption('1h');
    await expect.poll(async () => chart().getAttribute('data-timeframe')).toBe('1h');
    await buyAtMarket('0.01');
    const position = page.locator('[data-testid="position-row"][data-symbol="BTC/USDT"][data-dust="false"]');
    await position.waitFor();
    const legend = byTestId('chart-ohlc');
    await expect.poll(async () => legend.textContent(), { timeout: 10_000 }).toMatch(/Bought 0\.01 at [\d,]+\.\d+, fee \d+\.\d{2}/);
    await position.getByTestId('position-close').click();
    await position.waitFor({ state: 'detached' });
  });

  it('shows 4h, daily and weekly bars, backfilled from the start, weeks opening on Mondays', async () => {
    for (const [timeframe, periodMs] of [
      ['4h', 14_400_000],
      ['1d', 86_400_000],
    ] as const) {
      await byTestId('timeframe-select').selectOption(timeframe);
      await expect.poll(async () => chart().getAttribute('data-timeframe')).toBe(timeframe);
      expect(Number(await chart().getAttribute('data-candle-count'))).toBeGreaterThan(100);
      expect(Number(await chart().getAttribute('data-last-candle-time')) % periodMs).toBe(0);
    }
    await byTestId('timeframe-select').selectOption('1w');
    await expect.poll(async () => chart().getAttribute('data-timeframe')).toBe('1w');
    expect(Number(await chart().getAttribute('data-candle-count'))).toBeGreaterThan(100);
    const weekOpened = new Date(Number(await chart().getAttribute('data-last-candle-time')));
    expect([weekOpened.getUTCDay(), weekOpened.getUTCHours(), weekOpened.getUTCMinutes()]).toEqual([1, 0, 0]);
    await byTestId('timeframe-select').selectOption('1m');
  });

  it('adds SMA, EMA, RSI, MACD and ATR from the indicator picker, RSI and the others in panes of their own', async () => {
    const panes = () => chart().locator('table tr td:nth-child(2) canvas').count();
    const before = await panes();
    await byTestId('indicator-picker').locator('summary').click();
    for (const indicator of ['sma', 'ema', 'rsi', 'macd', 'atr']) await byTestId(`indicator-${indicator}`).check();
    await expect.poll(async () => chart().getAttribute('data-indicators')).toBe('sma ema rsi macd atr');
    // The averages share the price pane; RSI, MACD and ATR add one each.
    await expect.poll(panes).toBeGreaterThanOrEqual(before + 3);
    expect(await page.evaluate(() => localStorage.getItem('hft-desk.chart-indicators'))).toBe('["sma","ema","rsi","macd","atr"]');
    for (const indicator of ['sma', 'ema', 'rsi', 'macd', 'atr']) await byTestId(`indicator-${indicator}`).uncheck();
    await expect.poll(async () => chart().getAttribute('data-indicators')).toBe('');
    await byTestId('indicator-picker').locator('summary').click();
  });

  it('switches between candles, a line and Heikin-Ashi, and keeps the choice', async () => {
    for (const style of ['line', 'heikin-ashi', 'candles'] as const) {
      await byTestId('chart-style-select').selectOption(style);
      await expect.poll(async () => chart().getAttribute('data-style')).toBe(style);
    }
    await byTestId('chart-style-select').selectOption('heikin-ashi');
    expect(await page.evaluate(() => localStorage.getItem('hft-desk.chart-style'))).toBe('heikin-ashi');
    await byTestId('chart-style-select').selectOption('candles');
  });

  it('offers a way back to the latest bars once scrolled into the past', async () => {
    const jump = byTestId('chart-jump-latest');
    expect(await jump.isVisible()).toBe(false);
    const box = (await chart().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 400, box.y + box.height / 2, { steps: 10 });
    await page.mouse.up();
    await jump.waitFor({ state: 'visible' });
    await jump.click();
    await jump.waitFor({ state: 'hidden' });
  });
});

describe('times on screen', () => {
  it('says its times are UTC, and shows local time when asked', async () => {
    const toggle = byTestId('time-zone-toggle');
    expect(await toggle.textContent()).toBe('Times: UTC');
    await byTestId('orders-tab-history').click();
    expect(await byTestId('orders-time-heading').first().textContent()).toBe('Time (UTC)');
    await toggle.click();
    expect(await toggle.textContent()).toBe('Times: local');
    expect(await byTestId('orders-time-heading').first().textContent()).toBe('Time (local)');
    await toggle.click();
    expect(await toggle.getAttribute('data-zone')).toBe('utc');
  });
});

describe('the simulated market’s speed', () => {
  it('is at hand on the header in paper mode and changes the market’s pace', async () => {
    const speed = byTestId('sim-speed');
    expect(await speed.inputValue()).toBe('100');
    await speed.selectOption('10');
    await expect.poll(async () => speed.inputValue()).toBe('10');
    await byTestId('settings-open').click();
    expect(await byTestId('settings-sim-speed').inputValue()).toBe('10');
    await byTestId('settings-close').click();
    await speed.selectOption('100');
  });
});

describe('the light theme', () => {
  it('turns the screen and the chart light, and back', async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = await background();
    await byTestId('settings-open').click();
    await byTestId('settings-theme').selectOption('light');
    await byTestId('settings-close').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await background()).toBe('rgb(238, 241, 245)');
    await byTestId('price-chart').locator('canvas').first().waitFor();
    await page.screenshot({ path: screenshotPath('trade-light.png') });
    await byTestId('settings-open').click();
    await byTestId('settings-theme').selectOption('dark');
    await byTestId('settings-close').click();
    expect(await background()).toBe(dark);
  });
});

describe('the panel layout', () => {
  const heightOf = async (selector: string) => (await page.locator(selector).boundingBox())!.height;
  const widthOf = async (selector: string) => (await page.locator(selector).boundingBox())!.width;

  it('resizes the tables under the chart by dragging their edge, keeps the size when the page opens again, and gives the default back on a double click', async () => {
    const bottom = '[data-testid="trade-screen"] .area-bottom';
    const before = await heightOf(bottom);
    const chartBefore = await heightOf('[data-testid="trade-screen"] .area-chart');
    const edge = (await byTestId('splitter-bottom').boundingBox())!;
    const x = edge.x + edge.width / 2;
    const y = edge.y + edge.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y - 60, { steps: 4 });
    await page.mouse.move(x, y - 100, { steps: 4 });
    await page.mouse.up();
    expect(await heightOf(bottom)).toBeCloseTo(before + 100, -1);
    expect(await heightOf('[data-testid="trade-screen"] .area-chart')).toBeCloseTo(chartBefore - 100, -1);

    // The page opened again, as after a restart of the app.
    await page.goto(desk.url);
    await byTestId('book-ask-row').nth(5).waitFor({ timeout: 15_000 });
    expect(await heightOf(bottom)).toBeCloseTo(before + 100, -1);

    await byTestId('splitter-bottom').dblclick();
    expect(await heightOf(bottom)).toBeCloseTo(before, 0);
  });

  it('widens the order book column with the arrow keys on its edge', async () => {
    const column = '[data-testid="trade-screen"] .area-trade';
    const before = await widthOf(column);
    await byTestId('splitter-trade').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await widthOf(column)).toBeCloseTo(before + 32, 0);
    await byTestId('splitter-trade').dblclick();
    expect(await widthOf(column)).toBeCloseTo(before, 0);
  });
});

describe('updates in Settings', () => {
  it('are off until switched on with a feed, refuse a feed that is not a GitHub repository or an https address, and keep what was saved', async () => {
    await byTestId('settings-open').click();
    expect(await byTestId('updates-enabled').isChecked()).toBe(false);
    await byTestId('updates-enabled').check();
    await byTestId('updates-save').click();
    expect(await byTestId('updates-message').textContent()).toMatch(/^Name the feed to check/);
    await byTestId('updates-feed').fill('ftp://mirror.example.com/desk');
    await byTestId('updates-save').click();
    await expect.poll(async () => byTestId('updates-message').getAttribute('data-kind')).toBe('error');
    expect(await byTestId('updates-message').textContent()).toMatch(/owner\/repo.*https:\/\//);
    await byTestId('updates-feed').fill('hft-desk/hft-desk');
    await byTestId('updates-save').click();
    await expect.poll(async () => byTestId('updates-message').textContent()).toMatch(/^Saved: the app looks for new versions at hft-desk\/hft-desk/);
    await byTestId('settings-close').click();
    await byTestId('settings-open').click();
    expect(await byTestId('updates-enabled').isChecked()).toBe(true);
    expect(await byTestId('updates-feed').inputValue()).toBe('hft-desk/hft-desk');
    await byTestId('updates-enabled').uncheck();
    await byTestId('updates-save').click();
    await expect.poll(async () => byTestId('updates-message').textContent()).toBe('Saved: the app does not look for new versions.');
    await byTestId('settings-close').click();
  });
});
