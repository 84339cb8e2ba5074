// A candle backtest without market events: one pass over the candle columns, each candle's four prints
// (candle-prints.ts) shown to the desk's order path (candle-desk.ts) as the event path's trade, book and
// ticker would be, and each bar closed at its boundary as the engine's housekeeping closes it. Nothing
// is allocated for a candle on which nothing happens; orders, exits and books cost only when a strategy
// signals or an exit is armed. Gives the event path's fills, trades, equity and metrics to the cent
// (test/integration/backtest-candle-path.test.ts).
import { TIMEFRAME_MS, type Candle, type SymbolInfo } from '../../shared/market.ts';
import type { RiskLimits } from '../../shared/risk.ts';
import type { BacktestRequest } from '../../shared/backtest.ts';
import type { StrategyConfig } from '../../shared/strategy.ts';
import { DecimalGrid } from '../adapters/sim/decimal-grid.ts';
import { createStrategy } from '../engine/strategies/create-strategy.ts';
import type { BacktestControl, BacktestOutcome } from './backtest-run.ts';
import { lastBarClose } from './bar-close.ts';
import type { CandleColumns } from './candle-columns.ts';
import { CandleDesk } from './candle-desk.ts';
import { CANDLE_PRINTS, printOffset, printPrices, printSizes, printsBefore } from './candle-prints.ts';
import { downsampleEquity } from './downsample.ts';
import { EquityCurve } from './equity-curve.ts';
import { computeMetrics } from './metrics.ts';
import { PriceCandles, priceBarMs } from './price-candles.ts';
import type { NewStrategyConfig } from './strategy-params.ts';

const DEFAULT_PROGRESS_EVERY = 10_000;

/** Candles [first, end) of the columns: those the run covers. */
export interface CandleSpan {
  first: number;
  end: number;
}

/**
 * The candles opening in [from, to), or null when the candle loop cannot run them as the engine would:
 * none there, candles of another timeframe than the request's (the engine would build its own bars from
 * their prints), or candles off their period's grid, overlapping or out of order.
 */
export function candleLoopSpan(columns: CandleColumns, request: BacktestRequest): CandleSpan | null {
  if (columns.timeframe !== request.timeframe) return null;
  const periodMs = TIMEFRAME_MS[request.timeframe];
  const openTime = columns.openTime;
  let first = -1;
  let end = -1;
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < columns.length; i++) {
    const t = openTime[i];
    if (t % periodMs !== 0 || t < previous + periodMs) return null;
    previous = t;
    if (t < request.from) continue;
    if (t >= request.to) break;
    if (first < 0) first = i;
    end = i + 1;
  }
  return first < 0 ? null : { first, end };
}

export interface CandleRun {
  request: BacktestRequest;
  /** The venue rules, with the request's market. */
  info: SymbolInfo;
  riskLimits: RiskLimits;
  strategy: NewStrategyConfig;
  columns: CandleColumns;
  span: CandleSpan;
}

export function runCandleBacktest(run: CandleRun, control: BacktestControl = {}): BacktestOutcome {
  const { request, info, columns, span } = run;
  const { to, startingCapital } = request;
  const periodMs = TIMEFRAME_MS[request.timeframe];
  const { openTime, open, high, low, close, volume } = columns;
  const start = openTime[span.first];
  const total = span.end - span.first;
  const every = Math.max(1, control.progressEvery ?? DEFAULT_PROGRESS_EVERY);

  const strategy = createStrategy({ ...run.strategy, id: `${run.strategy.kind}-${info.base.toLowerCase()}`, active: true } as StrategyConfig);
  const desk = new CandleDesk({ info, limits: run.riskLimits, startingCapital, start });
  const curve = new EquityCurve(startingCapital);
  curve.record(start, startingCapital);
  const prices = new PriceCandles(info.symbol, request.timeframe, start, priceBarMs(start, lastPrintTime(openTime[span.end - 1], periodMs, to), periodMs));
  const sizes = new DecimalGrid(info.lotSize);
  const path = new Float64Array(CANDLE_PRINTS);
  const offsets = Float64Array.from({ length: CANDLE_PRINTS }, (_, point) => printOffset(point, periodMs));
  const print = new Float64Array(CANDLE_PRINTS);
  // The closed candle the strategy sees; one object, reused.
  const candle: Candle = { symbol: info.symbol, timeframe: request.timeframe, openTime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0, closed: true };

  let pending = false; // the candle's bar has not closed yet
  let nextBoundary = start + periodMs;
  let lastTs = start;
  let processed = 0;
  const closeBar = (at: number): void => {
    desk.at(at);
    if (pending && candle.openTime + periodMs <= at) {
      pending = false;
      const signal = strategy.signalFor(candle);
      if (signal !== null) desk.onSignal(strategy, signal);
    }
    desk.housekeeping();
    curve.record(at, desk.portfolio.equity);
  };

  for (let i = span.first; i < span.end; i++) {
    const t = openTime[i];
    while (t >= nextBoundary) {
      closeBar(nextBoundary);
      nextBoundary += periodMs;
    }
    processed++;
    printPrices(open[i], high[i], low[i], close[i], path);
    printSizes(volume[i], sizes, print);
    // The candle as the engine builds it from the prints (the volume added up print by print).
    pending = true;
    candle.openTime = t;
    candle.open = path[0];
    candle.high = Math.max(path[0], path[1], path[2], path[3]);
    candle.low = Math.min(path[0], path[1], path[2], path[3]);
    candle.close = path[3];
    candle.volume = print[0] + print[1] + print[2] + print[3];
    // The span may end inside its last candle: its later prints are not replayed, and it never closes.
    const count = printsBefore(t, periodMs, to);
    desk.onPrints(t, offsets, path, print, count);
    prices.onPrints(t, path, print, count);
    lastTs = t + offsets[count - 1];
    if (count < CANDLE_PRINTS) break;
    if (processed % every === 0) {
      control.onProgress?.(processed, total);
      if (control.shouldStop?.() === true) break;
    }
  }
  closeBar(lastBarClose(lastTs, periodMs, to));
  control.onProgress?.(processed, total);

  const { portfolio, trips } = desk;
  const metrics = computeMetrics(curve, trips.closed, portfolio.feesPaid, periodMs, startingCapital, trips.openSince);
  return { metrics, trades: trips.closed, equity: downsampleEquity(curve), fills: desk.fills, candles: prices.finish(), events: processed };
}

/** The time of a candle's last print before `to`. */
function lastPrintTime(openTime: number, periodMs: number, to: number): number {
  return openTime + printOffset(printsBefore(openTime, periodMs, to) - 1, periodMs);
}
