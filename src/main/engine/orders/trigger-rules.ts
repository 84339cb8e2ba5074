// When a conditional order fires, as a spot venue decides it. One price stream per exit: every trade
// print, and the book's touch on the side the exit would execute against (a sell's best bid, a buy's
// best ask). The same rules run the paper desk, backtests and exits the desk holds for a live venue.
import type { OrderType, Side, TrailingTerms } from '../../../shared/trading.ts';

/** The fields a trigger is judged on: a conditional order as journaled. */
export interface TriggerTerms {
  side: Side;
  type: OrderType;
  triggerPrice?: number;
  trailing?: TrailingTerms;
}

/**
 * Sell stops (and trailing sells) fire as the price falls to the trigger, buy stops as it rises;
 * take-profits the other way round.
 */
export function firesOnFall(type: OrderType, side: Side): boolean {
  const takeProfit = type === 'take_profit_market' || type === 'take_profit_limit';
  return (side === 'sell') !== takeProfit;
}

/** True when `price` reaches or passes the order's trigger. A trailing stop not yet armed never fires. */
export function crossesTrigger(order: TriggerTerms, price: number): boolean {
  const trigger = order.triggerPrice;
  if (trigger === undefined) return false;
  return firesOnFall(order.type, order.side) ? price <= trigger : price >= trigger;
}

/** Where a trailing stop triggers when the best price it has seen is `best`. */
export function trailingTriggerAt(terms: TrailingTerms, side: Side, best: number): number {
  const gap = terms.unit === 'amount' ? terms.distance : (best * terms.distance) / 100;
  return side === 'sell' ? best - gap : best + gap;
}

/**
 * A trailing stop seeing `price`: armed once the price reaches its activation price (at once without
 * one), then its trigger follows the best price, never back. Returns the new trigger, or undefined
 * when it does not move.
 */
export function trailedTrigger(order: TriggerTerms, price: number): number | undefined {
  const terms = order.trailing;
  if (order.type !== 'trailing_stop' || terms === undefined) return undefined;
  const sell = order.side === 'sell';
  if (order.triggerPrice === undefined && terms.activationPrice !== undefined) {
    const reached = sell ? price >= terms.activationPrice : price <= terms.activationPrice;
    if (!reached) return undefined;
  }
  const candidate = trailingTriggerAt(terms, order.side, price);
  const current = order.triggerPrice;
  if (current === undefined || (sell ? candidate > current : candidate < current)) return candidate;
  return undefined;
}

/** The market or limit order a conditional order becomes when it fires. */
export function firedType(type: OrderType): 'market' | 'limit' {
  return type === 'stop_limit' || type === 'take_profit_limit' || type === 'limit' ? 'limit' : 'market';
}
