// A ccxt market as the engine's SymbolInfo. ccxt states precision in one of three modes per exchange,
// so "precision.price = 2" means a 0.01 tick on one exchange and a tick of 2 on another.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { CcxtMarket } from './ccxt-module.ts';

/** ccxt's precisionMode constants (ccxt.DECIMAL_PLACES etc.), repeated so this file needs no runtime ccxt. */
export const PRECISION_MODE = { DECIMAL_PLACES: 2, SIGNIFICANT_DIGITS: 3, TICK_SIZE: 4 } as const;

/** Used when an exchange does not publish its fees: a typical spot taker rate. */
const DEFAULT_FEE = 0.001;
/**
 * With significant-digit precision the step depends on the price's magnitude, which a static
 * SymbolInfo cannot express; a fine step lets the exchange do the rounding it documents.
 */
const FINE_STEP = 1e-8;

export function stepFrom(precision: number | undefined, precisionMode: number): number {
  if (precision === undefined || !Number.isFinite(precision)) return FINE_STEP;
  if (precisionMode === PRECISION_MODE.TICK_SIZE) return precision > 0 ? precision : FINE_STEP;
  if (precisionMode === PRECISION_MODE.DECIMAL_PLACES) return Number(`1e-${Math.max(0, Math.round(precision))}`);
  return FINE_STEP;
}

export function toSymbolInfo(market: CcxtMarket, precisionMode: number): SymbolInfo {
  const tickSize = stepFrom(market.precision?.price, precisionMode);
  const lotSize = stepFrom(market.precision?.amount, precisionMode);
  const minAmount = market.limits?.amount?.min;
  const minCost = market.limits?.cost?.min;
  return {
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    // Only a spot market holds what it trades; anything else (margin, swaps, futures) can go short.
    market: market.spot === false || (market.type !== undefined && market.type !== 'spot') ? 'margin' : 'spot',
    tickSize,
    lotSize,
    minSize: minAmount !== undefined && minAmount > lotSize ? minAmount : lotSize,
    minNotional: minCost !== undefined && Number.isFinite(minCost) && minCost > 0 ? minCost : 0,
    makerFee: market.maker ?? DEFAULT_FEE,
    takerFee: market.taker ?? DEFAULT_FEE,
  };
}
