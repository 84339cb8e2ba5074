// Market data from the exchange into the engine: streams, chart history, health, silence and polling.
import { afterEach, describe, expect, it } from 'vitest';
import type { Denial } from '../../src/shared/risk.ts';
import type { BinanceSim } from '../support/exchange-sim/binance-sim.ts';
import { FAST, Harness, marketAt60k, sleep, SYMBOL, waitFor, type ExchangeSession } from './exchange-harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

/** A live session on a fresh sim whose book and ticker sit at 60,000, with the given stale limit. */
async function liveAt60k(staleFeedMs: number): Promise<{ sim: BinanceSim; s: ExchangeSession }> {
  h = new Harness();
  const sim = await h.sim();
  const s = await h.session(sim, 'live', { riskLimits: { staleFeedMs } });
  await marketAt60k(sim, s);
  return { sim, s };
}

/** A buy on the symbol is refused as STALE_FEED; the denial, for more checks. */
function expectRefusedAsStale(s: ExchangeSession): Denial {
  const outcome = s.engine.placeOrder({ symbol: SYMBOL, side: 'buy', type: 'limit', size: 0.01, price: 59_000 });
  if (outcome.ok) throw new Error('the order went through on a stale feed');
  expect(outcome.denial.code).toBe('STALE_FEED');
  return outcome.denial;
}

describe('ccxt feed on the Binance simulator', () => {
  it("streams the exchange's book, trades and ticker into the engine and backfills the chart", async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    expect(s.engine.snapshot().candles.length).toBeGreaterThan(0);
    await marketAt60k(sim, s);
    const snap = s.engine.snapshot();
    expect(snap.book!.asks[0]).toEqual([60_010, 1]);
    expect(snap.tickers[SYMBOL]).toMatchObject({ bid: 60_000, ask: 60_010, last: 60_005 });
    expect(snap.feed).toMatchObject({ source: 'binance', status: 'live' });
    await sleep(1_100);
    expect(s.desk.feed.health().eventsPerSecond).toBeGreaterThan(0);
  });

  it('pauses trading with STALE_FEED when the exchange goes silent and resumes when data flows again', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live', { riskLimits: { staleFeedMs: 400 }, timing: { ...FAST, feed: { ...FAST.feed, staleAfterMs: 400 } } });
    await marketAt60k(sim, s);
    sim.fault.silence(true);
    sim.setBook('BTCUSDT', [[60_050, 1]], [[60_060, 1]]);
    await sleep(600);
    s.engine.housekeeping();
    expect(s.desk.feed.health().status).toBe('stale');
    expectRefusedAsStale(s);
    expect(sim.orders()).toHaveLength(0);

    sim.fault.silence(false);
    sim.printTrade('BTCUSDT', 60_055, 0.001, 'BUY');
    await waitFor('data again', () => s.desk.feed.health().status === 'live');
    s.engine.housekeeping();
    expect(s.engine.snapshot().risk.staleSymbols).toEqual([]);
    expect(s.engine.snapshot().log.some((l) => /Market data for BTC\/USDT is back/.test(l.message))).toBe(true);
  });

  it('pauses trading on a dropped stream at once, before any silence timeout, and resumes when data returns', async () => {
    // A stale timeout far longer than the test: only the feed's own signal can pause trading here.
    const { sim, s } = await liveAt60k(60_000);
    sim.fault.dropConnections();
    await waitFor('the stale signal', () => s.engine.snapshot().risk.staleSymbols.includes(SYMBOL));
    expect(expectRefusedAsStale(s).message).toMatch(/BTC\/USDT/);
    sim.printTrade('BTCUSDT', 60_005, 0.001, 'BUY');
    await waitFor('the stream back', () => s.engine.snapshot().risk.staleSymbols.length === 0, 15_000);
    expect(sim.orders()).toHaveLength(0);
  });

  it('keeps a dropped stream paused through housekeeping until data really returns', async () => {
    const { sim, s } = await liveAt60k(60_000);
    sim.fault.dropConnections();
    await waitFor('the stale signal', () => s.engine.snapshot().risk.staleSymbols.includes(SYMBOL));
    // The last data is seconds old at most, far inside the stale limit: housekeeping must not resume trading on it.
    s.engine.housekeeping();
    expect(s.engine.snapshot().risk.staleSymbols).toEqual([SYMBOL]);
    expectRefusedAsStale(s);
    expect(sim.orders()).toHaveLength(0);
  });

  it('refuses an order the moment its market data passes the stale limit, before housekeeping has run', async () => {
    const { sim, s } = await liveAt60k(400);
    sim.fault.silence(true);
    await sleep(600);
    expectRefusedAsStale(s);
    expect(sim.orders()).toHaveLength(0);
  });

  it('polls the book over REST when the exchange has no websockets in ccxt', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'shadow', {
      adjust: (exchange) => {
        exchange.has = { ...exchange.has, watchOrderBook: false, watchTrades: false, watchTicker: false };
      },
    });
    sim.setBook('BTCUSDT', [[60_200, 1]], [[60_210, 2]]);
    await waitFor('the polled book', () => s.engine.snapshot().book?.asks[0]?.[1] === 2);
    sim.setBook('BTCUSDT', [[60_200, 1]], [[60_210, 3]]);
    await waitFor('the next polled book', () => s.engine.snapshot().book?.asks[0]?.[1] === 3);
    expect(sim.requests().filter((r) => r.path === '/api/v3/depth').length).toBeGreaterThan(1);
    sim.printTrade('BTCUSDT', 60_205, 0.3, 'BUY');
    await waitFor('the polled ticker', () => s.engine.snapshot().tickers[SYMBOL]?.last === 60_205);
  });
});
