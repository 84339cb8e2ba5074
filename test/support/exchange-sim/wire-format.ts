// Venue state rendered in Binance spot's JSON shapes, REST and stream, so ccxt parses them natively.
import type { Book } from './book.ts';
import { isConditional } from './conditional-orders.ts';
import { fmt } from './markets.ts';
import { listStatusType, type OrderList } from './order-lists.ts';
import type { Candle, TapeTrade } from './tape.ts';
import type { Execution, VenueOrder, VenueTrade } from './venue-records.ts';

type Json = Record<string, unknown>;

function orderCore(o: VenueOrder): Json {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: o.orderListId,
    clientOrderId: o.clientOrderId,
    price: fmt(o.price),
    origQty: fmt(o.origQty),
    executedQty: fmt(o.executedQty),
    cummulativeQuoteQty: fmt(o.cummulativeQuoteQty),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    // Order responses carry stopPrice only for the conditional kinds.
    ...(isConditional(o.type) ? { stopPrice: fmt(o.stopPrice) } : {}),
  };
}

/** Binance adds expiryReason to the order's answers once it has expired. */
function expiry(o: VenueOrder): Json {
  return o.status === 'EXPIRED' && o.expiryReason !== undefined ? { expiryReason: o.expiryReason } : {};
}

/** POST /api/v3/order answer for newOrderRespType ACK, RESULT or FULL. */
export function newOrderResponse(o: VenueOrder, fills: VenueTrade[], respType: string): Json {
  const ack = { symbol: o.symbol, orderId: o.orderId, orderListId: o.orderListId, clientOrderId: o.clientOrderId, transactTime: o.time };
  if (respType === 'ACK') return ack;
  const result = {
    ...ack, ...orderCore(o), transactTime: o.time, origQuoteOrderQty: fmt(o.origQuoteOrderQty),
    workingTime: o.workingTime, ...expiry(o), selfTradePreventionMode: 'NONE',
  };
  if (respType === 'RESULT') return result;
  return {
    ...result,
    fills: fills.map((f) => ({ price: fmt(f.price), qty: fmt(f.qty), commission: fmt(f.commission), commissionAsset: f.commissionAsset, tradeId: f.id })),
  };
}

/** GET /api/v3/order, openOrders and allOrders rows. */
export function queriedOrder(o: VenueOrder): Json {
  return {
    ...orderCore(o), stopPrice: fmt(o.stopPrice), icebergQty: fmt(0), time: o.time, updateTime: o.updateTime,
    isWorking: o.workingTime !== -1, workingTime: o.workingTime, ...expiry(o),
    origQuoteOrderQty: fmt(o.origQuoteOrderQty), selfTradePreventionMode: 'NONE',
  };
}

export function canceledOrder(o: VenueOrder, cancelClientOrderId: string, time: number): Json {
  return { ...orderCore(o), origClientOrderId: o.clientOrderId, clientOrderId: cancelClientOrderId, transactTime: time, selfTradePreventionMode: 'NONE' };
}

export function myTrade(t: VenueTrade): Json {
  return {
    symbol: t.symbol, id: t.id, orderId: t.orderId, orderListId: t.orderListId, price: fmt(t.price), qty: fmt(t.qty),
    quoteQty: fmt(t.quoteQty), commission: fmt(t.commission), commissionAsset: t.commissionAsset, time: t.time,
    isBuyer: t.isBuyer, isMaker: t.isMaker, isBestMatch: true,
  };
}

export function executionReport(x: Execution): Json {
  const o = x.order;
  const t = x.trade;
  const canceled = x.executionType === 'CANCELED';
  return {
    e: 'executionReport', E: x.time, s: o.symbol,
    c: canceled ? x.cancelClientOrderId : o.clientOrderId,
    S: o.side, o: o.type, f: o.timeInForce, q: fmt(o.origQty), p: fmt(o.price), P: fmt(o.stopPrice), F: fmt(0), g: o.orderListId,
    C: canceled ? o.clientOrderId : '',
    x: x.executionType, X: o.status, r: 'NONE', i: o.orderId,
    l: fmt(t?.qty ?? 0), z: fmt(o.executedQty), L: fmt(t?.price ?? 0), n: fmt(t?.commission ?? 0), N: t?.commissionAsset ?? null,
    // w: on the book now; a conditional order is not until it triggers, and W (working time) appears only once it is.
    T: x.time, t: t?.id ?? -1, v: 0, I: x.time, w: (o.status === 'NEW' || o.status === 'PARTIALLY_FILLED') && o.workingTime !== -1,
    m: t?.isMaker ?? false, M: false, O: o.time, Z: fmt(o.cummulativeQuoteQty), Y: fmt(t?.quoteQty ?? 0),
    Q: fmt(o.origQuoteOrderQty), ...(o.workingTime !== -1 ? { W: o.workingTime } : {}), V: 'NONE',
    ...(x.executionType === 'EXPIRED' && o.expiryReason !== undefined ? { eR: o.expiryReason } : {}),
  };
}

/** POST /api/v3/orderList/oco, /order/oco, DELETE and GET /api/v3/orderList answers; `orderReports` only where Binance sends them. */
export function orderListResponse(list: OrderList, orderReports?: Json[]): Json {
  return {
    orderListId: list.orderListId, contingencyType: list.contingencyType, listStatusType: listStatusType(list),
    listOrderStatus: list.listOrderStatus, listClientOrderId: list.listClientOrderId, transactionTime: list.transactionTime,
    symbol: list.symbol, orders: list.legs.map((o) => ({ symbol: o.symbol, orderId: o.orderId, clientOrderId: o.clientOrderId })),
    ...(orderReports ? { orderReports } : {}),
  };
}

/** The user-data push that accompanies an order list's executionReports. */
export function listStatus(list: OrderList, time: number): Json {
  return {
    e: 'listStatus', E: time, s: list.symbol, g: list.orderListId, c: list.contingencyType, l: listStatusType(list),
    L: list.listOrderStatus, r: 'NONE', C: list.listClientOrderId, T: list.transactionTime,
    O: list.legs.map((o) => ({ s: o.symbol, i: o.orderId, c: o.clientOrderId })),
  };
}

export function accountPosition(balances: { asset: string; free: number; locked: number }[], time: number): Json {
  return { e: 'outboundAccountPosition', E: time, u: time, B: balances.map((b) => ({ a: b.asset, f: fmt(b.free), l: fmt(b.locked) })) };
}

export function restTrade(t: TapeTrade): Json {
  return { id: t.id, price: fmt(t.price), qty: fmt(t.qty), quoteQty: fmt(t.price * t.qty), time: t.time, isBuyerMaker: t.buyerIsMaker, isBestMatch: true };
}

/** Each print is its own aggregate trade here. */
export function restAggTrade(t: TapeTrade): Json {
  return { a: t.id, p: fmt(t.price), q: fmt(t.qty), f: t.id, l: t.id, T: t.time, m: t.buyerIsMaker, M: true };
}

export function streamTrade(t: TapeTrade, now: number): Json {
  return { e: 'trade', E: now, s: t.symbol, t: t.id, p: fmt(t.price), q: fmt(t.qty), T: t.time, m: t.buyerIsMaker, M: true };
}

export function streamAggTrade(t: TapeTrade, now: number): Json {
  return { e: 'aggTrade', E: now, s: t.symbol, a: t.id, p: fmt(t.price), q: fmt(t.qty), f: t.id, l: t.id, T: t.time, m: t.buyerIsMaker, M: true };
}

export function restKline(c: Candle): unknown[] {
  return [c.openTime, fmt(c.open), fmt(c.high), fmt(c.low), fmt(c.close), fmt(c.volume), c.closeTime, fmt(c.quoteVolume), c.count, fmt(c.takerBuyVolume), fmt(c.takerBuyQuoteVolume), '0'];
}

export function streamKline(symbol: string, interval: string, c: Candle, now: number): Json {
  return {
    e: 'kline', E: now, s: symbol,
    k: {
      t: c.openTime, T: c.closeTime, s: symbol, i: interval, f: c.firstId, L: c.lastId, o: fmt(c.open), c: fmt(c.close),
      h: fmt(c.high), l: fmt(c.low), v: fmt(c.volume), n: c.count, x: now > c.closeTime, q: fmt(c.quoteVolume),
      V: fmt(c.takerBuyVolume), Q: fmt(c.takerBuyQuoteVolume), B: '0',
    },
  };
}

function top(book: Book): { bid: [number, number]; ask: [number, number] } {
  return { bid: book.best('bids') ?? [0, 0], ask: book.best('asks') ?? [0, 0] };
}

export function restBookTicker(symbol: string, book: Book): Json {
  const { bid, ask } = top(book);
  return { symbol, bidPrice: fmt(bid[0]), bidQty: fmt(bid[1]), askPrice: fmt(ask[0]), askQty: fmt(ask[1]) };
}

export function streamBookTicker(symbol: string, book: Book): Json {
  const { bid, ask } = top(book);
  return { u: book.lastUpdateId, s: symbol, b: fmt(bid[0]), B: fmt(bid[1]), a: fmt(ask[0]), A: fmt(ask[1]) };
}

export function restTicker24h(symbol: string, s: Candle, last: TapeTrade, book: Book): Json {
  const { bid, ask } = top(book);
  const change = s.close - s.open;
  return {
    symbol, priceChange: fmt(change), priceChangePercent: (change / s.open * 100).toFixed(3), weightedAvgPrice: fmt(s.quoteVolume / s.volume),
    prevClosePrice: fmt(s.open), lastPrice: fmt(s.close), lastQty: fmt(last.qty), bidPrice: fmt(bid[0]), bidQty: fmt(bid[1]),
    askPrice: fmt(ask[0]), askQty: fmt(ask[1]), openPrice: fmt(s.open), highPrice: fmt(s.high), lowPrice: fmt(s.low),
    volume: fmt(s.volume), quoteVolume: fmt(s.quoteVolume), openTime: s.openTime, closeTime: s.closeTime,
    firstId: s.firstId, lastId: s.lastId, count: s.count,
  };
}

export function streamTicker24h(symbol: string, s: Candle, last: TapeTrade, book: Book, now: number): Json {
  const { bid, ask } = top(book);
  const change = s.close - s.open;
  return {
    e: '24hrTicker', E: now, s: symbol, p: fmt(change), P: (change / s.open * 100).toFixed(3), w: fmt(s.quoteVolume / s.volume),
    x: fmt(s.open), c: fmt(s.close), Q: fmt(last.qty), b: fmt(bid[0]), B: fmt(bid[1]), a: fmt(ask[0]), A: fmt(ask[1]),
    o: fmt(s.open), h: fmt(s.high), l: fmt(s.low), v: fmt(s.volume), q: fmt(s.quoteVolume), O: s.openTime, C: s.closeTime,
    F: s.firstId, L: s.lastId, n: s.count,
  };
}

export function streamMiniTicker(symbol: string, s: Candle, now: number): Json {
  return { e: '24hrMiniTicker', E: now, s: symbol, c: fmt(s.close), o: fmt(s.open), h: fmt(s.high), l: fmt(s.low), v: fmt(s.volume), q: fmt(s.quoteVolume) };
}

export function levels(list: [number, number][]): [string, string][] {
  return list.map(([p, q]) => [fmt(p), fmt(q)]);
}
