import { describe, expect, it } from 'vitest';
import type { BacktestTrade } from '../../shared/backtest.ts';
import { EquityCurve } from './equity-curve.ts';
import { computeMetrics, YEAR_MS } from './metrics.ts';

const T0 = Date.UTC(2024, 0, 1);
/** A quarter of a year: four periods per year make the annualisation factor exactly √4 = 2. */
const Q = YEAR_MS / 4;
const DAY = 86_400_000;

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
  it('gives a year of quarterly moves a CAGR equal to the total return, and measures Sharpe on 365 daily closes', () => {
    const m = computeMetrics(EQUITY, TRADES, 12.5, 100_000);
    expect(m.finalEquity).toBe(119_790);
    expect(m.totalReturn).toBeCloseTo(0.1979, 12);
    expect(m.cagr).toBeCloseTo(0.1979, 12); // exactly one year elapsed
    // A point a quarter: the days between keep the last equity, so 365 daily returns, 4 of them moves.
    expect(m.dailyReturns).toBe(365);
    const moves = [0.1, -0.1, 0.1, 0.1];
    const mean = 0.2 / 365;
    const sd = Math.sqrt((moves.reduce((a, r) => a + (r - mean) ** 2, 0) + 361 * mean ** 2) / 364);
    expect(m.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(365), 12);
    expect(m.sortino).toBeCloseTo((mean / Math.sqrt(0.01 / 365)) * Math.sqrt(365), 12);
  });

  it('measures Sharpe and Sortino on daily returns: +10%, −10%, +10%, +10% over four days', () => {
    // Mean 0.05; deviations 0.05, −0.15, 0.05, 0.05 give a sample variance of 0.01, sd 0.1; downside √(0.01 / 4) = 0.05.
    const m = computeMetrics(curve([100_000, 110_000, 99_000, 108_900, 119_790], DAY), [], 0, 100_000);
    expect(m.dailyReturns).toBe(4);
    expect(m.sharpe).toBeCloseTo(0.5 * Math.sqrt(365), 12);
    expect(m.sortino).toBeCloseTo(1.0 * Math.sqrt(365), 12);
  });

  it('counts a day of minute bars as one return, closed by the bar that ends at midnight', () => {
    // Minute bars over two days: equity rises 1% during day one (its last bar ends at 00:00 of day two), then 2%.
    const values = [100];
    for (let i = 1; i <= 1_440; i++) values.push(100 * (1 + 0.01 * (i / 1_440)));
    for (let i = 1; i <= 1_440; i++) values.push(101 * (1 + 0.02 * (i / 1_440)));
    const m = computeMetrics(curve(values, 60_000), [], 0, 100);
    expect(m.dailyReturns).toBe(2);
    const [r1, r2] = [0.01, 0.02];
    const mean = (r1 + r2) / 2;
    expect(m.sharpe).toBeCloseTo((mean / Math.sqrt((r1 - mean) ** 2 + (r2 - mean) ** 2)) * Math.sqrt(365), 9);
  });

  it('measures the 10% drawdown from the 110,000 peak and its three quarters until equity is back above it', () => {
    const m = computeMetrics(EQUITY, TRADES, 12.5, 100_000);
    expect(m.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(m.maxDrawdownDurationMs).toBe(3 * Q); // peak at t1, 108,900 at t3 is still below, 119,790 at t4 recovers
    expect(m.calmar).toBeCloseTo(1.979, 12);
  });

  it('counts 2 wins of 3 trades, a profit factor of 350 / 100 = 3.5, expectancy 83.33 and 62.5% exposure', () => {
    const m = computeMetrics(EQUITY, TRADES, 12.5, 100_000);
    expect(m.trades).toBe(3);
    expect(m.winRate).toBeCloseTo(2 / 3, 12);
    expect(m.profitFactor).toBeCloseTo(3.5, 12);
    expect(m.expectancy).toBeCloseTo(250 / 3, 12);
    expect(m.exposure).toBeCloseTo(2.5 / 4, 12); // 1 + 1 + 0.5 quarters of 4
    expect(m.feesPaid).toBe(12.5);
  });

  it('counts a position still open at the end as exposed from its entry to the last point', () => {
    const m = computeMetrics(EQUITY, TRADES, 12.5, 100_000, T0 + 3.5 * Q);
    expect(m.exposure).toBeCloseTo(3 / 4, 12); // 2.5 quarters closed + 0.5 still open
  });

  it('runs a drawdown that never recovers to the end of the curve', () => {
    // Peak 120 at t1, trough 90 at t2 (25%), 100 at t3 is still under the peak.
    const m = computeMetrics(curve([100, 120, 90, 100], 60_000), [], 0, 100);
    expect(m.maxDrawdown).toBeCloseTo(0.25, 12);
    expect(m.maxDrawdownDurationMs).toBe(2 * 60_000);
  });

  it('reports zero win rate, profit factor and expectancy without trades', () => {
    const m = computeMetrics(curve([100, 120, 90, 100], 60_000), [], 0, 100);
    expect(m.trades).toBe(0);
    expect(m.winRate).toBe(0);
    expect(m.profitFactor).toBe(0);
    expect(m.expectancy).toBe(0);
    expect(m.exposure).toBe(0);
  });

  it('gives an infinite profit factor when no trade lost', () => {
    const m = computeMetrics(EQUITY, [trade(0, 1, 40), trade(1, 2, 60)], 2, 100_000);
    expect(m.profitFactor).toBe(Infinity);
    expect(m.winRate).toBe(1);
    expect(m.expectancy).toBe(50);
  });

  it('scores a flat curve with zero Sharpe, Sortino, drawdown and Calmar rather than dividing by zero', () => {
    const m = computeMetrics(curve([1_000, 1_000, 1_000], 60_000), [], 0, 1_000);
    expect(m).toMatchObject({ totalReturn: 0, cagr: 0, sharpe: 0, sortino: 0, maxDrawdown: 0, maxDrawdownDurationMs: 0, calmar: 0 });
  });

  it('gives a few minutes of returns one daily return and no spread: Sharpe 0, not √525,600 times the noise', () => {
    const m = computeMetrics(curve([100, 101, 100.495], 60_000), [], 0, 100);
    expect(m.dailyReturns).toBe(1);
    expect(m.sharpe).toBe(0);
  });
});
