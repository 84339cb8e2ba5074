// A candle backtest without market events: one pass over the candle columns, each candle's four prints
// (candle-prints.ts) shown to the desk's order path as the event path's trade, book and ticker would be,
// and each bar closed at its boundary as the engine's housekeeping closes it (bar-loop.ts). Nothing is
// allocated for a candle on which nothing happens; orders, exits and books cost only when a strategy
// signals or an exit is armed. Gives the event path's fills, trades, equity and metrics to the cent
// (test/integration/backtest-candle-path.test.ts).
import { isBarOpen, TIMEFRAME_MS } from '../../shared/market.ts';
import type { BacktestRequest } from '../../shared/backtest.ts';
import { DecimalGrid } from '../adapters/sim/decimal-grid.ts';
import type { BacktestControl, BacktestOutcome } from './backtest-run.ts';
import { BarLoop, progressEvery, type LoopTerms, type RowSpan } from './bar-loop.ts';
import type { CandleColumns } from './candle-columns.ts';
import { CANDLE_PRINTS, printOffset, printPrices, printSizes, printsBefore } from './candle-prints.ts';

/**
 * The candles opening in [from, to), or null when the candle loop cannot run them as the engine would:
 * none there, candles of another timeframe than the request's (the engine would build its own bars from
 * their prints), or candles off their period's grid, overlapping or out of order.
 */
export function candleLoopSpan(columns: CandleColumns, request: BacktestRequest): RowSpan | null {
  if (columns.timeframe !== request.timeframe) return null;
  const periodMs = TIMEFRAME_MS[request.timeframe];
  const openTime = columns.openTime;
  let first = -1;
  let end = -1;
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < columns.length; i++) {
    const t = openTime[i];
    if (!isBarOpen(t, periodMs) || t < previous + periodMs) return null;
    previous = t;
    if (t < request.from) continue;
    if (t >= request.to) break;
    if (first < 0) first = i;
    end = i + 1;
  }
  return first < 0 ? null : { first, end };
}

export interface CandleRun extends LoopTerms {
  columns: CandleColumns;
  span: RowSpan;
}

export function runCandleBacktest(run: CandleRun, control: BacktestControl = {}): BacktestOutcome {
  const { request, info, columns, span } = run;
  const { to } = request;
  const periodMs = TIMEFRAME_MS[request.timeframe];
  const { openTime, open, high, low, close, volume } = columns;
  const start = openTime[span.first];
  const total = span.end - span.first;
  const every = progressEvery(control);
  const loop = new BarLoop(run, start, lastPrintTime(openTime[span.end - 1], periodMs, to));
  const { desk, prices, candle } = loop;
  const sizes = new DecimalGrid(info.lotSize);
  const path = new Float64Array(CANDLE_PRINTS);
  const offsets = Float64Array.from({ length: CANDLE_PRINTS }, (_, point) => printOffset(point, periodMs));
  const print = new Float64Array(CANDLE_PRINTS);
  const times = new Float64Array(CANDLE_PRINTS);

  let lastTs = start;
  let processed = 0;
  for (let i = span.first; i < span.end; i++) {
    const t = openTime[i];
    loop.advanceTo(t);
    processed++;
    printPrices(open[i], high[i], low[i], close[i], path);
    printSizes(volume[i], sizes, print);
    // The candle as the engine builds it from the prints (the volume added up print by print).
    loop.openBar(t, path[0], print[0]);
    candle.high = Math.max(path[0], path[1], path[2], path[3]);
    candle.low = Math.min(path[0], path[1], path[2], path[3]);
    candle.close = path[3];
    candle.volume = print[0] + print[1] + print[2] + print[3];
    // The span may end inside its last candle: its later prints are not replayed, and it never closes.
    const count = printsBefore(t, periodMs, to);
    for (let p = 0; p < count; p++) times[p] = t + offsets[p];
    desk.onPrints(times, path, print, 0, count);
    prices.onPrints(t, path, print, count);
    lastTs = times[count - 1];
    if (count < CANDLE_PRINTS) break;
    if (processed % every === 0) {
      control.onProgress?.(processed, total);
      if (control.shouldStop?.() === true) break;
    }
  }
  return loop.finish(lastTs, processed, total, control);
}

/** The time of a candle's last print before `to`. */
function lastPrintTime(openTime: number, periodMs: number, to: number): number {
  return openTime + printOffset(printsBefore(openTime, periodMs, to) - 1, periodMs);
}
