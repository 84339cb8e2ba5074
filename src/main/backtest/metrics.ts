// Performance figures of one backtest, from its full-resolution equity curve and its round trips.
//
// Definitions (equity points e_0..e_n at times t_0..t_n, one per closed bar; C = starting capital):
// - finalEquity   e_n (C when there are no points).
// - totalReturn   e_n / C − 1.
// - cagr          (e_n / C)^(1 / years) − 1 with years = (t_n − t_0) / YEAR_MS, calendar time elapsed (the
//                 market never closes, so calendar time is trading time); 0 when no time elapsed, −1 when
//                 equity ended at or below zero. Short runs annualise steeply: a week's +1% is +68% a year,
//                 which is why the screen shows no yearly figure below MIN_DAYS_TO_ANNUALISE days.
// - daily         the equity at each UTC day's close (a point at 00:00 closes the day before; a day with no
//   returns       point keeps the last equity), the run's first point before them and its last point closing
//                 the last day; r_d = close_d / close_(d−1) − 1 (N = dailyReturns). Daily, as common tools
//                 annualise: per-bar returns of minute bars make √525,600 of noise look like skill.
// - sharpe        mean(r) / sd(r) × √365, with sd the sample standard deviation (N − 1); risk-free rate 0.
//                 0 when sd is 0 (a flat curve has no risk to reward).
// - sortino       mean(r) / DD × √365, DD = √(Σ min(r_d, 0)² / N): downside deviation below a target of 0. It
//                 divides by N, not N − 1: the deviations are measured from the fixed target, not from the
//                 sample mean, so no degree of freedom is spent. With DD = 0: Infinity if mean(r) > 0, else 0.
// - maxDrawdown   max over i of (peak_i − e_i) / peak_i, peak_i = max(e_0..e_i).
// - maxDrawdown-  for that deepest drawdown: from the time of its peak to the first point back at or above
//   DurationMs    the peak, or to t_n when equity never recovered. 0 without a drawdown.
// - calmar        cagr / maxDrawdown; with no drawdown: Infinity if cagr > 0, else 0.
// - winRate       closed trades with pnl > 0 / closed trades (0 with none).
// - profitFactor  Σ winning pnl / |Σ losing pnl|; 0 with no trades; with no losing trade, Infinity when
//                 something was won (0 when every trade broke exactly even).
// - expectancy    Σ pnl / trades: the average net result of a round trip in quote currency (0 with none).
// - trades        closed round trips.
// - exposure      time a position was open / (t_n − t_0): round trips never overlap (one symbol, one net
//                 position), so their durations add up; a position still open at the end counts from
//                 its entry to t_n.
// - feesPaid      every fee paid, including on a position still open.
import type { BacktestMetrics, BacktestTrade } from '../../shared/backtest.ts';
import type { EquityCurve } from './equity-curve.ts';

const DAY_MS = 86_400_000;
const DAYS_PER_YEAR = 365;
/** A 365-day year: crypto trades every day, and this is the year the simulated market's volatility uses. */
export const YEAR_MS = DAYS_PER_YEAR * DAY_MS;

export function computeMetrics(
  equity: EquityCurve,
  trades: readonly BacktestTrade[],
  fees: number,
  startingCapital: number,
  /** Entry time of a position still open when the run ended; it counts towards exposure. */
  openPositionSince?: number,
): BacktestMetrics {
  if (!(startingCapital > 0)) throw new RangeError(`startingCapital must be positive, got ${startingCapital}.`);
  const n = equity.length;
  const start = n > 0 ? equity.tsAt(0) : 0;
  const end = n > 0 ? equity.tsAt(n - 1) : 0;
  const elapsed = end - start;
  const finalEquity = n > 0 ? equity.equityAt(n - 1) : startingCapital;
  const totalReturn = finalEquity / startingCapital - 1;
  const years = elapsed / YEAR_MS;
  const cagr = years <= 0 ? 0 : finalEquity <= 0 ? -1 : (finalEquity / startingCapital) ** (1 / years) - 1;

  const daily = dailyReturns(equity);
  const { sharpe, sortino } = riskAdjusted(daily);
  const drawdown = deepestDrawdown(equity);
  const calmar = drawdown.depth > 0 ? cagr / drawdown.depth : cagr > 0 ? Infinity : 0;

  let wins = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let exposed = 0;
  for (const trade of trades) {
    if (trade.pnl > 0) {
      wins++;
      grossProfit += trade.pnl;
    } else if (trade.pnl < 0) {
      grossLoss -= trade.pnl;
    }
    exposed += Math.max(0, Math.min(trade.exitTs, end) - Math.max(trade.entryTs, start));
  }
  if (openPositionSince !== undefined) exposed += Math.max(0, end - Math.max(openPositionSince, start));
  const count = trades.length;
  const profitFactor = count === 0 ? 0 : grossLoss > 0 ? grossProfit / grossLoss : grossProfit > 0 ? Infinity : 0;

  return {
    totalReturn,
    cagr,
    sharpe,
    sortino,
    maxDrawdown: drawdown.depth,
    maxDrawdownDurationMs: drawdown.durationMs,
    calmar,
    winRate: count === 0 ? 0 : wins / count,
    profitFactor,
    expectancy: count === 0 ? 0 : (grossProfit - grossLoss) / count,
    trades: count,
    exposure: elapsed > 0 ? Math.min(1, exposed / elapsed) : 0,
    feesPaid: fees,
    finalEquity,
    dailyReturns: daily.length,
  };
}

/** Returns from one UTC day's closing equity to the next (see the header); none from zero or negative equity. */
function dailyReturns(equity: EquityCurve): Float64Array {
  const n = equity.length;
  if (n < 2) return new Float64Array(0);
  const closes: number[] = [equity.equityAt(0)];
  let dayEnd = (Math.floor(equity.tsAt(0) / DAY_MS) + 1) * DAY_MS;
  let last = equity.equityAt(0);
  for (let i = 1; i < n; i++) {
    const ts = equity.tsAt(i);
    for (; ts > dayEnd; dayEnd += DAY_MS) closes.push(last);
    last = equity.equityAt(i);
  }
  closes.push(last);
  const returns = new Float64Array(closes.length - 1);
  let count = 0;
  for (let d = 1; d < closes.length; d++) {
    // A return from zero or negative equity means nothing; the account is already gone.
    if (closes[d - 1] > 0) returns[count++] = closes[d] / closes[d - 1] - 1;
  }
  return returns.subarray(0, count);
}

function riskAdjusted(returns: Float64Array): { sharpe: number; sortino: number } {
  const count = returns.length;
  if (count === 0) return { sharpe: 0, sortino: 0 };
  let sum = 0;
  for (let i = 0; i < count; i++) sum += returns[i];
  const mean = sum / count;
  let squares = 0;
  let downside = 0;
  for (let i = 0; i < count; i++) {
    const r = returns[i];
    squares += (r - mean) ** 2;
    if (r < 0) downside += r * r;
  }
  const sd = count > 1 ? Math.sqrt(squares / (count - 1)) : 0;
  const downsideDeviation = Math.sqrt(downside / count);
  const annualise = Math.sqrt(DAYS_PER_YEAR);
  return {
    sharpe: sd > 0 ? (mean / sd) * annualise : 0,
    sortino: downsideDeviation > 0 ? (mean / downsideDeviation) * annualise : mean > 0 ? Infinity : 0,
  };
}

/** The deepest fall from a running peak, and how long from that peak until equity was back at it. */
function deepestDrawdown(equity: EquityCurve): { depth: number; durationMs: number } {
  if (equity.length === 0) return { depth: 0, durationMs: 0 };
  let peak = equity.equityAt(0);
  let peakTs = equity.tsAt(0);
  let depth = 0;
  let deepestPeak = peak;
  let deepestPeakTs = peakTs;
  let deepestIndex = -1;
  for (let i = 1; i < equity.length; i++) {
    const ts = equity.tsAt(i);
    const value = equity.equityAt(i);
    if (value > peak) {
      peak = value;
      peakTs = ts;
      continue;
    }
    const fall = peak > 0 ? (peak - value) / peak : 0;
    if (fall > depth) {
      depth = fall;
      deepestPeak = peak;
      deepestPeakTs = peakTs;
      deepestIndex = i;
    }
  }
  if (deepestIndex < 0) return { depth: 0, durationMs: 0 };
  let recoveredTs = equity.tsAt(equity.length - 1);
  for (let i = deepestIndex + 1; i < equity.length; i++) {
    if (equity.equityAt(i) >= deepestPeak) {
      recoveredTs = equity.tsAt(i);
      break;
    }
  }
  return { depth, durationMs: recoveredTs - deepestPeakTs };
}
