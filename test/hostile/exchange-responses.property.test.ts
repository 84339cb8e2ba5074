// Hostile exchange responses: ccxt's own binance class against the loopback simulator, whose replies and
// stream messages are garbled on the way out (truncated JSON, wrong types, NaN and "abc" prices, negative
// sizes, missing fields). Whatever arrives, the live desk keeps running; no price or size that is not a
// positive number reaches the book, candles, tickers, fills or positions; garbage changes no money; a
// garbled order answer leaves the order UNKNOWN until a lookup settles it; and the truth still gets in.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/main/desk.ts';
import type { BinanceSim } from '../support/exchange-sim/binance-sim.ts';
import { propertyRuns } from '../support/property-runs.ts';
import { Harness, heldAt, marketAt60k, orderIn, placeLimit, simGateway, SYMBOL, waitFor, type ExchangeSession } from '../integration/exchange-harness.ts';
import { COMMISSION_RATE } from '../support/exchange-sim/venue.ts';
import { describeMangling, mangled, manglings, type Mangling } from './hostile-documents.ts';

let h: Harness;
let sim: BinanceSim;
let s: ExchangeSession;
const unexpected: unknown[] = [];
const onUnexpected = (error: unknown): void => void unexpected.push(error);

beforeAll(async () => {
  process.on('uncaughtException', onUnexpected);
  process.on('unhandledRejection', onUnexpected);
  h = new Harness();
  sim = await h.sim({ balances: { USDT: 10_000_000, BTC: 1, ETH: 10 } }); // room for many buys when HFT_PROPERTY_RUNS is raised
  // ccxt prints every frame it cannot parse; the desk's own log is what is checked here.
  s = await h.session(sim, 'live', { adjust: (exchange) => void (exchange.log = () => {}) });
  await marketAt60k(sim, s);
});
afterEach(() => {
  sim.fault.clearMangles();
  sim.fault.delayFills(0);
});
afterAll(async () => {
  await h?.close();
  process.off('uncaughtException', onUnexpected);
  process.off('unhandledRejection', onUnexpected);
});

/**
 * Fields that name an order or trade, and the order book's update ids. A well-formed but different id
 * is not garbage an edge can see (it reads as a report on another order), and ccxt takes a well-formed
 * but wrong book update id as the book's new sequence and then ignores every later update; so these are
 * only garbled into wrong types here.
 */
const IDS = new Set(['orderId', 'clientOrderId', 'origClientOrderId', 'i', 'c', 'C', 't', 'id', 'tradeId', 'subscriptionId', 'U', 'u', 'lastUpdateId']);

/** Where Binance puts prices and sizes: book levels, trade, ticker and kline fields, order and balance amounts. */
const VALUES = new Set([
  'b', 'a', 'bids', 'asks', 'p', 'q', 'c', 'o', 'h', 'l', 'v', 'price', 'qty', 'origQty', 'executedQty', 'cummulativeQuoteQty',
  'commission', 'fills', 'L', 'z', 'n', 'Z', 'Y', 'balances', '1', '2', '3', '4', '5',
]);

function garble(m: Mangling): (message: unknown) => string {
  return (message) => mangled(message, m, { ids: IDS, values: VALUES });
}

// ---- what must hold after any garbage ----

const positive = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n) && n > 0;

function expectSaneEngine(): void {
  const snap = s.engine.snapshot();
  for (const [price, size] of [...(snap.book?.bids ?? []), ...(snap.book?.asks ?? [])]) {
    expect(positive(price) && positive(size), `book level ${price} x ${size}`).toBe(true);
  }
  for (const t of Object.values(snap.tickers)) expect(positive(t.bid) && positive(t.ask) && positive(t.last), JSON.stringify(t)).toBe(true);
  for (const c of snap.candles) {
    expect([c.open, c.high, c.low, c.close].every(positive) && c.volume >= 0 && Number.isFinite(c.volume), JSON.stringify(c)).toBe(true);
  }
  const fills = [...snap.fills, ...s.journal.load(10).fills];
  for (const f of fills) expect(positive(f.price) && positive(f.size) && Number.isFinite(f.fee) && Number.isFinite(f.ts), JSON.stringify(f)).toBe(true);
  for (const p of snap.positions) expect(Number.isFinite(p.size) && Number.isFinite(p.avgPrice) && Number.isFinite(p.realizedPnl), JSON.stringify(p)).toBe(true);
  expect(Number.isFinite(snap.account.cash) && Number.isFinite(snap.account.equity)).toBe(true);
  for (const o of [...snap.openOrders, ...snap.orderHistory]) {
    const sane = positive(o.size) && (o.price === undefined || positive(o.price)) && o.filled >= 0 && o.filled <= o.size + 1e-12 && Number.isFinite(o.fees);
    expect(sane, JSON.stringify(o)).toBe(true);
  }
  expect(unexpected).toEqual([]);
}

/** What garbage must not change: money, positions and the journal. */
function money() {
  const snap = s.engine.snapshot();
  return { cash: snap.account.cash, positions: snap.positions.map((p) => [p.symbol, p.size]), fills: s.journal.load(10).fills.length };
}

/** Every clean print gets a price of its own, so seeing it proves it arrived. */
let nextPrice = 60_001;
/** Clean trades and book updates until the engine shows one: the feed survived and the truth gets in. */
async function marketStillFlows(): Promise<void> {
  let last = '';
  for (let tries = 0; tries < 40; tries++) {
    const price = nextPrice++;
    sim.setBook('BTCUSDT', [[price - 10, 1]], [[price + 10, 1]]);
    sim.printTrade('BTCUSDT', price, 0.001, 'BUY');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const snap = s.engine.snapshot();
    const arrived = {
      book: snap.book?.bids.some(([p]) => p === price - 10) === true,
      ticker: snap.tickers[SYMBOL]?.last === price,
      candle: snap.candles.at(-1)?.close === price,
      trading: snap.risk.staleSymbols.length === 0,
    };
    if (Object.values(arrived).every(Boolean)) return;
    last = `${JSON.stringify(arrived)}; bids ${JSON.stringify(snap.book?.bids.slice(0, 3))}; ${s.logs.slice(-3).join(' | ')}`;
  }
  expect.fail(`clean market data no longer reaches the engine: ${last}`);
}

// ---- one known-bad message of each kind, and the line the trader reads about it ----
// First in the file: each kind of bad data is logged the first time and then only every hundredth.

type Json = Record<string, unknown>;
const rewrite = (edit: (message: Json) => void) => (message: unknown): unknown => {
  edit(message as Json);
  return message;
};

describe('one bad message of each kind', () => {
  it.each([
    ['stream trade', rewrite((m) => void (m.p = '-5')), /Binance sent a trade for BTC\/USDT with price -5 and size 0\.001, which cannot be right; it was dropped\./],
    ['stream depth', rewrite((m) => void (m.b = [['-60000', '1'], ...(m.b as unknown[])])), /Binance sent an order book level for BTC\/USDT at price -60000 with size 1, which cannot be right; it was left out\./],
    ['stream miniTicker', rewrite((m) => void (m.c = '-1')), /Binance sent a ticker for BTC\/USDT with last -1, which cannot be right; it was dropped\./],
  ] as const)('%s', async (where, edit, line) => {
    const before = { money: money(), logs: s.logs.length };
    sim.fault.mangle(where, edit);
    await marketStillFlows();
    expect(s.logs.slice(before.logs).join('\n')).toMatch(line);
    expectSaneEngine();
    expect(money()).toEqual(before.money);
  });

  it('leaves a candle with a negative open out of the chart history and says so', async () => {
    const before = s.logs.length;
    sim.fault.mangle('GET /api/v3/klines', rewrite((rows) => void ((rows as unknown as string[][])[0]![1] = '-0.01')));
    const candles = await s.desk.feed.history(SYMBOL, '1m', 50);
    expect(candles.length).toBeGreaterThan(0);
    expect(candles.every((c) => c.open > 0)).toBe(true);
    expect(s.logs.slice(before).join('\n')).toMatch(/Binance sent 1 of \d+ 1m candles for BTC\/USDT that cannot be right .*left out of the chart/);
  });

  it('takes an order answer with a negative filled size as no answer: UNKNOWN, looked up, then filled as the exchange says', async () => {
    await marketStillFlows();
    sim.fault.delayFills(2_500);
    sim.fault.mangle('POST /api/v3/order', rewrite((m) => void (m.executedQty = '-1')));
    const order = placeLimit(s, 'buy', 0.01, 59_900);
    await waitFor('the order to be found after the lookup', () => orderIn(s, order.clientOrderId)?.status === 'open');
    const engineLog = s.engine.snapshot().log.map((l) => l.message).join('\n');
    expect(engineLog).toContain(`Order ${order.clientOrderId} is UNKNOWN until the exchange confirms it: Binance answered with an order report that cannot be right`);
    expect(s.logs.join('\n')).toContain(`Binance sent a report on order ${order.clientOrderId} that cannot be right (filled -1 of 0.01)`);
    sim.fault.delayFills(0);
    sim.fillOrder(order.clientOrderId, 0.01);
    await waitFor('the fill', () => orderIn(s, order.clientOrderId)?.status === 'filled');
    expect(s.journal.load(10).fills.filter((f) => f.clientOrderId === order.clientOrderId).map((f) => f.size)).toEqual([0.01]);
    expectSaneEngine();
  });

  it('skips a fill with a negative size without spending its trade id, so the true fill still counts', async () => {
    await marketStillFlows();
    const order = placeLimit(s, 'buy', 0.01, 59_900);
    await waitFor('the order to be open', () => orderIn(s, order.clientOrderId)?.status === 'open');
    sim.fault.mangle('user executionReport', rewrite((m) => void ((m.event as Json).l = '-0.01')));
    sim.fillOrder(order.clientOrderId, 0.01);
    await waitFor('the fill, fetched again over REST', () => orderIn(s, order.clientOrderId)?.status === 'filled');
    const trade = sim.trades().at(-1)!;
    expect(s.logs.join('\n')).toContain(`Binance sent trade ${trade.id} of order ${order.clientOrderId} that cannot be right (size -0.01)`);
    expect(s.journal.load(10).fills.filter((f) => f.clientOrderId === order.clientOrderId).map((f) => [f.tradeId, f.size])).toEqual([[String(trade.id), 0.01]]);
    expectSaneEngine();
  });

  it('applies a fill only once the order report covers it, so a size ccxt filled in from the order is never journaled', async () => {
    await marketStillFlows();
    const order = placeLimit(s, 'buy', 0.01, 59_900);
    await waitFor('the order to be open', () => orderIn(s, order.clientOrderId)?.status === 'open');
    // Without the last executed quantity, ccxt gives the trade the whole order's quantity (0.01).
    sim.fault.mangle('user executionReport', rewrite((m) => void ((m.event as Json).l = null)));
    sim.fillOrder(order.clientOrderId, 0.004);
    sim.fillOrder(order.clientOrderId, 0.006);
    await waitFor('both fills', () => orderIn(s, order.clientOrderId)?.status === 'filled');
    const truth = sim.trades().slice(-2).map((t) => [String(t.id), t.qty]);
    expect(s.journal.load(10).fills.filter((f) => f.clientOrderId === order.clientOrderId).map((f) => [f.tradeId, f.size])).toEqual(truth);
    expect(truth.map(([, qty]) => qty)).toEqual([0.004, 0.006]);
    expectSaneEngine();
  });

  it('reads the trade list before believing an order closed with nothing filled', async () => {
    await marketStillFlows();
    sim.fault.delayFills(2_500); // only the poll can tell the desk
    const order = placeLimit(s, 'buy', 0.01, 59_900);
    await waitFor('the order to be open', () => orderIn(s, order.clientOrderId)?.status === 'open');
    // Wrong but coherent: nothing filled, for nothing.
    sim.fault.mangle('GET /api/v3/order', rewrite((m) => Object.assign(m, { executedQty: '0', cummulativeQuoteQty: '0' })));
    sim.fillOrder(order.clientOrderId, 0.01);
    await waitFor('the fill from the trade list', () => orderIn(s, order.clientOrderId)?.status === 'filled');
    const trade = sim.trades().at(-1)!;
    expect(s.journal.load(10).fills.filter((f) => f.clientOrderId === order.clientOrderId).map((f) => [f.tradeId, f.size])).toEqual([[String(trade.id), 0.01]]);
  });

  it('refuses to open a desk on a negative balance, saying which', async () => {
    sim.fault.mangle('GET /api/v3/account', rewrite((m) => void ((m.balances as Json[]).find((b) => b.asset === 'USDT')!.free = '-100')));
    const opening = simGateway(sim, []).openDesk({
      mode: 'live',
      exchange: { id: 'binance', testnet: false, symbols: [SYMBOL] },
      credentials: { apiKey: sim.apiKey, secret: sim.secret },
      log: () => {},
    });
    await expect(opening).rejects.toThrow('Could not read the balance on Binance: it sent USDT free -100, which cannot be right.');
  });
});

// ---- the properties ----

describe('garbled market data', () => {
  // Not the REST book snapshot: ccxt waits for a readable one forever, with no error to act on.
  const target = fc.constantFrom('stream trade', 'stream miniTicker', 'stream depth');

  it('never reaches the engine as a price or size that is not a positive number, changes no money, and the feed recovers', async () => {
    await fc.assert(
      fc.asyncProperty(target, manglings, fc.integer({ min: 1, max: 3 }), async (where, m, count) => {
        const before = money();
        sim.fault.clearMangles();
        sim.fault.mangle(where, garble(m), count);
        await marketStillFlows();
        expectSaneEngine();
        expect(money(), `${where}: ${describeMangling(m)}`).toEqual(before);
      }),
      { numRuns: propertyRuns(6) },
    );
  });

  it('leaves bad candles out of the chart history', async () => {
    await fc.assert(
      fc.asyncProperty(manglings, fc.integer({ min: 1, max: 3 }), async (m, count) => {
        sim.fault.clearMangles();
        sim.fault.mangle('GET /api/v3/klines', garble(m), count);
        const candles = await s.desk.feed.history(SYMBOL, '1m', 50);
        for (const c of candles) {
          expect([c.open, c.high, c.low, c.close].every(positive) && c.high >= c.low && c.volume >= 0, `${describeMangling(m)}: ${JSON.stringify(c)}`).toBe(true);
        }
      }),
      { numRuns: propertyRuns(10) },
    );
  });
});

describe('garbled answers about our own orders', () => {
  const target = fc.constantFrom('POST /api/v3/order', 'GET /api/v3/order', 'GET /api/v3/myTrades', 'user executionReport');
  const garbage = fc.array(fc.tuple(target, manglings, fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 3 });

  it('applies exactly the fills the exchange made, never a garbled one, and ends with the order filled', async () => {
    await fc.assert(
      // Lagging: the order stream runs late, so order lookups and trade lists over REST tell the desk first.
      fc.asyncProperty(garbage, fc.boolean(), async (plan, lagging) => {
        const what = `${lagging ? 'lagging stream; ' : ''}${plan.map(([where, m, count]) => `${where} x${count}: ${describeMangling(m)}`).join('; ')}`;
        await marketStillFlows();
        const positionBefore = s.engine.snapshot().positions.find((p) => p.symbol === SYMBOL)?.size ?? 0;
        const adjustmentsBefore = s.journal.load(10).adjustments.length;
        sim.fault.clearMangles();
        sim.fault.delayFills(lagging ? 2_500 : 0);
        for (const [where, m, count] of plan) sim.fault.mangle(where, garble(m), count);

        const order = placeLimit(s, 'buy', 0.01, 59_900);
        await waitFor('the order at the exchange', () => sim.orders().find((o) => o.clientOrderId === order.clientOrderId));
        sim.fillOrder(order.clientOrderId, 0.004);
        sim.fillOrder(order.clientOrderId, 0.006);
        const done = await waitFor(`the order to settle filled (${what})`, () => (orderIn(s, order.clientOrderId)?.status === 'filled' ? orderIn(s, order.clientOrderId) : undefined), 10_000);

        const venueOrderId = String(sim.orders().find((o) => o.clientOrderId === order.clientOrderId)!.orderId);
        const truth = sim.trades().filter((t) => String(t.orderId) === venueOrderId).map((t) => [String(t.id), t.price, t.qty]);
        const applied = s.journal.load(10).fills.filter((f) => f.clientOrderId === order.clientOrderId).map((f) => [f.tradeId, f.price, f.size]);
        expect(applied.sort(), what).toEqual(truth.sort());
        expect(done!.filled).toBeCloseTo(0.01, 10);
        // The position is what the exchange holds, from the fills alone: no correction was needed.
        expect(s.engine.snapshot().positions.find((p) => p.symbol === SYMBOL)?.size).toBeCloseTo(positionBefore + 0.01 * (1 - COMMISSION_RATE), 10);
        expect(s.engine.snapshot().positions.find((p) => p.symbol === SYMBOL)?.size).toBeCloseTo(heldAt(sim, 'BTC'), 10);
        expect(s.journal.load(10).adjustments, what).toHaveLength(adjustmentsBefore);
        expectSaneEngine();
      }),
      {
        numRuns: propertyRuns(3),
        // Found by this property: an empty answer to the order, then a lookup saying "filled" with 0 filled;
        // a lookup saying "filled" with nothing filled, then a trade list with one trade unreadable, or empty.
        examples: [
          [[['POST /api/v3/order', { kind: 'cut', fraction: 0 }, 1], ['GET /api/v3/order', { kind: 'number', pick: 2, raw: '0' }, 1]], true],
          [[['GET /api/v3/myTrades', { kind: 'number', pick: 0, raw: '"NaN"' }, 1], ['GET /api/v3/order', { kind: 'number', pick: 1570204818, raw: '0' }, 1]], true],
          [[['GET /api/v3/order', { kind: 'number', pick: 2147483626, raw: 'null' }, 1], ['GET /api/v3/myTrades', { kind: 'text', text: '' }, 1]], true],
          [[['POST /api/v3/order', { kind: 'number', pick: 0, raw: '"NaN"' }, 1]], false],
        ],
      },
    );
  });
});

describe('a garbled account balance', () => {
  it('either opens the desk on a readable balance or refuses with a sentence saying so', async () => {
    const logs: string[] = [];
    const gateway = simGateway(sim, logs, undefined, (exchange) => void (exchange.log = () => {}));
    await fc.assert(
      fc.asyncProperty(manglings, fc.constantFrom<'live' | 'shadow'>('live', 'shadow'), async (m, mode) => {
        sim.fault.clearMangles();
        sim.fault.mangle('GET /api/v3/account', garble(m));
        let desk: Desk | undefined;
        try {
          desk = await gateway.openDesk({
            mode,
            exchange: { id: 'binance', testnet: false, symbols: [SYMBOL] },
            credentials: { apiKey: sim.apiKey, secret: sim.secret },
            log: (line) => logs.push(line),
          });
        } catch (error) {
          expect((error as Error).message, describeMangling(m)).toMatch(/^Could not read the balance on Binance/);
          return;
        }
        await desk.close();
        expect(Number.isFinite(desk.startingCapital) && desk.startingCapital! >= 0, `${describeMangling(m)}: capital ${desk.startingCapital}`).toBe(true);
      }),
      { numRuns: propertyRuns(4), examples: [[{ kind: 'cut', fraction: 0.5 }, 'live']] },
    );
    expect(unexpected).toEqual([]);
  });

  it('keeps the positions when a holdings check reads a garbled balance, and says so', async () => {
    const before = money();
    const adjustments = s.journal.load(10).adjustments.length;
    const accountReads = () => sim.requests().filter((r) => r.path === '/api/v3/account').length;
    const readsBefore = accountReads();
    sim.fault.mangle('GET /api/v3/account', rewrite((m) => void ((m.balances as Json[]).find((b) => b.asset === 'BTC')!.free = '-100')), 3);
    await waitFor('three garbled holdings reads', () => accountReads() >= readsBefore + 3, 5_000);
    expect(s.logs.some((line) => /^Binance sent a balance that cannot be right \(.*\); the desk keeps its positions/.test(line))).toBe(true);
    expect(money()).toEqual(before);
    expect(s.journal.load(10).adjustments).toHaveLength(adjustments);
  });
});
