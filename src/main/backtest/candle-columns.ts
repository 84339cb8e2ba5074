// A candle series as columns of numbers, what the candle loop reads: one buffer rather than an object
// per candle. The buffer is shared memory, so a sweep's workers read one copy (posting it shares it).
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

/** Candles of one timeframe, in time order, as columns. */
export function candleColumns(candles: readonly Candle[], timeframe: Timeframe): CandleColumns {
  const n = candles.length;
  const buffer = new SharedArrayBuffer(FIELDS * n * Float64Array.BYTES_PER_ELEMENT);
  const column = (field: number): Float64Array => new Float64Array(buffer, field * n * Float64Array.BYTES_PER_ELEMENT, n);
  const columns: CandleColumns = { timeframe, length: n, openTime: column(0), open: column(1), high: column(2), low: column(3), close: column(4), volume: column(5) };
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

/** The columns as closed candles of `symbol`. */
export function candlesFromColumns(columns: CandleColumns, symbol: string): Candle[] {
  const candles: Candle[] = [];
  for (let i = 0; i < columns.length; i++) {
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
