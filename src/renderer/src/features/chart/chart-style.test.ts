import { describe, expect, it } from 'vitest';
import { heikinAshi } from './chart-style.ts';

const bar = (openTime: number, open: number, high: number, low: number, close: number) => ({ openTime, open, high, low, close });

describe('Heikin-Ashi bars', () => {
  it('open at the midpoint of the previous bar and close at the average of their own four prices', () => {
    const bars = heikinAshi([bar(0, 10, 14, 8, 12), bar(60, 12, 16, 11, 15)]);
    expect(bars[0]).toEqual(bar(0, 11, 14, 8, 11)); // open (10+12)/2, close (10+14+8+12)/4
    expect(bars[1]).toEqual(bar(60, 11, 16, 11, 13.5)); // open (11+11)/2, close (12+16+11+15)/4
  });

  it('stretch the high and low to take in their own open and close', () => {
    const [, second] = heikinAshi([bar(0, 100, 101, 99, 100), bar(60, 50, 51, 49, 50)]);
    expect(second!.open).toBe(100);
    expect(second!.high).toBe(100);
    expect(second!.low).toBe(49);
  });

  it('continue from a changed last bar without recomputing the ones before', () => {
    const candles = [bar(0, 10, 14, 8, 12), bar(60, 12, 16, 11, 15)];
    const bars = heikinAshi(candles);
    const first = bars[0];
    candles[1] = bar(60, 12, 18, 11, 17);
    heikinAshi(candles, bars, 1);
    expect(bars[0]).toBe(first);
    expect(bars[1]).toEqual(heikinAshi(candles)[1]);
  });
});
