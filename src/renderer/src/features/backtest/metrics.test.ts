import { describe, expect, it } from 'vitest';
import { metrics } from '../../store/test-fixtures.ts';
import { METRIC_SPECS, betterOf, formatDuration, formatMetric, formatRatio, shortSampleNote, shownMetric } from './metrics.ts';

describe('metric formatting', () => {
  it('shows fractions as percents', () => {
    expect(formatMetric('totalReturn', 0.1234)).toBe('12.34%');
    expect(formatMetric('maxDrawdown', 0.08)).toBe('8.00%');
    expect(formatMetric('winRate', 0.5)).toBe('50.00%');
    expect(formatMetric('cagr', -0.051)).toBe('-5.10%');
  });

  it('shows ratios to 2 decimals, an infinite profit factor as ∞', () => {
    expect(formatMetric('sharpe', 1.23456)).toBe('1.23');
    expect(formatMetric('sortino', -0.004)).toBe('0.00');
    expect(formatMetric('calmar', 1234.5)).toBe('1,234.50');
    expect(formatMetric('profitFactor', Infinity)).toBe('∞');
    expect(formatRatio(Number.NaN)).toBe('—');
  });

  it('shows durations in their two largest units', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(999)).toBe('0s');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(12 * 60_000 + 5_000)).toBe('12m 05s');
    expect(formatDuration(3 * 3_600_000 + 20 * 60_000 + 59_000)).toBe('3h 20m');
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000)).toBe('2d 4h');
    expect(formatDuration(3_600_000)).toBe('1h 00m');
    expect(formatDuration(-1)).toBe('—');
    expect(formatMetric('maxDrawdownDurationMs', 90_000)).toBe('1m 30s');
  });

  it('shows money with separators and counts whole', () => {
    expect(formatMetric('finalEquity', 112_345.678)).toBe('112,345.68');
    expect(formatMetric('trades', 1234)).toBe('1,234');
  });

  it('has a spec and a readable value for every metric the engine reports', () => {
    expect(METRIC_SPECS.map((s) => s.key).sort()).toEqual(Object.keys(metrics).filter((key) => key !== 'dailyReturns').sort());
    for (const spec of METRIC_SPECS) expect(formatMetric(spec.key, metrics[spec.key])).not.toBe('—');
  });
});

describe('a sample too short to annualise', () => {
  const fiveDays = { ...metrics, dailyReturns: 5, sharpe: 45, calmar: 547 };

  it('shows no CAGR, Sharpe, Sortino or Calmar, and says why', () => {
    for (const key of ['cagr', 'sharpe', 'sortino', 'calmar'] as const) expect(formatMetric(key, shownMetric(fiveDays, key))).toBe('—');
    expect(shownMetric(fiveDays, 'totalReturn')).toBe(metrics.totalReturn);
    expect(shortSampleNote(fiveDays)).toBe('Sample too short to annualise: 5 days of returns; CAGR, Sharpe, Sortino and Calmar need 30.');
  });

  it('shows them from 30 days of returns on, and for runs stored before the days were kept', () => {
    expect(shownMetric({ ...metrics, dailyReturns: 30 }, 'sharpe')).toBe(metrics.sharpe);
    expect(shortSampleNote({ ...metrics, dailyReturns: 30 })).toBeNull();
    expect(shownMetric(metrics, 'sharpe')).toBe(metrics.sharpe);
  });
});

describe('betterOf', () => {
  it('prefers higher returns and ratios, smaller drawdowns and fees', () => {
    expect(betterOf('sharpe', 1.2, 0.8)).toBe('a');
    expect(betterOf('totalReturn', -0.1, 0.05)).toBe('b');
    expect(betterOf('maxDrawdown', 0.2, 0.1)).toBe('b');
    expect(betterOf('maxDrawdown', -0.2, -0.1)).toBe('b');
    expect(betterOf('feesPaid', 10, 20)).toBe('a');
    expect(betterOf('profitFactor', Infinity, 3)).toBe('a');
    expect(betterOf('sharpe', 1, 1)).toBe('tie');
  });

  it('names no winner for metrics without a better side, and the only number against a missing one', () => {
    expect(betterOf('trades', 10, 20)).toBeNull();
    expect(betterOf('exposure', 0.1, 0.2)).toBeNull();
    expect(betterOf('sharpe', Number.NaN, 0.5)).toBe('b');
    expect(betterOf('sharpe', Number.NaN, Number.NaN)).toBeNull();
  });
});
