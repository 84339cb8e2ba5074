// What the exchange would refuse, checked locally in shadow mode: the same precision and minimums the
// exchange enforces, and the account's real free balance.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { Order } from '../../../shared/trading.ts';
import { orderProblem } from '../paper/order-validation.ts';
import type { CcxtMarket } from './ccxt-module.ts';

export interface MarketRules {
  info: SymbolInfo;
  minCost?: number; // minimum notional in quote
  maxAmount?: number;
  minPrice?: number;
  maxPrice?: number;
}

/** Free balance per asset; null until the first fetchBalance answered. */
export type FreeBalance = Record<string, number> | null;

export function marketRules(market: CcxtMarket, info: SymbolInfo): MarketRules {
  const limits = market.limits ?? {};
  return {
    info,
    minCost: limits.cost?.min ?? undefined,
    maxAmount: limits.amount?.max ?? undefined,
    minPrice: limits.price?.min ?? undefined,
    maxPrice: limits.price?.max ?? undefined,
  };
}

export function formatAmount(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 8 });
}

/** Why the exchange would refuse the order, or null when it would take it. */
export function shadowProblem(order: Order, rules: MarketRules, free: FreeBalance, exchangeName: string): string | null {
  const { info } = rules;
  const basic = orderProblem(order, info);
  if (basic !== null) return basic;
  if (rules.maxAmount !== undefined && order.size > rules.maxAmount) {
    return `Size ${formatAmount(order.size)} is above ${exchangeName}'s maximum ${formatAmount(rules.maxAmount)} for ${info.symbol}.`;
  }
  const price = order.price;
  if (order.type === 'limit' && price !== undefined) {
    if (rules.minPrice !== undefined && price < rules.minPrice) return `Price ${formatAmount(price)} is below ${exchangeName}'s minimum ${formatAmount(rules.minPrice)} for ${info.symbol}.`;
    if (rules.maxPrice !== undefined && price > rules.maxPrice) return `Price ${formatAmount(price)} is above ${exchangeName}'s maximum ${formatAmount(rules.maxPrice)} for ${info.symbol}.`;
  }
  // A market order's price is the engine's reference (best bid/ask); without one there is nothing to check.
  if (price === undefined) return null;
  const cost = price * order.size;
  if (rules.minCost !== undefined && cost < rules.minCost) {
    return `Order value ${formatAmount(cost)} ${info.quote} is below ${exchangeName}'s minimum order value of ${formatAmount(rules.minCost)} ${info.quote} for ${info.symbol}.`;
  }
  if (free === null) return null;
  if (order.side === 'buy') {
    const needed = cost * (1 + info.takerFee);
    const have = free[info.quote] ?? 0;
    if (needed > have) return `${exchangeName} would refuse it: it needs ${formatAmount(needed)} ${info.quote} with fees, and the free balance is ${formatAmount(have)} ${info.quote}.`;
  } else {
    const have = free[info.base] ?? 0;
    if (order.size > have) return `${exchangeName} would refuse it: selling ${formatAmount(order.size)} ${info.base} needs that much free, and the free balance is ${formatAmount(have)} ${info.base}.`;
  }
  return null;
}
