// The only door to ccxt. Everything here is type-only except loadCcxt(), which imports the library on
// first use: a paper session never pays for loading ~100 exchange definitions, and the engine never
// sees a ccxt type (adapters convert at the edge).
import type { Exchange } from 'ccxt';

export type CcxtModule = typeof import('ccxt');
export type CcxtExchange = Exchange;
export type CcxtOrder = import('ccxt').Order;
export type CcxtTrade = import('ccxt').Trade;
export type CcxtOrderBook = import('ccxt').OrderBook;
export type CcxtMarket = import('ccxt').MarketInterface;

let loading: Promise<CcxtModule> | undefined;

/** The ids of every exchange ccxt supports ('binance', 'kraken', ...). */
export function exchangeIds(ccxt: CcxtModule): string[] {
  return ccxt.default.exchanges;
}

export function loadCcxt(): Promise<CcxtModule> {
  loading ??= import('ccxt');
  return loading;
}
