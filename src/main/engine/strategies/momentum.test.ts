import { describe, expect, it } from 'vitest';
import { MomentumStrategy } from './momentum.ts';
import { candleAt, candlesOf, closeTimeOf, momentumConfig, runCloses } from './test-candles.ts';

const config = momentumConfig(); // lookback 3, threshold 0.05

// roc = close / close 3 candles ago − 1:
// i=3: 0 · i=4: 0.04 · i=5: 0.06 → long · i=6: 0.05 (long held) · i=7: 102/104 − 1 · i=8: 90.1/106 − 1 = −0.15 → short · i=9: 100/105 − 1
const CLOSES = [100, 100, 100, 100, 104, 106, 105, 102, 90.1, 100];

describe('MomentumStrategy', () => {
  it('signals long when the rate of change reaches the threshold and short when it falls to −threshold', () => {
    const strategy = new MomentumStrategy(config);
    const signals = runCloses(strategy, CLOSES);
    expect(signals.map((s, i) => (s ? i : -1)).filter((i) => i >= 0)).toEqual([5, 8]);

    const long = signals[5]!;
    expect(long).toMatchObject({ strategyId: 'mom-1', symbol: 'BTC/USDT', direction: 'long', price: 106, ts: closeTimeOf(5) });
    expect(long.strength).toBeCloseTo(0.6, 12); // 0.06 / (2 · 0.05)
    expect(long.meta.roc).toBeCloseTo(0.06, 12);
    expect(long.meta).toMatchObject({ threshold: 0.05, lookback: 3 });

    const short = signals[8]!;
    expect(short).toMatchObject({ direction: 'short', price: 90.1, ts: closeTimeOf(8) });
    expect(short.strength).toBe(1); // 0.15 / 0.1, capped
    expect(short.meta.roc).toBeCloseTo(-0.15, 12);
  });

  it('counts a rate of change exactly at the threshold as reaching it, though floats compute it a hair below', () => {
    // 30,030 / 30,000 − 1 = 0.001 exactly, computed as 0.00099999999999988; 29,970 / 30,000 − 1 as −0.0010000000000000009.
    const strategy = new MomentumStrategy({ ...config, params: { lookback: 1, threshold: 0.001, orderSize: 1 } });
    const signals = runCloses(strategy, [30_000, 30_030, 30_000, 29_970]);
    expect(signals.map((s) => s?.direction ?? null)).toEqual([null, 'long', null, 'short']);
  });

  it('does not repeat a signal while the view is unchanged', () => {
    const strategy = new MomentumStrategy(config);
    const signals = runCloses(strategy, [100, 100, 100, 100, 106, 112, 120, 130]);
    expect(signals.filter((s) => s !== null).map((s) => s.direction)).toEqual(['long']);
    expect(strategy.stats().signals).toBe(1);
  });

  it('records its signals newest first with counts', () => {
    const strategy = new MomentumStrategy(config);
    runCloses(strategy, CLOSES);
    expect(strategy.history().map((s) => s.direction)).toEqual(['short', 'long']);
    expect(strategy.stats()).toEqual({ signals: 2, longSignals: 1, shortSignals: 1, flatSignals: 0, lastSignalTs: closeTimeOf(8) });
  });

  it('reports the latest rate of change once ready and nothing before', () => {
    const strategy = new MomentumStrategy(config);
    runCloses(strategy, CLOSES.slice(0, 3));
    expect(strategy.indicators()).toEqual({});
    runCloses(strategy, CLOSES.slice(0, 5));
    expect(strategy.indicators().roc).toBeCloseTo(0.04, 12);
  });

  it('ignores open candles, other symbols, other timeframes and candles already seen', () => {
    const strategy = new MomentumStrategy(config);
    runCloses(strategy, CLOSES.slice(0, 5));
    expect(strategy.onCandle(candleAt(5, 106, { closed: false }))).toBeNull();
    expect(strategy.onCandle(candleAt(5, 106, { symbol: 'ETH/USDT' }))).toBeNull();
    expect(strategy.onCandle(candleAt(5, 106, { timeframe: '5m' }))).toBeNull();
    expect(strategy.onCandle(candleAt(5, 106))?.direction).toBe('long');
    expect(strategy.onCandle(candleAt(5, 106))).toBeNull();
    strategy.onCandle(candleAt(6, 105));
    strategy.onCandle(candleAt(7, 102));
    expect(strategy.indicators().roc).toBeCloseTo(102 / 104 - 1, 12);
  });

  it('sets its view during warm-up without signalling, then signals the next real crossing', () => {
    const strategy = new MomentumStrategy(config);
    strategy.warmUp(candlesOf(CLOSES.slice(0, 6))); // ends long at i=5
    expect(strategy.history()).toEqual([]);
    expect(strategy.stats().signals).toBe(0);

    expect(strategy.onCandle(candleAt(6, 105))).toBeNull(); // still long: the view came from warm-up
    expect(strategy.onCandle(candleAt(7, 102))).toBeNull();
    const short = strategy.onCandle(candleAt(8, 90.1));
    expect(short?.direction).toBe('short');
    expect(strategy.history()).toEqual([short]);
  });

  it('keeps a bounded history over many reversals while counting them all', () => {
    const zigzag = new MomentumStrategy({ ...config, params: { lookback: 2, threshold: 0.01, orderSize: 1 } });
    // 100, 100, 110, 110, …: long at i = 2, 6, 10, …; short at i = 4, 8, …; 299 signals up to i = 598.
    const closes = Array.from({ length: 600 }, (_, i) => (i % 4 < 2 ? 100 : 110));
    runCloses(zigzag, closes);
    expect(zigzag.history()).toHaveLength(200);
    expect(zigzag.history()[0].ts).toBe(closeTimeOf(598));
    expect(zigzag.history()[199].ts).toBe(closeTimeOf(200));
    expect(zigzag.stats()).toMatchObject({ signals: 299, longSignals: 150, shortSignals: 149 });
  });

  it('gives a backtest the same signals without keeping them in its history', () => {
    const logged = runCloses(new MomentumStrategy(config), CLOSES);
    const unlogged = new MomentumStrategy(config);
    expect(candlesOf(CLOSES).map((candle) => unlogged.signalFor(candle))).toEqual(logged);
    expect(unlogged.history()).toEqual([]);
  });
});
