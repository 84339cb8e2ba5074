import { describe, expect, it } from 'vitest';
import { MeanReversionStrategy } from './mean-reversion.ts';
import { candleAt, candlesOf, closeTimeOf, meanReversionConfig, runCloses } from './test-candles.ts';

const config = meanReversionConfig({ period: 5, stdMultiplier: 1.5 });

// Bands over 5 closes, population std, ±1.5 std:
// i=5  [10,10,10,10,4]   mean 8.8  std 2.4  lower 5.2   → 4 below: long, (5.2 − 4) / 2.4 = 0.5
// i=6  [10,10,10,4,7]    mean 8.2  std 2.4             → 7 under the middle: long held
// i=7  [10,10,4,7,10]    mean 8.2  std 2.4             → 10 ≥ middle: flat
// i=12 [10,10,10,10,16]  mean 11.2 std 2.4  upper 14.8  → 16 above: short, (16 − 14.8) / 2.4 = 0.5
// i=13 [10,10,10,16,13]  mean 11.8 std 2.4             → 13 over the middle: short held
// i=14 [10,10,16,13,11]  mean 12   std √5.2            → 11 ≤ middle: flat
const CLOSES = [10, 10, 10, 10, 10, 4, 7, 10, 10, 10, 10, 10, 16, 13, 11];

function expectBands(meta: Record<string, number | string>, middle: number, std: number): void {
  expect(meta.middle as number).toBeCloseTo(middle, 12);
  expect(meta.std as number).toBeCloseTo(std, 12);
  expect(meta.upper as number).toBeCloseTo(middle + 1.5 * std, 12);
  expect(meta.lower as number).toBeCloseTo(middle - 1.5 * std, 12);
}

describe('MeanReversionStrategy', () => {
  it('goes long on a close below the lower band, flat at the middle, short above the upper band and flat again', () => {
    const signals = runCloses(new MeanReversionStrategy(config), CLOSES);
    const fired = signals.flatMap((s, i) => (s ? [{ i, direction: s.direction }] : []));
    expect(fired).toEqual([
      { i: 5, direction: 'long' },
      { i: 7, direction: 'flat' },
      { i: 12, direction: 'short' },
      { i: 14, direction: 'flat' },
    ]);
  });

  it('gives an entry the distance beyond the band in standard deviations and an exit full strength', () => {
    const signals = runCloses(new MeanReversionStrategy(config), CLOSES);
    const long = signals[5]!;
    expect(long).toMatchObject({ strategyId: 'mr-1', price: 4, ts: closeTimeOf(5) });
    expect(long.strength).toBeCloseTo(0.5, 12);
    expectBands(long.meta, 8.8, 2.4);

    const exit = signals[7]!;
    expect(exit).toMatchObject({ price: 10, strength: 1, ts: closeTimeOf(7) });
    expectBands(exit.meta, 8.2, 2.4);

    const short = signals[12]!;
    expect(short.strength).toBeCloseTo(0.5, 12);
    expectBands(short.meta, 11.2, 2.4);

    expectBands(signals[14]!.meta, 12, Math.sqrt(5.2));
  });

  it('does not repeat a signal while the close stays below the band', () => {
    const strategy = new MeanReversionStrategy(config);
    const signals = runCloses(strategy, [10, 10, 10, 10, 10, 4, 1]);
    expect(signals.filter((s) => s !== null).map((s) => s.direction)).toEqual(['long']);
  });

  it('reverses from long to short when a close jumps above the upper band', () => {
    const strategy = new MeanReversionStrategy(config);
    const signals = runCloses(strategy, [10, 10, 10, 10, 10, 4, 20]);
    // [10,10,10,4,20]: mean 10.8, variance (3·0.64 + 46.24 + 84.64) / 5 = 26.56
    const std = Math.sqrt(26.56);
    expect(signals[6]?.direction).toBe('short');
    expect(signals[6]?.strength).toBeCloseTo((20 - (10.8 + 1.5 * std)) / std, 12);
    expect(strategy.stats()).toMatchObject({ longSignals: 1, shortSignals: 1, flatSignals: 0 });
  });

  it('reports the bands once ready and nothing before', () => {
    const strategy = new MeanReversionStrategy(config);
    runCloses(strategy, [10, 10, 10, 10]);
    expect(strategy.indicators()).toEqual({});
    strategy.onCandle(candleAt(4, 4));
    const { middle, std } = strategy.indicators();
    expect(middle).toBeCloseTo(8.8, 12);
    expect(std).toBeCloseTo(2.4, 12);
  });

  it('sets its view during warm-up without signalling, then signals the exit at the middle', () => {
    const strategy = new MeanReversionStrategy(config);
    strategy.warmUp(candlesOf(CLOSES.slice(0, 7))); // long since i=5
    expect(strategy.history()).toEqual([]);
    expect(strategy.stats().signals).toBe(0);
    const exit = strategy.onCandle(candleAt(7, 10));
    expect(exit?.direction).toBe('flat');
    expect(strategy.history()).toEqual([exit]);
  });

  it('ignores candles that are open or of another market', () => {
    const strategy = new MeanReversionStrategy(config);
    runCloses(strategy, CLOSES.slice(0, 5));
    expect(strategy.onCandle(candleAt(5, 4, { closed: false }))).toBeNull();
    expect(strategy.onCandle(candleAt(5, 4, { symbol: 'ETH/USDT' }))).toBeNull();
    expect(strategy.onCandle(candleAt(5, 4, { timeframe: '1h' }))).toBeNull();
    expect(strategy.onCandle(candleAt(5, 4))?.strength).toBeCloseTo(0.5, 12);
  });
});
