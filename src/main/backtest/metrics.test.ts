import { describe, expect, it } from 'vitest';
import type { BacktestTrade } from '../../shared/backtest.ts';
import { EquityCurve } from './equity-curve.ts';
import { computeMetrics, YEAR_MS } from './metrics.ts';

const T0 = Date.UTC(2024, 0, 1);
/** A quarter of a year: four periods per year make the annualisation factor exactly √4 = 2. */
const Q = YEAR_MS / 4;

function curve(values: number[], periodMs = Q): EquityCurve {
  const recorded = new EquityCurve(values[0] ?? 1);
  values.forEach((equity, i) => recorded.record(T0 + i * periodMs, equity));
  return recorded;
}

function trade(entry: number, exit: number, pnl: number): BacktestTrade {
  return { side: 'long', entryTs: T0 + entry * Q, exitTs: T0 + exit * Q, size: 1, entryPrice: 100, exitPrice: 100, pnl, fees: 1 };
}

// Returns +10%, −10%, +10%, +10%: mean 0.05; deviations 0.05, −0.15, 0.05, 0.05 give a sample variance
// of 0.03 / 3 = 0.01, sd 0.1; downside deviation √(0.01 / 4) = 0.05.
const EQUITY = curve([100_000, 110_000, 99_000, 108_900, 119_790]);
const TRADES = [trade(0, 1, 300), trade(1, 2, -100), trade(3, 3.5, 50)];

describe('computeMetrics', () => {
  it('annualises a year of quarterly returns to Sharpe 1.0, Sortino 2.0 and CAGR equal to the total return', () => {
    const m = computeMetrics(EQUITY, TRADES, 12.5, Q, 100_000);
    expect(m.finalEquity).toBe(119_790);
    expect(m.totalReturn).toBeCloseTo(0.1979, 12);
    expect(m.cagr).toBeCloseTo(0.1979, 12); // exactly one year elapsed
    expect(m.sharpe).toBeCloseTo(1.0, 12); // 0.05 / 0.1 × √4
    expect(m.sortino).toBeCloseTo(2.0, 12); // 0.05 / 0.05 × √4
  });

  it('measures the 10% drawdown from the 110,000 peak and its three quarters until equity is back above it', () => {
    const m = computeMetrics(EQUITY, TRADES, 12.5, Q, 100_000);
    expect(m.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(m.maxDrawdownDurationMs).toBe(3 * Q); // peak at t1, 108,900 at t3 is still below, 119,790 at t4 recovers
    expect(m.calmar).toBeCloseTo(1.979, 12);
  });

  it('counts 2 wins of 3 trades, a profit factor of 350 / 100 = 3.5, expectancy 83.33 and 62.5% exposure', () => {
    const m = computeMetrics(EQUITY, TRADES, 12.5, Q, 100_000);
    expect(m.trades).toBe(3);
    expect(m.winRate).toBeCloseTo(2 / 3, 12);
    expect(m.profitFactor).toBeCloseTo(3.5, 12);
    expect(m.expectancy).toBeCloseTo(250 / 3, 12);
    expect(m.exposure).toBeCloseTo(2.5 / 4, 12); // 1 + 1 + 0.5 quarters of 4
    expect(m.feesPaid).toBe(12.5);
  });

  it('counts a position still open at the end as exposed from its entry to the last point', () => {
    const m = computeMetrics(EQUITY, TRADES, 12.5, Q, 100_000, T0 + 3.5 * Q);
    expect(m.exposure).toBeCloseTo(3 / 4, 12); // 2.5 quarters closed + 0.5 still open
  });

  it('runs a drawdown that never recovers to the end of the curve', () => {
    // Peak 120 at t1, trough 90 at t2 (25%), 100 at t3 is still under the peak.
    const m = computeMetrics(curve([100, 120, 90, 100], 60_000), [], 0, 60_000, 100);
    expect(m.maxDrawdown).toBeCloseTo(0.25, 12);
    expect(m.maxDrawdownDurationMs).toBe(2 * 60_000);
  });

  it('reports zero win rate, profit factor and expectancy without trades', () => {
    const m = computeMetrics(curve([100, 120, 90, 100], 60_000), [], 0, 60_000, 100);
    expect(m.trades).toBe(0);
    expect(m.winRate).toBe(0);
    expect(m.profitFactor).toBe(0);
    expect(m.expectancy).toBe(0);
    expect(m.exposure).toBe(0);
  });

  it('gives an infinite profit factor when no trade lost', () => {
    const m = computeMetrics(EQUITY, [trade(0, 1, 40), trade(1, 2, 60)], 2, Q, 100_000);
    expect(m.profitFactor).toBe(Infinity);
    expect(m.winRate).toBe(1);
    expect(m.expectancy).toBe(50);
  });

  it('scores a flat curve with zero Sharpe, Sortino, drawdown and Calmar rather than dividing by zero', () => {
    const m = computeMetrics(curve([1_000, 1_000, 1_000], 60_000), [], 0, 60_000, 1_000);
    expect(m).toMatchObject({ totalReturn: 0, cagr: 0, sharpe: 0, sortino: 0, maxDrawdown: 0, maxDrawdownDurationMs: 0, calmar: 0 });
  });

  it('annualises per-minute returns with 525,600 periods a year', () => {
    // Returns +1% and −0.5%: mean 0.0025, sample sd √((0.0075² × 2) / 1) = 0.0106066, downside √(0.005² / 2) = 0.0035355.
    const m = computeMetrics(curve([100, 101, 100.495], 60_000), [], 0, 60_000, 100);
    expect(m.sharpe).toBeCloseTo((0.0025 / 0.0106066017) * Math.sqrt(525_600), 3);
    expect(m.sortino).toBeCloseTo((0.0025 / 0.0035355339) * Math.sqrt(525_600), 3);
  });
});
