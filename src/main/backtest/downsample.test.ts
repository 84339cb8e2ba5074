import { describe, expect, it } from 'vitest';
import { downsampleEquity } from './downsample.ts';
import { EquityCurve } from './equity-curve.ts';

function points(values: number[]): EquityCurve {
  const curve = new EquityCurve(values[0] ?? 1);
  values.forEach((equity, i) => curve.record(i * 60_000, equity));
  return curve;
}

describe('downsampleEquity', () => {
  it('returns a short curve unchanged', () => {
    expect(downsampleEquity(points([1, 2, 3]), 10)).toEqual([
      { ts: 0, equity: 1, drawdown: 0 },
      { ts: 60_000, equity: 2, drawdown: 0 },
      { ts: 120_000, equity: 3, drawdown: 0 },
    ]);
  });

  it('keeps the first and last points and each bucket low and high in time order', () => {
    // 10 points into at most 6: the 8 inner points fall into 2 buckets of 4.
    const curve = points([100, 101, 97, 105, 102, 99, 103, 108, 94, 100]);
    const kept = downsampleEquity(curve, 6).map((p) => p.equity);
    // Bucket 1 (indices 1-4): low 97 at 2, high 105 at 3. Bucket 2 (5-8): high 108 at 7, low 94 at 8.
    expect(kept).toEqual([100, 97, 105, 108, 94, 100]);
  });

  it('never returns more than the limit from a long curve and keeps its deepest point', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => 1_000 + Math.sin(i / 500) * 50);
    values[61_234] = 500;
    const kept = downsampleEquity(points(values));
    expect(kept.length).toBeLessThanOrEqual(2_000);
    expect(Math.min(...kept.map((p) => p.equity))).toBe(500);
    expect(kept[0].ts).toBe(0);
    expect(kept[kept.length - 1].ts).toBe(99_999 * 60_000);
  });
});
