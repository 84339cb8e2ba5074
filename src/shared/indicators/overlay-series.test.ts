import { describe, expect, it } from 'vitest';
import { bollingerSeries, rateOfChangeSeries } from './overlay-series.ts';

describe('bollingerSeries', () => {
  it('has one entry per close, null until the period is filled', () => {
    const series = bollingerSeries([1, 2, 3, 4, 5, 6], 5, 2);
    expect(series).toHaveLength(6);
    expect(series.slice(0, 4)).toEqual([null, null, null, null]);
    expect(series[4]?.middle).toBeCloseTo(3, 12);
    expect(series[4]?.std).toBeCloseTo(Math.SQRT2, 12);
    expect(series[4]?.upper).toBeCloseTo(3 + 2 * Math.SQRT2, 12);
    expect(series[4]?.lower).toBeCloseTo(3 - 2 * Math.SQRT2, 12);
    expect(series[5]?.middle).toBeCloseTo(4, 12);
  });

  it('returns an empty series for no closes', () => {
    expect(bollingerSeries([], 5, 2)).toEqual([]);
  });
});

describe('rateOfChangeSeries', () => {
  it('has one entry per close, null until lookback + 1 closes are in', () => {
    const series = rateOfChangeSeries([100, 110, 121, 96.8], 2);
    expect(series.slice(0, 2)).toEqual([null, null]);
    expect(series[2]).toBeCloseTo(0.21, 12); // 121 / 100 − 1
    expect(series[3]).toBeCloseTo(-0.12, 12); // 96.8 / 110 − 1
  });
});
