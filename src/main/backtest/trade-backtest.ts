// A backtest on trade prints without market events: one pass over the trade columns, each print shown
// to the desk's order path as the event path's trade, then the synthetic book and ticker around it
// (events-from-trades.ts: the touch holds the flow of the last TOUCH_PRINTS prints), each bar built from
// its prints as the engine's candle aggregator builds it and closed at its boundary (bar-loop.ts).
// Gives the event path's fills, trades, equity and metrics to the cent
// (test/integration/backtest-trade-path.test.ts).
import type { BacktestRequest } from '../../shared/backtest.ts';
import { barOpen, TIMEFRAME_MS } from '../../shared/market.ts';
import type { BacktestControl, BacktestOutcome } from './backtest-run.ts';
import { BarLoop, progressEvery, type LoopTerms, type RowSpan } from './bar-loop.ts';
import { TOUCH_PRINTS } from './events-from-trades.ts';
import type { TradeColumns } from './trade-columns.ts';

/** The prints in [from, to), or null when there are none or they are out of time order (the event path then says where). */
export function tradeLoopSpan(columns: TradeColumns, request: BacktestRequest): RowSpan | null {
  const ts = columns.ts;
  let first = -1;
  let end = -1;
  for (let i = 0; i < columns.length; i++) {
    const t = ts[i];
    if (i > 0 && t < ts[i - 1]) return null;
    if (t < request.from) continue;
    if (t >= request.to) break;
    if (first < 0) first = i;
    end = i + 1;
  }
  return first < 0 ? null : { first, end };
}

export interface TradeRun extends LoopTerms {
  columns: TradeColumns;
  span: RowSpan;
}

export function runTradeBacktest(run: TradeRun, control: BacktestControl = {}): BacktestOutcome {
  const { columns, span } = run;
  const { ts, price, size } = columns;
  const { first, end } = span;
  const loop = new BarLoop(run, barOpen(ts[first], TIMEFRAME_MS[run.request.timeframe]), ts[end - 1]);
  const { desk, prices, candle, periodMs } = loop;
  const depth = touchDepth(size, first, end);
  const every = progressEvery(control);
  const total = end - first;

  let nextReport = first + every;
  let i = first;
  while (i < end) {
    loop.advanceTo(ts[i]);
    // The bar's prints: the candle as the aggregator builds it, print by print.
    const openTime = barOpen(ts[i], periodMs);
    const close = openTime + periodMs;
    loop.openBar(openTime, price[i], size[i]);
    prices.onPrint(ts[i], price[i], size[i]);
    let j = i + 1;
    for (; j < end && ts[j] < close; j++) {
      const p = price[j];
      if (p > candle.high) candle.high = p;
      if (p < candle.low) candle.low = p;
      candle.close = p;
      candle.volume += size[j];
      prices.onPrint(ts[j], p, size[j]);
    }
    desk.onPrints(ts, price, depth, i, j);
    i = j;
    if (i >= nextReport) {
      nextReport = i + every;
      control.onProgress?.(i - first, total);
      if (control.shouldStop?.() === true) break;
    }
  }
  return loop.finish(ts[i - 1], i - first, total, control);
}

/** The size the synthetic touch shows at each print: the last TOUCH_PRINTS prints' flow, counted from the span's first. */
function touchDepth(size: Float64Array, first: number, end: number): Float64Array {
  const depth = new Float64Array(size.length);
  const recent = new Float64Array(TOUCH_PRINTS);
  let flow = 0;
  for (let i = first; i < end; i++) {
    const slot = (i - first) % TOUCH_PRINTS;
    flow += size[i] - recent[slot];
    recent[slot] = size[i];
    depth[i] = flow;
  }
  return depth;
}
