// The price an order can actually fill at, which is what risk measures it by: a limit order that
// crosses the book fills at the book, not at its limit (a sell limit at 0.01 into a 150 bid sells at
// 150), and a market order walks the book past the touch.
import type { OrderBook, Ticker } from '../../../shared/market.ts';
import type { Side } from '../../../shared/trading.ts';
import { stepsWithin } from '../quantity.ts';

/**
 * Walks the other side of the book as the order would (bounded by its limit, each level's size in whole
 * lots as the matcher takes it), and prices what the book cannot fill at the limit (it rests there) or,
 * for a market order, at the last level reached. The size-weighted average; with no level on that side,
 * the limit or the ticker's touch; null when neither is known. Allocates nothing.
 */
export function measuredPrice(side: Side, size: number, limit: number | undefined, book: OrderBook | undefined, ticker: Ticker | undefined, lotSize: number): number | null {
  const levels = book === undefined ? undefined : side === 'buy' ? book.asks : book.bids;
  let left = size;
  let cost = 0;
  let last = Number.NaN;
  let first = Number.NaN;
  if (levels !== undefined) {
    for (let i = 0; i < levels.length && left > 0; i++) {
      const level = levels[i]!;
      const price = level[0];
      if (limit !== undefined && (side === 'buy' ? price > limit : price < limit)) break;
      const take = Math.min(left, stepsWithin(level[1], lotSize) * lotSize);
      if (take <= 0) continue;
      cost += take * price;
      left -= take;
      if (Number.isNaN(first)) first = price;
      last = price;
    }
  }
  // All at one price: that price itself, not size × price / size, which can miss it by a float step.
  if (left <= 0) return first === last ? last : cost / size;
  const rest = limit ?? (Number.isNaN(last) ? touch(side, ticker) : last);
  if (rest === undefined || !(rest > 0) || !Number.isFinite(rest)) return null;
  return left === size || (first === last && rest === last) ? rest : (cost + left * rest) / size;
}

function touch(side: Side, ticker: Ticker | undefined): number | undefined {
  return ticker === undefined ? undefined : side === 'buy' ? ticker.ask : ticker.bid;
}
