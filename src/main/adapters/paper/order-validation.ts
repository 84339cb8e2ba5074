// What a venue would refuse outright, checked before an order is accepted.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { Order } from '../../../shared/trading.ts';
import { isOnGrid } from './quantity.ts';

/** Why the venue refuses the order, or null when it is well formed. */
export function orderProblem(order: Order, info: SymbolInfo): string | null {
  const { symbol, minSize, lotSize, tickSize } = info;
  if (!Number.isFinite(order.size) || order.size <= 0) return `Size ${order.size} must be a positive number.`;
  // Relative slack so that a size computed as 0.1 + 0.2 still meets a 0.3 minimum.
  if (order.size < minSize * (1 - 1e-9)) return `Size ${order.size} is below the minimum ${minSize} for ${symbol}.`;
  if (!isOnGrid(order.size, lotSize)) return `Size ${order.size} is not a multiple of the lot size ${lotSize} for ${symbol}.`;
  if (order.type === 'limit') {
    const price = order.price;
    if (price === undefined || !Number.isFinite(price) || price <= 0) return `A limit order needs a positive price.`;
    if (!isOnGrid(price, tickSize)) return `Price ${price} is not a multiple of the tick size ${tickSize} for ${symbol}.`;
  }
  return null;
}
