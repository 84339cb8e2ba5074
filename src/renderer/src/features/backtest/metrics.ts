// Backtest metrics for people: which ones, how each reads (percent, ratio, duration, money) and
// which way is better, for the tables, the comparison and the sweep's colours.
import { ANNUALISED_METRICS, isAnnualisable, MIN_DAYS_TO_ANNUALISE, type BacktestMetrics } from '../../../../shared/backtest.ts';
import { formatCount, formatMoney, formatPercent } from '../../format/number.ts';

export type MetricKey = Exclude<keyof BacktestMetrics, 'dailyReturns'>;
export type MetricFormat = 'percent' | 'ratio' | 'duration' | 'money' | 'count';
/** Which way is better; null when neither is (more trades is not better in itself). */
export type Better = 'higher' | 'lower' | null;

export interface MetricSpec {
  key: MetricKey;
  label: string;
  short: string;
  format: MetricFormat;
  better: Better;
}

export const METRIC_SPECS: readonly MetricSpec[] = [
  { key: 'totalReturn', label: 'Total return', short: 'Return', format: 'percent', better: 'higher' },
  { key: 'cagr', label: 'CAGR', short: 'CAGR', format: 'percent', better: 'higher' },
  { key: 'sharpe', label: 'Sharpe ratio', short: 'Sharpe', format: 'ratio', better: 'higher' },
  { key: 'sortino', label: 'Sortino ratio', short: 'Sortino', format: 'ratio', better: 'higher' },
  { key: 'maxDrawdown', label: 'Max drawdown', short: 'Max DD', format: 'percent', better: 'lower' },
  { key: 'maxDrawdownDurationMs', label: 'Longest drawdown', short: 'DD time', format: 'duration', better: 'lower' },
  { key: 'calmar', label: 'Calmar ratio', short: 'Calmar', format: 'ratio', better: 'higher' },
  { key: 'winRate', label: 'Win rate', short: 'Win %', format: 'percent', better: 'higher' },
  { key: 'profitFactor', label: 'Profit factor', short: 'PF', format: 'ratio', better: 'higher' },
  { key: 'expectancy', label: 'Expectancy / trade', short: 'Expect.', format: 'money', better: 'higher' },
  { key: 'trades', label: 'Trades', short: 'Trades', format: 'count', better: null },
  { key: 'exposure', label: 'Time in market', short: 'Exposure', format: 'percent', better: null },
  { key: 'feesPaid', label: 'Fees paid', short: 'Fees', format: 'money', better: 'lower' },
  { key: 'finalEquity', label: 'Final equity', short: 'Equity', format: 'money', better: 'higher' },
];

const SPECS_BY_KEY = new Map(METRIC_SPECS.map((spec) => [spec.key, spec]));

export function metricSpec(key: MetricKey): MetricSpec {
  const spec = SPECS_BY_KEY.get(key);
  if (!spec) throw new Error(`unknown metric ${key}`);
  return spec;
}

const DASH = '—';

/**
 * A metric as the screen shows it: a yearly figure (CAGR, Sharpe, Sortino, Calmar) of a run with fewer
 * than MIN_DAYS_TO_ANNUALISE days of returns is not shown (null), rather than a Sharpe of 45 from five days.
 */
export function shownMetric(metrics: BacktestMetrics | null | undefined, key: MetricKey): number | null {
  if (!metrics) return null;
  if (!isAnnualisable(metrics) && (ANNUALISED_METRICS as readonly string[]).includes(key)) return null;
  return metrics[key];
}

/** Why the yearly figures are missing, or null when they are shown. */
export function shortSampleNote(metrics: BacktestMetrics): string | null {
  if (isAnnualisable(metrics)) return null;
  const days = metrics.dailyReturns ?? 0;
  return `Sample too short to annualise: ${days} ${days === 1 ? 'day' : 'days'} of returns; CAGR, Sharpe, Sortino and Calmar need ${MIN_DAYS_TO_ANNUALISE}.`;
}
const ratioFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A ratio to 2 decimals; a profit factor with no losing trade is infinite. */
export function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  const text = ratioFormat.format(value);
  return text === '-0.00' ? '0.00' : text;
}

const UNITS: readonly [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** A span of time in its two largest units: "45s", "12m 05s", "3h 20m", "2d 4h". Under a second: "0s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return DASH;
  const whole = Math.floor(ms / 1_000) * 1_000;
  if (whole === 0) return '0s';
  const index = UNITS.findIndex(([, size]) => whole >= size);
  const [unit, size] = UNITS[index];
  const major = Math.floor(whole / size);
  const next = UNITS[index + 1];
  if (!next) return `${major}${unit}`;
  const minor = Math.floor((whole - major * size) / next[1]);
  const minorText = next[0] === 'h' || next[0] === 'd' ? String(minor) : String(minor).padStart(2, '0');
  return `${major}${unit} ${minorText}${next[0]}`;
}

export function formatMetric(key: MetricKey, value: number | null | undefined): string {
  switch (metricSpec(key).format) {
    case 'percent':
      return formatPercent(value);
    case 'ratio':
      return formatRatio(value);
    case 'duration':
      return formatDuration(value);
    case 'money':
      return formatMoney(value);
    case 'count':
      return formatCount(value);
  }
}

/** A number to rank by, higher is better; null for a value that cannot be ranked. */
export function metricScore(key: MetricKey, value: number | null | undefined): number | null {
  const { better } = metricSpec(key);
  if (better === null || value === null || value === undefined || Number.isNaN(value)) return null;
  // Drawdowns, their duration and fees are sizes: a sign, if any, is only notation.
  return better === 'higher' ? value : -Math.abs(value);
}

/** Which of two runs did better on a metric: 'a', 'b', 'tie', or null when the metric has no better side. */
export function betterOf(key: MetricKey, a: number | null | undefined, b: number | null | undefined): 'a' | 'b' | 'tie' | null {
  if (metricSpec(key).better === null) return null;
  const sa = metricScore(key, a);
  const sb = metricScore(key, b);
  if (sa === null && sb === null) return null;
  if (sa === null) return 'b';
  if (sb === null) return 'a';
  if (sa === sb) return 'tie';
  return sa > sb ? 'a' : 'b';
}
