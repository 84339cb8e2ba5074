// Which stops a venue keeps itself, and how ccxt is asked for them. Binance lists its order types per
// market (`orderTypes`, `ocoAllowed` in exchangeInfo, kept raw in ccxt's market.info); a venue that lists
// none gets every exit held by the desk instead.
import type { Order, OrderType } from '../../../shared/trading.ts';
import type { CcxtExchange } from './ccxt-module.ts';

export type NativeExit = OrderType | 'oco';

const VENUE_TYPES: Partial<Record<OrderType, string>> = {
  stop_market: 'STOP_LOSS',
  stop_limit: 'STOP_LOSS_LIMIT',
  take_profit_market: 'TAKE_PROFIT',
  take_profit_limit: 'TAKE_PROFIT_LIMIT',
};

export function nativeExitsOf(exchange: CcxtExchange, symbol: string): ReadonlySet<NativeExit> {
  const info = (exchange.markets?.[symbol] as { info?: { orderTypes?: unknown; ocoAllowed?: unknown } } | undefined)?.info;
  const listed = Array.isArray(info?.orderTypes) ? (info.orderTypes as unknown[]) : [];
  const native = new Set<NativeExit>();
  for (const [type, venueType] of Object.entries(VENUE_TYPES)) if (listed.includes(venueType)) native.add(type as OrderType);
  if (info?.ocoAllowed === true) native.add('oco');
  return native;
}

/** createOrder's type, price and params for an order: ccxt's unified stopLossPrice / takeProfitPrice for the conditional kinds. */
export function createOrderArgs(order: Pick<Order, 'type' | 'price' | 'triggerPrice' | 'timeInForce' | 'postOnly' | 'clientOrderId'>): { type: 'market' | 'limit'; price: number | undefined; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { clientOrderId: order.clientOrderId };
  const limit = order.type === 'limit' || order.type === 'stop_limit' || order.type === 'take_profit_limit';
  if (order.type === 'stop_market' || order.type === 'stop_limit') params.stopLossPrice = order.triggerPrice;
  if (order.type === 'take_profit_market' || order.type === 'take_profit_limit') params.takeProfitPrice = order.triggerPrice;
  if (order.timeInForce !== undefined && order.timeInForce !== 'GTC') params.timeInForce = order.timeInForce;
  if (order.postOnly === true) params.postOnly = true;
  return { type: limit ? 'limit' : 'market', price: limit ? order.price : undefined, params };
}

/**
 * Binance's OCO order list for a stop and a take-profit closing a position: the take-profit rests as a
 * LIMIT_MAKER at its price, the stop waits as STOP_LOSS (or STOP_LOSS_LIMIT with a limit). A sell's
 * take-profit is the leg above the market, a buy's the leg below.
 */
export function ocoParams(exchange: CcxtExchange, stop: Order, target: Order): Record<string, unknown> {
  const symbol = stop.symbol;
  const price = (value: number) => exchange.priceToPrecision(symbol, value);
  const targetPrice = target.price ?? target.triggerPrice!;
  const stopLeg: Record<string, unknown> = stop.price === undefined
    ? { Type: 'STOP_LOSS', StopPrice: price(stop.triggerPrice!) }
    : { Type: 'STOP_LOSS_LIMIT', StopPrice: price(stop.triggerPrice!), Price: price(stop.price), TimeInForce: 'GTC' };
  const targetLeg = { Type: 'LIMIT_MAKER', Price: price(targetPrice) };
  const [above, below] = stop.side === 'sell' ? [targetLeg, stopLeg] : [stopLeg, targetLeg];
  const [aboveId, belowId] = stop.side === 'sell' ? [target.clientOrderId, stop.clientOrderId] : [stop.clientOrderId, target.clientOrderId];
  const legs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(above)) legs[`above${key}`] = value;
  for (const [key, value] of Object.entries(below)) legs[`below${key}`] = value;
  return {
    symbol: exchange.market(symbol).id,
    side: stop.side.toUpperCase(),
    quantity: exchange.amountToPrecision(symbol, stop.size),
    aboveClientOrderId: aboveId,
    belowClientOrderId: belowId,
    ...legs,
  };
}
