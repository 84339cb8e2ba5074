// The chart gets at most ~2,000 equity points however long the run. Plain striding would skip the
// very bar where the drawdown bottomed; keeping each bucket's lowest and highest point keeps the
// extremes a trader looks for, and the first and last points keep the curve's true ends.
import type { EquityPoint } from '../../shared/backtest.ts';
import type { EquityCurve } from './equity-curve.ts';

export const MAX_CHART_POINTS = 2_000;

export function downsampleEquity(curve: EquityCurve, maxPoints = MAX_CHART_POINTS): EquityPoint[] {
  if (maxPoints < 4) throw new RangeError(`maxPoints must be at least 4, got ${maxPoints}.`);
  const n = curve.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => curve.point(i));
  const last = n - 1;
  // The inner points (all but first and last) fall into buckets of two kept points each.
  const buckets = Math.floor((maxPoints - 2) / 2);
  const inner = n - 2;
  const kept: EquityPoint[] = [curve.point(0)];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets); // exclusive
    let low = from;
    let high = from;
    for (let i = from + 1; i < to; i++) {
      if (curve.equityAt(i) < curve.equityAt(low)) low = i;
      if (curve.equityAt(i) > curve.equityAt(high)) high = i;
    }
    // In time order; one point when the bucket's low and high are the same bar.
    if (low === high) kept.push(curve.point(low));
    else if (low < high) kept.push(curve.point(low), curve.point(high));
    else kept.push(curve.point(high), curve.point(low));
  }
  kept.push(curve.point(last));
  return kept;
}
