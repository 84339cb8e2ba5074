import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bollinger } from './bollinger.ts';

describe('Bollinger', () => {
  it('becomes ready once period values are in', () => {
    const bands = new Bollinger(5, 2);
    for (const value of [1, 2, 3, 4]) expect(bands.update(value)).toBe(false);
    expect(bands.middle).toBeNaN();
    expect(bands.std).toBeNaN();
    expect(bands.update(5)).toBe(true);
    expect(bands.ready).toBe(true);
  });

  it('uses the population standard deviation: closes 1..5 have mean 3 and std √2', () => {
    const bands = new Bollinger(5, 2);
    for (const value of [1, 2, 3, 4, 5]) bands.update(value);
    expect(bands.middle).toBeCloseTo(3, 12);
    expect(bands.std).toBeCloseTo(Math.SQRT2, 12);
    expect(bands.upper).toBeCloseTo(3 + 2 * Math.SQRT2, 12);
    expect(bands.lower).toBeCloseTo(3 - 2 * Math.SQRT2, 12);
  });

  it('drops the oldest value as the window rolls: 2..6 have mean 4 and std √2', () => {
    const bands = new Bollinger(5, 1);
    for (const value of [1, 2, 3, 4, 5, 6]) bands.update(value);
    expect(bands.middle).toBeCloseTo(4, 12);
    expect(bands.std).toBeCloseTo(Math.SQRT2, 12);
  });

  it('computes [10, 10, 10, 10, 4]: mean 8.8, std 2.4', () => {
    const bands = new Bollinger(5, 1.5);
    for (const value of [10, 10, 10, 10, 4]) bands.update(value);
    expect(bands.middle).toBeCloseTo(8.8, 12);
    expect(bands.std).toBeCloseTo(2.4, 12);
    expect(bands.lower).toBeCloseTo(5.2, 12);
    expect(bands.upper).toBeCloseTo(12.4, 12);
  });

  it('draws zero-width bands for a flat market at a high price after a move has left the window', () => {
    const bands = new Bollinger(4, 2);
    for (const value of [60_000.37, 61_234.5, 59_000.01, 60_500.25, 60_000.1, 60_000.1, 60_000.1, 60_000.1]) {
      bands.update(value);
    }
    expect(bands.middle).toBe(60_000.1);
    expect(bands.std).toBe(0);
    expect(bands.upper).toBe(60_000.1);
  });

  it('rejects a period that is not a positive integer or a negative multiplier', () => {
    expect(() => new Bollinger(0, 2)).toThrow(/period/);
    expect(() => new Bollinger(3, -1)).toThrow(/stdMultiplier/);
  });

  it('matches a naive recomputation over every window of a random series', () => {
    // Values are cents or big jumps around a base up to 1e6, so the series holds flat stretches,
    // tiny moves at high prices and large moves leaving the window: the cases rolling sums get wrong.
    const series = fc
      .record({
        base: fc.constantFrom(0, 1, 60_000, 1_000_000),
        steps: fc.array(fc.oneof(fc.integer({ min: -100, max: 100 }), fc.integer({ min: -1e9, max: 1e9 })), {
          minLength: 1,
          maxLength: 300,
        }),
      })
      .map(({ base, steps }) => steps.map((step) => base + step / 1000));

    fc.assert(
      fc.property(series, fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 5, noNaN: true }), (values, period, mult) => {
        // 1e-9 relative to the data: the mean is compared at the scale of the values, the std
        // (unchanged by an offset) at the scale of their range.
        const magnitude = Math.max(...values.map(Math.abs));
        const range = Math.max(...values) - Math.min(...values);
        const bands = new Bollinger(period, mult);
        values.forEach((value, i) => {
          const ready = bands.update(value);
          expect(ready).toBe(i >= period - 1);
          if (!ready) return;
          const window = values.slice(i - period + 1, i + 1);
          const mean = window.reduce((sum, x) => sum + x, 0) / period;
          const std = Math.sqrt(window.reduce((sum, x) => sum + (x - mean) ** 2, 0) / period);
          expect(Math.abs(bands.middle - mean)).toBeLessThanOrEqual(1e-9 * magnitude);
          expect(Math.abs(bands.std - std)).toBeLessThanOrEqual(1e-9 * range);
          expect(Math.abs(bands.upper - (mean + mult * std))).toBeLessThanOrEqual(1e-9 * (magnitude + mult * range));
          expect(Math.abs(bands.lower - (mean - mult * std))).toBeLessThanOrEqual(1e-9 * (magnitude + mult * range));
        });
      }),
      { numRuns: 300 },
    );
  });
});
