// A candle series as columns of numbers: what the candle loop reads, and what the workers of a sweep
// can share (one SharedArrayBuffer) rather than each holding a copy of the candle objects.
import type { Candle, Timeframe } from '../../shared/market.ts';

const FIELDS = 6;

export interface CandleColumns {
  timeframe: Timeframe;
  length: number;
  openTime: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** Candles of one timeframe, in time order, as columns; `shared` puts them in a SharedArrayBuffer. */
export function candleColumns(candles: readonly Candle[], timeframe: Timeframe, shared = false): CandleColumns {
  const n = candles.length;
  const bytes = FIELDS * n * Float64Array.BYTES_PER_ELEMENT;
  const columns = columnsOver(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), n, timeframe);
  for (let i = 0; i < n; i++) {
    const c = candles[i];
    columns.openTime[i] = c.openTime;
    columns.open[i] = c.open;
    columns.high[i] = c.high;
    columns.low[i] = c.low;
    columns.close[i] = c.close;
    columns.volume[i] = c.volume;
  }
  return columns;
}

/** The columns over a buffer laid out by candleColumns (as a worker receives a shared one). */
export function columnsOver(buffer: ArrayBufferLike, length: number, timeframe: Timeframe): CandleColumns {
  const column = (field: number): Float64Array => new Float64Array(buffer, field * length * Float64Array.BYTES_PER_ELEMENT, length);
  return { timeframe, length, openTime: column(0), open: column(1), high: column(2), low: column(3), close: column(4), volume: column(5) };
}

/** Candles [first, end) of the columns as closed candles of `symbol`. */
export function candlesFromColumns(columns: CandleColumns, symbol: string, first = 0, end = columns.length): Candle[] {
  const candles: Candle[] = [];
  for (let i = first; i < end; i++) {
    candles.push({
      symbol,
      timeframe: columns.timeframe,
      openTime: columns.openTime[i],
      open: columns.open[i],
      high: columns.high[i],
      low: columns.low[i],
      close: columns.close[i],
      volume: columns.volume[i],
      closed: true,
    });
  }
  return candles;
}
