// What the exchange would refuse, checked locally in shadow mode: the same precision, minimums and
// maximums the exchange enforces. (Balances are the engine's: the shadow account began with the real
// holdings and its simulated fills move them.)
import type { SymbolInfo } from '../../../shared/market.ts';
import type { Order } from '../../../shared/trading.ts';
import { orderShapeProblem } from '../../engine/orders/venue-rules.ts';
import type { CcxtMarket } from './ccxt-module.ts';

export interface MarketRules {
  /** Its minimum order value is info.minNotional, which the engine checks at the price the order fills at. */
  info: SymbolInfo;
  maxAmount?: number;
  minPrice?: number;
  maxPrice?: number;
}

export function marketRules(market: CcxtMarket, info: SymbolInfo): MarketRules {
  const limits = market.limits ?? {};
  return {
    info,
    maxAmount: limits.amount?.max ?? undefined,
    minPrice: limits.price?.min ?? undefined,
    maxPrice: limits.price?.max ?? undefined,
  };
}

export function formatAmount(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 8 });
}

/** Why the exchange would refuse the order, or null when it would take it. */
export function shadowProblem(order: Order, rules: MarketRules, exchangeName: string): string | null {
  const { info } = rules;
  const basic = orderShapeProblem(order.size, order.type, order.price, info);
  if (basic !== null) return basic;
  if (rules.maxAmount !== undefined && order.size > rules.maxAmount) {
    return `Size ${formatAmount(order.size)} is above ${exchangeName}'s maximum ${formatAmount(rules.maxAmount)} for ${info.symbol}.`;
  }
  const price = order.price;
  if (order.type === 'limit' && price !== undefined) {
    if (rules.minPrice !== undefined && price < rules.minPrice) return `Price ${formatAmount(price)} is below ${exchangeName}'s minimum ${formatAmount(rules.minPrice)} for ${info.symbol}.`;
    if (rules.maxPrice !== undefined && price > rules.maxPrice) return `Price ${formatAmount(price)} is above ${exchangeName}'s maximum ${formatAmount(rules.maxPrice)} for ${info.symbol}.`;
  }
  return null;
}
