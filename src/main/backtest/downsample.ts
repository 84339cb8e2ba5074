// The chart gets at most ~2,000 equity points however long the run. Plain striding would skip the
// very bar where the drawdown bottomed; keeping each bucket's lowest and highest point keeps the
// extremes a trader looks for, and the first and last points keep the curve's true ends.
import type { EquityPoint } from '../../shared/backtest.ts';

export const MAX_CHART_POINTS = 2_000;

export function downsampleEquity(points: readonly EquityPoint[], maxPoints = MAX_CHART_POINTS): EquityPoint[] {
  if (maxPoints < 4) throw new RangeError(`maxPoints must be at least 4, got ${maxPoints}.`);
  const n = points.length;
  if (n <= maxPoints) return points.slice();
  const last = n - 1;
  // The inner points (all but first and last) fall into buckets of two kept points each.
  const buckets = Math.floor((maxPoints - 2) / 2);
  const inner = n - 2;
  const kept: EquityPoint[] = [points[0]];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets); // exclusive
    let low = from;
    let high = from;
    for (let i = from + 1; i < to; i++) {
      if (points[i].equity < points[low].equity) low = i;
      if (points[i].equity > points[high].equity) high = i;
    }
    // In time order; one point when the bucket's low and high are the same bar.
    if (low === high) kept.push(points[low]);
    else if (low < high) kept.push(points[low], points[high]);
    else kept.push(points[high], points[low]);
  }
  kept.push(points[last]);
  return kept;
}
