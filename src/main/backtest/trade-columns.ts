// Trade prints as columns of numbers, what the trade loop reads: one shared buffer rather than an
// object per print, so a sweep's workers read one copy.
import type { Trade } from '../../shared/market.ts';

const FIELDS = 4;
const BUY = 1;
const SELL = -1;

export interface TradeColumns {
  length: number;
  ts: Float64Array;
  price: Float64Array;
  size: Float64Array;
  /** The aggressor: 1 a buy, -1 a sell. */
  side: Float64Array;
}

/** Prints of one symbol, in time order, as columns. */
export function tradeColumns(trades: readonly Trade[]): TradeColumns {
  const n = trades.length;
  const buffer = new SharedArrayBuffer(FIELDS * n * Float64Array.BYTES_PER_ELEMENT);
  const column = (field: number): Float64Array => new Float64Array(buffer, field * n * Float64Array.BYTES_PER_ELEMENT, n);
  const columns: TradeColumns = { length: n, ts: column(0), price: column(1), size: column(2), side: column(3) };
  for (let i = 0; i < n; i++) {
    const t = trades[i];
    columns.ts[i] = t.ts;
    columns.price[i] = t.price;
    columns.size[i] = t.size;
    columns.side[i] = t.side === 'buy' ? BUY : SELL;
  }
  return columns;
}

/** The columns as trades of `symbol` (ids made up from their place: nothing in a backtest reads them). */
export function tradesFromColumns(columns: TradeColumns, symbol: string): Trade[] {
  const trades: Trade[] = [];
  for (let i = 0; i < columns.length; i++) {
    trades.push({ symbol, ts: columns.ts[i], id: String(i), price: columns.price[i], size: columns.size[i], side: columns.side[i] === BUY ? 'buy' : 'sell' });
  }
  return trades;
}
