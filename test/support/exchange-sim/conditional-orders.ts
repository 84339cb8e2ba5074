// Binance spot's conditional orders (STOP_LOSS, STOP_LOSS_LIMIT, TAKE_PROFIT, TAKE_PROFIT_LIMIT): which way each
// one triggers, and the refusals particular to them.
import { BinanceError } from './binance-error.ts';
import type { SimOrderType } from './types.ts';

export type ConditionalType = 'STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT' | 'TAKE_PROFIT_LIMIT';

const CONDITIONAL: ReadonlySet<string> = new Set(['STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT']);

const NAMES: Record<ConditionalType, string> = {
  STOP_LOSS: 'Stop loss', STOP_LOSS_LIMIT: 'Stop loss limit', TAKE_PROFIT: 'Take profit', TAKE_PROFIT_LIMIT: 'Take profit limit',
};

export function isConditional(type: string): type is ConditionalType {
  return CONDITIONAL.has(type);
}

export function isStopLoss(type: string): boolean {
  return type === 'STOP_LOSS' || type === 'STOP_LOSS_LIMIT';
}

/** The kinds that execute as a MARKET order (no price of their own); they spend from free balance when they trade. */
export function takesMarket(type: SimOrderType): boolean {
  return type === 'MARKET' || type === 'STOP_LOSS' || type === 'TAKE_PROFIT';
}

/**
 * Whether a trade at `price` triggers the order. A stop loss fires when the price moves against its side
 * (a sell at or below its stopPrice, a buy at or above), a take profit when it moves in favour (the mirror).
 */
export function crosses(side: 'BUY' | 'SELL', type: ConditionalType, stopPrice: number, price: number): boolean {
  const firesFalling = (side === 'SELL') === isStopLoss(type);
  return firesFalling ? price <= stopPrice : price >= stopPrice;
}

/** A symbol that does not list the type refuses it at the API, with this wording (seen live as -1013). */
export function unsupportedType(type: ConditionalType): BinanceError {
  return new BinanceError(400, -1013, `${NAMES[type]} orders are not supported for this symbol.`);
}

/**
 * A stop already crossed by the last trade. errors.md words it "Order would trigger immediately."; the live
 * venue answers this wording, which is the one ccxt's own comment quotes (both map to OrderImmediatelyFillable).
 */
export function wouldTriggerImmediately(): BinanceError {
  return new BinanceError(400, -2010, 'Stop price would trigger immediately.');
}
