// Whole-series forms of the indicators for chart overlays, computed by the same classes the
// strategies run so the chart shows exactly what a strategy saw.
import { Bollinger } from './bollinger.ts';
import { RateOfChange } from './rate-of-change.ts';

export interface BollingerPoint {
  middle: number;
  upper: number;
  lower: number;
  std: number;
}

/** One entry per close, null until `period` closes are in. */
export function bollingerSeries(
  closes: readonly number[],
  period: number,
  stdMultiplier: number,
): (BollingerPoint | null)[] {
  const bands = new Bollinger(period, stdMultiplier);
  return closes.map((close) =>
    bands.update(close) ? { middle: bands.middle, upper: bands.upper, lower: bands.lower, std: bands.std } : null,
  );
}

/** One entry per close, null until lookback + 1 closes are in. */
export function rateOfChangeSeries(closes: readonly number[], lookback: number): (number | null)[] {
  const roc = new RateOfChange(lookback);
  return closes.map((close) => (roc.update(close) ? roc.value : null));
}
