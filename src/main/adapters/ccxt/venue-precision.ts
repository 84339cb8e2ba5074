// The exchange's own rounding of an order, through ccxt: amounts truncated, prices rounded, in whatever
// precision mode the exchange uses (decimal places, tick sizes or significant digits).
import type { CcxtExchange } from './ccxt-module.ts';

/** What ccxt would send for this size and price; null when the exchange takes no such number (ccxt throws). */
export function venuePrecision(exchange: CcxtExchange, symbol: string, size: number, price: number | undefined): { size: number; price: number | undefined } | null {
  try {
    return {
      size: Number(exchange.amountToPrecision(symbol, size)),
      price: price === undefined ? undefined : Number(exchange.priceToPrecision(symbol, price)),
    };
  } catch {
    return null;
  }
}
