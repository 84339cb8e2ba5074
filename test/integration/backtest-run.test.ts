import { describe, expect, it } from 'vitest';
import type { SymbolInfo } from '../../src/shared/market.ts';
import { SqliteJournal } from '../../src/main/adapters/journal/sqlite-journal.ts';
import { eventsFromCandles } from '../../src/main/backtest/events-from-candles.ts';
import { eventsFromSimulation, simulationSymbolInfo } from '../../src/main/backtest/events-from-simulation.ts';
import { runBacktest } from '../../src/main/backtest/run-backtest.ts';
import { candle, inputFrom, request, sampleInput } from './backtest-support.ts';

// A symbol with round numbers: 0.01 tick, 0.001 lot, 0.1% taker fee.
const TEST_BTC: SymbolInfo = { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', market: 'spot', tickSize: 0.01, lotSize: 0.001, minSize: 0.001, minNotional: 0, makerFee: 0, takerFee: 0.001 };
const T0 = Date.UTC(2024, 4, 1, 0, 0);
const MIN = 60_000;

/**
 * Momentum with lookback 2 and a 1% threshold on six 1-minute candles closing 100, 100, 102, 101,
 * 99, 99. The books sit a tick either side of each print (spreadBps 0), the touch holding 1 BTC.
 */
function handMadeRun(market: 'spot' | 'margin' = 'margin') {
  const candles = [
    candle(T0, 100, 100, 100, 100, 4),
    candle(T0 + MIN, 100, 100, 100, 100, 4),
    candle(T0 + 2 * MIN, 100, 102, 100, 102, 4), // closes +2% on 2 bars ago: long
    candle(T0 + 3 * MIN, 102, 102, 101, 101, 4), // +1% on 2 bars ago: still long
    candle(T0 + 4 * MIN, 101, 101, 99, 99, 4), // −2.94% on 2 bars ago: short
    candle(T0 + 5 * MIN, 99, 99, 99, 99, 4),
  ];
  const req = request({
    strategy: { kind: 'momentum', params: { lookback: 2, threshold: 0.01, orderSize: 1 } },
    from: T0,
    to: T0 + 6 * MIN,
    startingCapital: 10_000,
    market,
  });
  return runBacktest(inputFrom(req, TEST_BTC, eventsFromCandles(candles, TEST_BTC, { spreadBps: 0 })));
}

describe('runBacktest', () => {
  it('on spot, buys 1 BTC at the 102.01 ask, keeps 0.999 after the fee in BTC, and sells exactly that on the short signal instead of going short', async () => {
    const outcome = await handMadeRun('spot');
    expect(outcome.fills).toEqual([
      { ts: T0 + 3 * MIN, side: 'buy', price: 102.01, size: 1 },
      { ts: T0 + 5 * MIN, side: 'sell', price: 98.99, size: 0.999 },
    ]);
    // Cash: 10,000 − 102.01 + 0.999 × 98.99 × (1 − 0.001) = 9,996.7793… and nothing held.
    expect(outcome.metrics.finalEquity).toBeCloseTo(10_000 - 102.01 + 0.999 * 98.99 * 0.999, 6);
    expect(outcome.trades).toHaveLength(1);
    expect(outcome.trades[0]).toMatchObject({ side: 'long', exitPrice: 98.99 });
  });

  it('on a margin market, buys 1 BTC at the 102.01 ask when the third candle closes and flips short across two bid levels at the fifth', async () => {
    const outcome = await handMadeRun();
    expect(outcome.fills).toEqual([
      { ts: T0 + 3 * MIN, side: 'buy', price: 102.01, size: 1 },
      // Selling 2 (close the long, open the short) takes the 1 BTC touch at 98.99 and 1 of the 2 at 98.97.
      { ts: T0 + 5 * MIN, side: 'sell', price: 98.99, size: 1 },
      { ts: T0 + 5 * MIN, side: 'sell', price: 98.97, size: 1 },
    ]);
  });

  it('books the long as one losing round trip of −3.02 less 0.201 of fees, and leaves the short open', async () => {
    const { trades, metrics } = await handMadeRun();
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ side: 'long', entryTs: T0 + 3 * MIN, exitTs: T0 + 5 * MIN, size: 1, entryPrice: 102.01, exitPrice: 98.99 });
    expect(trades[0].fees).toBeCloseTo(0.10201 + 0.09899, 9);
    expect(trades[0].pnl).toBeCloseTo(-3.02 - 0.201, 9);
    expect(metrics.trades).toBe(1);
    expect(metrics.winRate).toBe(0);
    expect(metrics.profitFactor).toBe(0);
    expect(metrics.feesPaid).toBeCloseTo(0.10201 + 0.09899 + 0.09897, 9);
    // In a position from minute 3 to the end at minute 6: half of the six minutes.
    expect(metrics.exposure).toBeCloseTo(0.5, 12);
  });

  it('records equity at every candle close: cash plus the position marked at the mid', async () => {
    const { equity, metrics } = await handMadeRun();
    // After the buy: cash 10,000 − 102.01 − 0.10201 = 9,897.88799, plus 1 BTC at 102, then at 101.
    // After the flip: cash 9,897.88799 + 98.99 + 98.97 − 0.19796 = 10,095.65003, short 1 at 99.
    const expected = [10_000, 10_000, 10_000, 9_999.88799, 9_998.88799, 9_996.65003, 9_996.65003];
    expect(equity.map((p) => p.ts)).toEqual(expected.map((_, i) => T0 + i * MIN));
    equity.forEach((point, i) => expect(point.equity).toBeCloseTo(expected[i], 6));
    expect(metrics.finalEquity).toBeCloseTo(9_996.65003, 6);
    expect(metrics.totalReturn).toBeCloseTo(-0.000334997, 9);
    expect(metrics.maxDrawdown).toBeCloseTo(3.34997 / 10_000, 9);
  });

  it('gives identical outcomes for the same input, to the last digit', async () => {
    const input = sampleInput({ to: sampleInput().request.from + 86_400_000 });
    const first = await runBacktest(input);
    const second = await runBacktest(input);
    expect(first.trades.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
  });

  it('gives identical outcomes for two runs on the simulated market from the same seed', async () => {
    const from = Date.UTC(2024, 4, 1);
    const to = from + 30 * MIN;
    const req = request({ strategy: { kind: 'mean-reversion', params: { period: 5, stdMultiplier: 1, orderSize: 0.05 } }, from, to, source: { kind: 'simulated', seed: 42 } });
    const info = simulationSymbolInfo('BTC/USDT');
    const first = await runBacktest(inputFrom(req, info, eventsFromSimulation(42, 'BTC/USDT', from, to)));
    const second = await runBacktest(inputFrom(req, info, eventsFromSimulation(42, 'BTC/USDT', from, to)));
    expect(first.fills.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
  });

  it('reports progress every 10,000 events and stops early when asked, covering what ran', async () => {
    const input = sampleInput();
    const calls: [number, number][] = [];
    const outcome = await runBacktest(input, { progressEvery: 10_000, onProgress: (done, total) => calls.push([done, total]), shouldStop: () => calls.length === 3 });
    // 7,200 candles × 4 points × (trade, book, ticker) = 86,400 events.
    expect(calls).toEqual([[10_000, 86_400], [20_000, 86_400], [30_000, 86_400], [30_000, 86_400]]);
    expect(outcome.events).toBe(30_000);
    // 30,000 events are 2,500 candles: 2,500 closes after the starting point.
    expect(outcome.equity.length).toBeLessThanOrEqual(2_000);
    expect(outcome.equity[outcome.equity.length - 1].ts).toBe(input.request.from + 2_500 * MIN);
  });

  it('writes signals, orders and fills to the journal it is given', async () => {
    const journal = new SqliteJournal(':memory:');
    const outcome = await runBacktest(sampleInput({ to: sampleInput().request.from + 6 * 3_600_000 }), {}, journal);
    const saved = journal.load(1_000_000);
    journal.close();
    expect(saved.fills).toHaveLength(outcome.fills.length);
    expect(saved.recentSignals.length).toBeGreaterThan(0);
    expect(saved.recentOrders.every((o) => o.source === 'strategy:momentum-btc')).toBe(true);
  });

  it('refuses a strategy parameter that is out of range, naming it', async () => {
    await expect(runBacktest(sampleInput({ strategy: { kind: 'momentum', params: { threshold: 0 } } }))).rejects.toThrow(/momentum strategy's threshold is not valid \(got 0\)/);
  });

  it('says there is no data when the span holds no event of the symbol', async () => {
    const input = sampleInput();
    await expect(runBacktest({ ...input, request: { ...input.request, from: T0 - 10 * MIN, to: T0 - MIN } })).rejects.toThrow(
      'There is no BTC/USDT market data between 2024-04-30T23:50:00.000Z and 2024-04-30T23:59:00.000Z.',
    );
  });
});
