// How an order's kind and prices read in a table cell, a chip or a chart line: "SL 95", "TP 110 → 109.5",
// "Trail 2% @ 97.8".
import type { Order } from '../../../../shared/trading.ts';
import { formatPrice } from '../../format/number.ts';

const SHORT: Record<Order['type'], string> = {
  market: 'MKT',
  limit: 'LMT',
  stop_market: 'SL',
  stop_limit: 'SL',
  take_profit_market: 'TP',
  take_profit_limit: 'TP',
  trailing_stop: 'Trail',
};

export function exitLabel(order: Order, tickSize = 0.01): string {
  const price = (value: number | undefined) => formatPrice(value ?? null, tickSize);
  if (order.type === 'market') return 'MKT';
  if (order.type === 'limit') return `LMT ${price(order.price)}`;
  if (order.type === 'trailing_stop') {
    const terms = order.trailing!;
    const distance = terms.unit === 'percent' ? `${terms.distance}%` : price(terms.distance);
    return order.triggerPrice === undefined ? `Trail ${distance} from ${price(terms.activationPrice)}` : `Trail ${distance} @ ${price(order.triggerPrice)}`;
  }
  const limit = order.price === undefined ? '' : ` → ${price(order.price)}`;
  return `${SHORT[order.type]} ${price(order.triggerPrice)}${limit}`;
}
