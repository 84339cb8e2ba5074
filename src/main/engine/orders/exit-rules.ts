// What a conditional order or a bracket must look like before it is armed: triggers on the venue's tick
// grid and on the side of the market where they wait rather than fire at once, exits beyond their entry.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { BracketExits, OrderIntent, Side } from '../../../shared/trading.ts';
import { isOnGrid } from '../quantity.ts';
import { formatAmount } from '../risk/format.ts';
import { THRESHOLD_EPSILON } from '../tolerance.ts';
import { kindName } from './exit-names.ts';
import { firesOnFall, trailingTriggerAt } from './trigger-rules.ts';

/**
 * The price a conditional order is measured at before it fires: its limit, its trigger, or for a trailing
 * stop where it would trigger now (at its activation price once the market gets there).
 */
export function conditionalMeasuredPrice(intent: OrderIntent, touch: number | null): number | null {
  if (intent.price !== undefined) return intent.price;
  if (intent.triggerPrice !== undefined) return intent.triggerPrice;
  const terms = intent.trailing;
  if (terms === undefined) return null;
  const from = terms.activationPrice ?? touch;
  return from === null ? null : trailingTriggerAt(terms, intent.side, from);
}

/** Why a stop, take-profit or trailing stop cannot be armed, or null. `touch` is what its side meets now. */
export function conditionalProblem(intent: OrderIntent, touch: number | null, info: SymbolInfo): string | null {
  const { triggerPrice, trailing, side, type } = intent;
  for (const [name, value] of [['Trigger price', triggerPrice], ['Activation price', trailing?.activationPrice]] as const) {
    if (value !== undefined && !isOnGrid(value, info.tickSize)) return `${name} ${value} is not a multiple of the ${info.symbol} tick size ${info.tickSize}.`;
  }
  if (trailing !== undefined && trailing.unit === 'amount' && touch !== null && trailing.distance >= touch) {
    return `A trailing distance of ${formatAmount(trailing.distance)} is the whole price of ${info.symbol} (${formatAmount(touch)}) or more.`;
  }
  if (touch === null) return null;
  if (triggerPrice !== undefined && firesAt(type, side, triggerPrice, touch)) {
    const where = firesOnFall(type, side) ? 'below' : 'above';
    return `A ${side} ${kindName(type)} at ${formatAmount(triggerPrice)} would fire at once: the market is at ${formatAmount(touch)}, and it must wait ${where} it. ${firesOnFall(type, side) === (side === 'sell') ? `To ${side} at a better price now, use a limit order.` : ''}`.trim();
  }
  return null;
}

function firesAt(type: OrderIntent['type'], side: Side, trigger: number, touch: number): boolean {
  return firesOnFall(type, side) ? !(trigger < touch * (1 - THRESHOLD_EPSILON)) : !(trigger > touch * (1 + THRESHOLD_EPSILON));
}

/**
 * Why a bracket's exits do not fit its entry, or null: a long's stop below the price it fills at and its
 * take-profit above (a short's the other way round), on the tick grid.
 */
export function bracketProblem(side: Side, measured: number, exits: BracketExits, info: SymbolInfo): string | null {
  const { stopLoss, takeProfit, trailingStop } = exits;
  for (const [name, leg] of [['stop-loss', stopLoss], ['take-profit', takeProfit]] as const) {
    if (leg === undefined) continue;
    for (const value of [leg.triggerPrice, leg.price]) {
      if (value !== undefined && !isOnGrid(value, info.tickSize)) return `The ${name} price ${value} is not a multiple of the ${info.symbol} tick size ${info.tickSize}.`;
    }
  }
  const below = side === 'buy' ? 'below' : 'above';
  const above = side === 'buy' ? 'above' : 'below';
  if (stopLoss !== undefined && !beyond(stopLoss.triggerPrice, measured, side === 'buy' ? -1 : 1)) {
    return `A ${side}'s stop must be ${below} its entry: the stop at ${formatAmount(stopLoss.triggerPrice)} is not ${below} the ${formatAmount(measured)} the order would fill at.`;
  }
  if (takeProfit !== undefined && !beyond(takeProfit.triggerPrice, measured, side === 'buy' ? 1 : -1)) {
    return `A ${side}'s take-profit must be ${above} its entry: ${formatAmount(takeProfit.triggerPrice)} is not ${above} the ${formatAmount(measured)} the order would fill at.`;
  }
  if (trailingStop?.unit === 'amount' && trailingStop.distance >= measured) {
    return `A trailing distance of ${formatAmount(trailingStop.distance)} is the whole entry price (${formatAmount(measured)}) or more.`;
  }
  return null;
}

/** price is beyond `from` in `direction` (+1 above, −1 below) by more than float noise. */
function beyond(price: number, from: number, direction: 1 | -1): boolean {
  return direction > 0 ? price > from * (1 + THRESHOLD_EPSILON) : price < from * (1 - THRESHOLD_EPSILON);
}

/**
 * The price the position loses to if the trade goes wrong, for risk per trade: the bracket's stop (its
 * limit when it has one, as it may fill down there), a trailing stop's distance from the entry, or
 * undefined for an order with no stop (risk then assumes the default stop distance).
 */
export function stopForRisk(intent: OrderIntent, measured: number): number | undefined {
  const exits = intent.exits;
  if (exits?.stopLoss !== undefined) {
    const { triggerPrice, price } = exits.stopLoss;
    if (price === undefined) return triggerPrice;
    return intent.side === 'buy' ? Math.min(triggerPrice, price) : Math.max(triggerPrice, price);
  }
  const trailing = exits?.trailingStop;
  if (trailing !== undefined && trailing.activationPrice === undefined) {
    return trailingTriggerAt(trailing, intent.side === 'buy' ? 'sell' : 'buy', measured);
  }
  return undefined;
}
