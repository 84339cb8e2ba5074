// Binance spot REST (/api/v3): routing, authentication, faults and the request log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BinanceError } from './binance-error.ts';
import { wireText, type FaultState } from './faults.ts';
import { exchangeInfo, fmt, specFor, SYMBOLS } from './markets.ts';
import type { NewOco, OcoLegRequest, OrderList } from './order-lists.ts';
import { ORDER_PARAMS, randomClientId, type NewOrder } from './order-rules.ts';
import { Params } from './params.ts';
import { checkApiKey, checkRestSignature, checkTimestamp, type Credentials } from './signing.ts';
import { intervalMs } from './tape.ts';
import type { SimPoint, SimRequest } from './types.ts';
import type { Venue } from './venue.ts';
import * as wire from './wire-format.ts';

export interface RestDeps {
  venue: () => Venue;
  faults: FaultState;
  creds: Credentials;
  readOnly: boolean;
  /** Server time, skew included. */
  now: () => number;
  log: (entry: SimRequest) => SimRequest;
  /** Requests deliberately left unanswered (nextOrderTimeout), destroyed when the sim closes. */
  held: Set<ServerResponse>;
  onPoint: (point: SimPoint) => void;
}

type Reply = { status?: number; body: unknown } | 'hold';

interface Route {
  /** SIGNED: HMAC + timestamp; USER_STREAM/MARKET_DATA with key: X-MBX-APIKEY only. */
  auth: 'none' | 'key' | 'signed';
  /** Order placement or cancel: refused for read-only keys. */
  trade?: boolean;
  handle: (p: Params, deps: RestDeps) => Reply;
}

function forSymbols<T>(p: Params, one: (symbol: string) => T): T | T[] {
  const symbol = p.str('symbol');
  if (symbol !== undefined) return one(specFor(symbol).symbol);
  return (p.symbols() ?? SYMBOLS.map((s) => s.symbol)).map(one);
}

function limitOf(p: Params, fallback: number, max: number): number {
  return Math.min(p.num('limit') ?? fallback, max);
}

const ROUTES: Record<string, Route> = {
  'GET /api/v3/ping': { auth: 'none', handle: () => ({ body: {} }) },
  'GET /api/v3/time': { auth: 'none', handle: (_p, d) => ({ body: { serverTime: d.now() } }) },
  'GET /api/v3/exchangeInfo': {
    auth: 'none',
    handle: (p, d) => {
      const one = p.str('symbol');
      return { body: exchangeInfo(d.now(), d.venue().nativeStops, one !== undefined ? [one] : p.symbols()) };
    },
  },
  'GET /api/v3/depth': {
    auth: 'none',
    handle: (p, d) => {
      const book = d.venue().book(p.required('symbol'));
      const limit = limitOf(p, 100, 5000);
      return { body: { lastUpdateId: book.lastUpdateId, bids: wire.levels(book.levels('bids', limit)), asks: wire.levels(book.levels('asks', limit)) } };
    },
  },
  'GET /api/v3/trades': {
    auth: 'none',
    handle: (p, d) => ({ body: d.venue().tape.trades(specFor(p.required('symbol')).symbol).slice(-limitOf(p, 500, 1000)).map(wire.restTrade) }),
  },
  'GET /api/v3/historicalTrades': {
    auth: 'key',
    handle: (p, d) => {
      const fromId = p.num('fromId');
      const all = d.venue().tape.trades(specFor(p.required('symbol')).symbol);
      const limit = limitOf(p, 500, 1000);
      const list = fromId === undefined ? all.slice(-limit) : all.filter((t) => t.id >= fromId).slice(0, limit);
      return { body: list.map(wire.restTrade) };
    },
  },
  'GET /api/v3/aggTrades': {
    auth: 'none',
    handle: (p, d) => {
      const [fromId, start, end] = [p.num('fromId'), p.num('startTime'), p.num('endTime')];
      const limit = limitOf(p, 500, 1000);
      const all = d.venue().tape.trades(specFor(p.required('symbol')).symbol);
      const picked = all.filter((t) => (fromId === undefined || t.id >= fromId) && (start === undefined || t.time >= start) && (end === undefined || t.time <= end));
      const list = fromId !== undefined || start !== undefined ? picked.slice(0, limit) : picked.slice(-limit);
      return { body: list.map(wire.restAggTrade) };
    },
  },
  'GET /api/v3/klines': { auth: 'none', handle: (p, d) => klines(p, d) },
  'GET /api/v3/uiKlines': { auth: 'none', handle: (p, d) => klines(p, d) },
  'GET /api/v3/ticker/24hr': {
    auth: 'none',
    handle: (p, d) => {
      const venue = d.venue();
      return {
        body: forSymbols(p, (symbol) => {
          const stats = venue.tape.stats24h(symbol, d.now()) ?? venue.tape.stats24h(symbol, Infinity)!;
          return wire.restTicker24h(symbol, stats, venue.tape.last(symbol)!, venue.book(symbol));
        }),
      };
    },
  },
  'GET /api/v3/ticker/bookTicker': { auth: 'none', handle: (p, d) => ({ body: forSymbols(p, (s) => wire.restBookTicker(s, d.venue().book(s))) }) },
  'GET /api/v3/ticker/price': {
    auth: 'none',
    handle: (p, d) => ({ body: forSymbols(p, (symbol) => ({ symbol, price: fmt(d.venue().tape.last(symbol)!.price) })) }),
  },
  'GET /api/v3/avgPrice': {
    auth: 'none',
    handle: (p, d) => {
      const last = d.venue().tape.last(specFor(p.required('symbol')).symbol)!;
      return { body: { mins: 5, price: fmt(last.price), closeTime: last.time } };
    },
  },
  'GET /api/v3/account': {
    auth: 'signed',
    handle: (p, d) => {
      const venue = d.venue();
      const omitZero = p.str('omitZeroBalances') === 'true';
      const balances = venue.assets().map((asset) => ({ asset, ...venue.balance(asset) }))
        .filter((b) => !omitZero || b.free > 0 || b.locked > 0)
        .map((b) => ({ asset: b.asset, free: fmt(b.free), locked: fmt(b.locked) }));
      return {
        body: {
          makerCommission: 10, takerCommission: 10, buyerCommission: 0, sellerCommission: 0,
          commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
          canTrade: !d.readOnly, canWithdraw: false, canDeposit: true, brokered: false, requireSelfTradePrevention: false,
          preventSor: false, updateTime: d.now(), accountType: 'SPOT', balances, permissions: ['SPOT'], uid: 354937868,
        },
      };
    },
  },
  'POST /api/v3/order': { auth: 'signed', trade: true, handle: (p, d) => newOrder(p, d) },
  'POST /api/v3/order/test': {
    auth: 'signed',
    trade: true,
    handle: (p, d) => {
      d.venue().place(orderRequest(p), true);
      return { body: {} };
    },
  },
  'DELETE /api/v3/order': {
    auth: 'signed',
    trade: true,
    handle: (p, d) => {
      const cancelId = p.str('newClientOrderId') ?? randomClientId();
      const order = d.venue().cancel(p.required('symbol'), p.num('orderId'), p.str('origClientOrderId'), cancelId);
      return { body: wire.canceledOrder(order, cancelId, d.now()) };
    },
  },
  'GET /api/v3/order': {
    auth: 'signed',
    handle: (p, d) => ({ body: wire.queriedOrder(d.venue().query(p.required('symbol'), p.num('orderId'), p.str('origClientOrderId'))) }),
  },
  'GET /api/v3/openOrders': { auth: 'signed', handle: (p, d) => ({ body: d.venue().openOrders(p.str('symbol')).map(wire.queriedOrder) }) },
  'DELETE /api/v3/openOrders': {
    auth: 'signed',
    trade: true,
    handle: (p, d) => {
      const venue = d.venue();
      const open = venue.openOrders(p.required('symbol'));
      if (open.length === 0) throw new BinanceError(400, -2011, 'Unknown order sent.');
      const body: unknown[] = [];
      // An executing OCO goes as one entry, in the order-list shape; an order already canceled with its list is skipped.
      for (const o of open) {
        if (o.status !== 'NEW' && o.status !== 'PARTIALLY_FILLED') continue;
        const cancelId = randomClientId();
        const list = venue.lists.executing(o);
        if (list) body.push(canceledList(venue.cancelOrderList(o.symbol, list.orderListId, undefined, cancelId), cancelId, d.now()));
        else body.push(wire.canceledOrder(venue.cancel(o.symbol, o.orderId, undefined, cancelId), cancelId, d.now()));
      }
      return { body };
    },
  },
  'POST /api/v3/orderList/oco': { auth: 'signed', trade: true, handle: (p, d) => newOco(ocoRequest(p), p, d) },
  'POST /api/v3/order/oco': { auth: 'signed', trade: true, handle: (p, d) => newOco(legacyOcoRequest(p), p, d) },
  'DELETE /api/v3/orderList': {
    auth: 'signed',
    trade: true,
    handle: (p, d) => {
      const cancelId = p.str('newClientOrderId') ?? randomClientId();
      const list = d.venue().cancelOrderList(p.required('symbol'), p.num('orderListId'), p.str('listClientOrderId'), cancelId);
      return { body: canceledList(list, cancelId, d.now()) };
    },
  },
  'GET /api/v3/orderList': {
    auth: 'signed',
    handle: (p, d) => ({ body: wire.orderListResponse(d.venue().lists.query(p.num('orderListId'), p.str('origClientOrderId'))) }),
  },
  'GET /api/v3/openOrderList': {
    auth: 'signed',
    handle: (_p, d) => ({ body: d.venue().lists.all().filter((l) => l.listOrderStatus === 'EXECUTING').map((l) => wire.orderListResponse(l)) }),
  },
  'GET /api/v3/allOrderList': {
    auth: 'signed',
    handle: (p, d) => {
      const [fromId, start, end] = [p.num('fromId'), p.num('startTime'), p.num('endTime')];
      const list = d.venue().lists.all().filter((l) => (fromId === undefined || l.orderListId >= fromId)
        && (start === undefined || l.legs[0].time >= start) && (end === undefined || l.legs[0].time <= end));
      return { body: list.slice(0, limitOf(p, 500, 1000)).map((l) => wire.orderListResponse(l)) };
    },
  },
  'GET /api/v3/allOrders': {
    auth: 'signed',
    handle: (p, d) => {
      const symbol = specFor(p.required('symbol')).symbol;
      const [orderId, start, end] = [p.num('orderId'), p.num('startTime'), p.num('endTime')];
      const list = d.venue().orders().filter((o) => o.symbol === symbol && (orderId === undefined || o.orderId >= orderId)
        && (start === undefined || o.time >= start) && (end === undefined || o.time <= end));
      return { body: list.slice(0, limitOf(p, 500, 1000)).map(wire.queriedOrder) };
    },
  },
  'GET /api/v3/myTrades': {
    auth: 'signed',
    handle: (p, d) => {
      const symbol = specFor(p.required('symbol')).symbol;
      const [orderId, fromId, start, end] = [p.num('orderId'), p.num('fromId'), p.num('startTime'), p.num('endTime')];
      const list = d.venue().trades().filter((t) => t.symbol === symbol && (orderId === undefined || t.orderId === orderId)
        && (fromId === undefined || t.id >= fromId) && (start === undefined || t.time >= start) && (end === undefined || t.time <= end));
      const limit = limitOf(p, 500, 1000);
      return { body: (fromId !== undefined || start !== undefined ? list.slice(0, limit) : list.slice(-limit)).map(wire.myTrade) };
    },
  },
};

function klines(p: Params, d: RestDeps): Reply {
  const symbol = specFor(p.required('symbol')).symbol;
  const interval = p.required('interval');
  if (intervalMs(interval) === undefined) throw new BinanceError(400, -1120, 'Invalid interval.');
  const candles = d.venue().tape.candles(symbol, interval, { startTime: p.num('startTime'), endTime: p.num('endTime'), limit: limitOf(p, 500, 1000) });
  return { body: candles.map(wire.restKline) };
}

function orderRequest(p: Params): NewOrder {
  return {
    symbol: p.required('symbol'), side: p.required('side'), type: p.required('type'), timeInForce: p.str('timeInForce'),
    quantity: p.num('quantity'), quoteOrderQty: p.num('quoteOrderQty'), price: p.num('price'), stopPrice: p.num('stopPrice'),
    newClientOrderId: p.str('newClientOrderId'),
  };
}

function ocoLeg(p: Params, at: 'above' | 'below'): OcoLegRequest {
  const names = { price: `${at}Price`, stopPrice: `${at}StopPrice`, timeInForce: `${at}TimeInForce`, clientOrderId: `${at}ClientOrderId` };
  return {
    type: p.str(`${at}Type`), price: p.num(names.price), stopPrice: p.num(names.stopPrice), timeInForce: p.str(names.timeInForce),
    clientOrderId: p.str(names.clientOrderId), names,
  };
}

function ocoRequest(p: Params): NewOco {
  return {
    symbol: p.required('symbol'), side: p.required('side'), quantity: p.num('quantity'), listClientOrderId: p.str('listClientOrderId'),
    above: ocoLeg(p, 'above'), below: ocoLeg(p, 'below'),
  };
}

/** The deprecated shape: a LIMIT_MAKER at `price` and a STOP_LOSS at `stopPrice` (STOP_LOSS_LIMIT given a stopLimitPrice). */
function legacyOcoRequest(p: Params): NewOco {
  const limit: OcoLegRequest = {
    type: 'LIMIT_MAKER', price: p.num('price'), clientOrderId: p.str('limitClientOrderId'), names: { ...ORDER_PARAMS, clientOrderId: 'limitClientOrderId' },
  };
  const stopLimitPrice = p.num('stopLimitPrice');
  const stop: OcoLegRequest = {
    type: stopLimitPrice === undefined ? 'STOP_LOSS' : 'STOP_LOSS_LIMIT', price: stopLimitPrice, stopPrice: p.num('stopPrice'),
    timeInForce: p.str('stopLimitTimeInForce'), clientOrderId: p.str('stopClientOrderId'),
    names: { price: 'stopLimitPrice', stopPrice: 'stopPrice', timeInForce: 'stopLimitTimeInForce', clientOrderId: 'stopClientOrderId' },
  };
  const side = p.required('side');
  return {
    symbol: p.required('symbol'), side, quantity: p.num('quantity'), listClientOrderId: p.str('listClientOrderId'),
    above: side === 'BUY' ? stop : limit, below: side === 'BUY' ? limit : stop,
  };
}

function newOrder(p: Params, d: RestDeps): Reply {
  const request = orderRequest(p);
  const placed = d.venue().place(request)!;
  // Binance's default answer: FULL for MARKET and LIMIT, ACK for every other type.
  const respType = p.str('newOrderRespType') ?? (request.type === 'MARKET' || request.type === 'LIMIT' ? 'FULL' : 'ACK');
  return booked(d, wire.newOrderResponse(placed.order, placed.fills, respType));
}

/** Order lists answer RESULT-shaped leg reports unless told otherwise, as the documented examples show. */
function newOco(request: NewOco, p: Params, d: RestDeps): Reply {
  const list = d.venue().placeOco(request);
  const respType = p.str('newOrderRespType') ?? 'RESULT';
  return booked(d, wire.orderListResponse(list, list.legs.map((o) => wire.newOrderResponse(o, [], respType))));
}

function canceledList(list: OrderList, cancelClientOrderId: string, time: number): unknown {
  return wire.orderListResponse(list, list.legs.map((o) => wire.canceledOrder(o, cancelClientOrderId, time)));
}

/** The answer to a request that booked orders, unless a one-shot fault swallows it. */
function booked(d: RestDeps, body: unknown): Reply {
  d.onPoint('order-booked');
  const { faults } = d;
  // Both faults leave the order booked: the client cannot know whether it went through.
  if (faults.acceptedThen5xx) {
    faults.acceptedThen5xx = false;
    return { status: 503, body: { msg: 'Unknown error, please check your request or try again later.' } };
  }
  if (faults.timeout) {
    faults.timeout = false;
    return 'hold';
  }
  return { body };
}

function authenticate(route: Route, req: IncomingMessage, query: string, body: string, d: RestDeps): void {
  if (route.auth === 'none') return;
  const key = req.headers['x-mbx-apikey'];
  checkApiKey(Array.isArray(key) ? key[0] : key, d.creds);
  if (route.auth === 'key') return;
  if (d.faults.rejectSignatures) throw new BinanceError(400, -1022, 'Signature for this request is not valid.');
  checkRestSignature(query, body, d.creds);
  const p = new Params(query, body);
  checkTimestamp(p.str('timestamp'), p.str('recvWindow'), d.now());
  if (route.trade && d.readOnly) throw new BinanceError(401, -2015, 'Invalid API-key, IP, or permissions for action.');
}

function send(res: ServerResponse, entry: SimRequest, status: number, body: unknown, headers: Record<string, string> = {}): void {
  entry.status = status;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json;charset=UTF-8', 'x-mbx-used-weight-1m': '1', ...headers });
  res.end(text);
}

export function restHandler(d: RestDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawUrl = req.url ?? '/';
      const q = rawUrl.indexOf('?');
      const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
      const query = q < 0 ? '' : rawUrl.slice(q + 1);
      const body = Buffer.concat(chunks).toString('utf8');
      const method = req.method ?? 'GET';
      const route = ROUTES[`${method} ${path}`];
      const entry = d.log({ method, path, signed: route?.auth === 'signed', status: 0 });

      if (d.faults.rateLimitLeft > 0 && (d.faults.rateLimitRoute === null || d.faults.rateLimitRoute === `${method} ${path}`)) {
        d.faults.rateLimitLeft--;
        const status = d.faults.rateLimitStatus;
        const msg = status === 418
          ? `Way too much request weight used; IP banned until ${d.now() + 120_000}. Please use WebSocket Streams for live updates to avoid bans.`
          : 'Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.';
        return send(res, entry, status, { code: -1003, msg }, { 'retry-after': status === 418 ? '120' : '1' });
      }
      if (!route) return send(res, entry, 404, '<html><body><h2>404 Not found</h2></body></html>');
      try {
        authenticate(route, req, query, body, d);
        const reply = route.handle(new Params(query, body), d);
        if (reply === 'hold') {
          d.held.add(res);
          res.on('close', () => d.held.delete(res));
          return;
        }
        // Through wireText, so a mangle fault can garble the reply; it is still labelled JSON.
        const text = wireText(d.faults, `${method} ${path}`, reply.body);
        send(res, entry, reply.status ?? 200, text, { 'content-type': 'application/json;charset=UTF-8' });
      } catch (e) {
        if (!(e instanceof BinanceError)) {
          return send(res, entry, 500, { code: -1000, msg: `An unknown error occurred while processing the request. ${String(e)}` });
        }
        send(res, entry, e.status, e.body());
      }
    });
  };
}
