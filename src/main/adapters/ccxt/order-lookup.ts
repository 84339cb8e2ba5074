// Finding one of our orders at the exchange after its answer was lost or the desk restarted. The
// result must be trustworthy both ways: null only when the exchange confirms it has no such order.
import type { CcxtExchange, CcxtModule, CcxtOrder, CcxtTrade } from './ccxt-module.ts';
import { errorKind } from './venue-errors.ts';

export interface OrderRef {
  symbol: string;
  clientOrderId: string;
  /** The exchange's id when it acknowledged the order; '' when it never did. */
  orderId: string;
  /** When the order was sent, to bound history queries. */
  sentAt: number;
}

/**
 * Exchanges whose fetchOrder finds an order by the client id ccxt forwards as `clientOrderId`
 * (binance: origClientOrderId, okx: clOrdId, kucoin and bitget: clientOid). Others are searched in
 * their open and recent order lists, which is slower but exact.
 */
const FETCH_BY_CLIENT_ID = new Set(['binance', 'binanceus', 'binanceusdm', 'binancecoinm', 'okx', 'kucoin', 'bitget']);

/** How far before the send to search order history: clocks differ a little. */
const HISTORY_SLACK_MS = 60_000;

/** The order as the exchange has it, or null when the exchange says it has none. Other errors throw. */
export async function findOrder(ccxt: CcxtModule, exchange: CcxtExchange, ref: OrderRef): Promise<CcxtOrder | null> {
  if (exchange.has.fetchOrder && (ref.orderId !== '' || FETCH_BY_CLIENT_ID.has(exchange.id))) {
    try {
      const params = ref.orderId !== '' ? {} : { clientOrderId: ref.clientOrderId };
      const order = await exchange.fetchOrder(ref.orderId, ref.symbol, params);
      return { ...order, clientOrderId: order.clientOrderId ?? ref.clientOrderId };
    } catch (error) {
      if (errorKind(ccxt, error) === 'not-found') return null;
      throw error;
    }
  }
  const matches = (o: CcxtOrder): boolean => o.clientOrderId === ref.clientOrderId || (ref.orderId !== '' && o.id === ref.orderId);
  const lists: (() => Promise<CcxtOrder[]>)[] = [];
  const since = ref.sentAt - HISTORY_SLACK_MS;
  if (exchange.has.fetchOpenOrders) lists.push(() => exchange.fetchOpenOrders(ref.symbol));
  if (exchange.has.fetchOrders) lists.push(() => exchange.fetchOrders(ref.symbol, since));
  else {
    if (exchange.has.fetchClosedOrders) lists.push(() => exchange.fetchClosedOrders(ref.symbol, since));
    if (exchange.has.fetchCanceledOrders) lists.push(() => exchange.fetchCanceledOrders(ref.symbol, since));
  }
  if (lists.length < 2) throw new Error(`${exchange.name} cannot list orders through ccxt, so order ${ref.clientOrderId} cannot be looked up.`);
  for (const list of lists) {
    const found = (await list()).find(matches);
    if (found) return found;
  }
  return null;
}

/** Every trade of one order, for fills a stream missed. */
export async function tradesOf(exchange: CcxtExchange, ref: OrderRef): Promise<CcxtTrade[]> {
  if (exchange.has.fetchOrderTrades) return exchange.fetchOrderTrades(ref.orderId, ref.symbol);
  const trades = await exchange.fetchMyTrades(ref.symbol, ref.sentAt - HISTORY_SLACK_MS);
  return trades.filter((t) => t.order === ref.orderId);
}
