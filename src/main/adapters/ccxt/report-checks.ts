// What an exchange says about our own orders, checked before the live broker believes it. A fill with a
// price or size that is no positive number would be journaled and then refused by the portfolio, and its
// trade id would be spent, so the true fill could never be applied; a filled size beyond the order would
// keep the order waiting for fills that do not exist. Such reports are ignored and the order is asked
// about again.
import type { SymbolInfo } from '../../../shared/market.ts';
import { shown } from './bad-data-log.ts';
import type { CcxtOrder, CcxtTrade } from './ccxt-module.ts';
import { feeCharge } from './fills.ts';
import { isPositive } from './market-events.ts';

/** A hair over the order size, for filled sizes summed in floating point. */
const SIZE_TOLERANCE = 1e-9;
/** No exchange charges (or rebates) anything near this share of a trade's value; real fees are under 1 %. */
const MAX_FEE_SHARE = 0.05;
/** A fill this many times above or below its order's price is a garbled number, not a market move. */
const MAX_PRICE_FACTOR = 2;
/** An id written as a number that is not a whole one ("1e400", "Infinity", "12.5") was garbled on the way. */
const NUMBER_LIKE_ID = /^[+-]?(?:Infinity|NaN|[\d.]+(?:e[+-]?\d+)?)$/i;
const WHOLE_NUMBER = /^\d+$/;

/**
 * Why a trade of one of our orders in `info`'s market cannot be right, e.g. 'price "abc"', or null. `left`
 * is what is still unfilled of the order and `orderPrice` its limit or reference price: a size over what is
 * left, or a price far from the order's, is as impossible as a negative one (1e308 is a finite number).
 */
export function tradeProblem(trade: CcxtTrade, info: SymbolInfo, left: number, orderPrice: number | undefined): string | null {
  const id = String(trade.id);
  if (NUMBER_LIKE_ID.test(id) && !WHOLE_NUMBER.test(id)) return `trade id ${shown(trade.id)}`;
  if (typeof trade.price !== 'number' || !isPositive(trade.price)) return `price ${shown(trade.price)}`;
  if (orderPrice !== undefined && (trade.price > orderPrice * MAX_PRICE_FACTOR || trade.price < orderPrice / MAX_PRICE_FACTOR)) {
    return `price ${shown(trade.price)}, far from the order's ${shown(orderPrice)}`;
  }
  if (typeof trade.amount !== 'number' || !isPositive(trade.amount)) return `size ${shown(trade.amount)}`;
  if (trade.amount > left + info.lotSize / 2) return `size ${shown(trade.amount)}, more than the ${shown(left)} left of the order`;
  // The fee as the fill will carry it: whatever ccxt made of the exchange's fee fields, it must be a number.
  const fee = feeCharge(trade, info, trade.side === 'buy' ? 'buy' : 'sell');
  if (!Number.isFinite(fee.value) || !Number.isFinite(fee.amount) || Math.abs(fee.value) > MAX_FEE_SHARE * trade.price * trade.amount) {
    return `fee ${shown(trade.fee?.cost)} ${shown(trade.fee?.currency)}`;
  }
  return null;
}

/** Why a report on one of our orders, of `size` at `orderPrice` in `info`'s market, cannot be right, e.g. 'filled -1 of 0.01', or null. */
export function orderReportProblem(order: CcxtOrder, size: number, orderPrice: number | undefined, info: SymbolInfo): string | null {
  const filled: unknown = order.filled;
  if (filled !== undefined && filled !== null && !(typeof filled === 'number' && filled >= 0 && filled <= size * (1 + SIZE_TOLERANCE))) {
    return `filled ${shown(filled)} of ${size}`;
  }
  // ccxt reads a missing filled size as 0, and its cost comes from another field: a report of a closed
  // order with 0 filled for a cost of 599 USDT would otherwise be believed.
  const cost: unknown = order.cost;
  if (typeof filled === 'number' && typeof cost === 'number' && cost > 0 && Number.isFinite(cost)) {
    const average = cost / filled;
    const wrong = filled <= info.lotSize / 2 || (orderPrice !== undefined && (average > orderPrice * MAX_PRICE_FACTOR || average < orderPrice / MAX_PRICE_FACTOR));
    if (wrong) return `filled ${shown(filled)} for a cost of ${shown(cost)}`;
  }
  for (const trade of order.trades ?? []) {
    const problem = tradeProblem(trade, info, size, orderPrice);
    if (problem !== null) return `a trade with ${problem}`;
  }
  return null;
}
