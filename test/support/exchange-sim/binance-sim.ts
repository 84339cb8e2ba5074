// A loopback Binance spot venue speaking the real wire protocol (REST /api/v3, market streams, WebSocket API),
// so ccxt's own `binance` class can be pointed at it by URL and exercised end to end.
import { Agent, createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { addMangle, noFaults } from './faults.ts';
import { MarketStreams } from './market-streams.ts';
import { restHandler } from './rest.ts';
import type { BinanceSim, BinanceSimOptions, SimOrder, SimRequest } from './types.ts';
import { Venue } from './venue.ts';
import type { VenueOrder } from './venue-records.ts';
import { WsApi } from './ws-api.ts';

export type {
  BinanceSim, BinanceSimOptions, SimFaults, SimOrder, SimOrderList, SimOrderType, SimPoint, SimRequest, SimTrade,
} from './types.ts';

export const SIM_API_KEY = 'hftdesk-sim-api-key-0000000000000000000000000000000000000000000000';
export const SIM_SECRET = 'hftdesk-sim-secret-00000000000000000000000000000000000000000000000';

/** The parts of a ccxt exchange instance pointCcxtAtSim touches. */
export interface CcxtExchangeLike {
  urls: Record<string, unknown>;
  options: Record<string, unknown>;
  httpAgent?: unknown;
}

/**
 * Routes every URL of a ccxt `binance` / `pro.binance` instance to the sim, turns off the load-time
 * calls the sim does not serve (sapi currencies and margin pairs, futures exchangeInfo) and gives ccxt
 * the http agent it insists on for ws:// URLs.
 */
export function pointCcxtAtSim(exchange: CcxtExchangeLike, sim: Pick<BinanceSim, 'urls'>): void {
  exchange.urls['api'] = { ...(exchange.urls['api'] as Record<string, unknown>), ...sim.urls };
  exchange.options['fetchMarkets'] = { types: ['spot'] };
  exchange.options['fetchCurrencies'] = false;
  exchange.options['fetchMargins'] = false;
  // ccxt refuses plain ws:// URLs unless an http agent is loaded (it treats them as a proxy case).
  exchange.httpAgent ??= new Agent();
}

function simUrls(port: number): Record<string, unknown> {
  const http = `http://127.0.0.1:${port}`;
  const ws = `ws://127.0.0.1:${port}`;
  // Everything ccxt could reach points here, so nothing leaks to the internet; unserved paths answer 404.
  const rest: Record<string, string> = { public: `${http}/api/v3`, private: `${http}/api/v3`, v1: `${http}/api/v1` };
  for (const v of ['1', '2', '3', '4']) rest[v === '1' ? 'sapi' : `sapiV${v}`] = `${http}/sapi/v${v}`;
  for (const name of ['fapiPublic', 'fapiPublicV2', 'fapiPublicV3', 'fapiPrivate', 'fapiPrivateV2', 'fapiPrivateV3', 'fapiData',
    'dapiPublic', 'dapiPrivate', 'dapiPrivateV2', 'dapiData', 'eapiPublic', 'eapiPrivate', 'papi', 'papiV2']) {
    rest[name] = `${http}/unserved/${name}`;
  }
  // ccxt tells spot stream clients by '/stream' in their URL (real host: stream.binance.com), hence the path.
  const spotStream = `${ws}/stream/ws`;
  return {
    ...rest,
    ws: {
      spot: spotStream,
      margin: spotStream,
      future: `${ws}/unserved/fstream/ws`,
      delivery: `${ws}/unserved/dstream/ws`,
      stock: `${ws}/unserved/equity/ws`,
      option: `${ws}/unserved/option/ws`,
      optionMarket: `${ws}/unserved/option-market/ws`,
      optionPrivate: `${ws}/unserved/option-private/ws`,
      papi: `${ws}/unserved/pm/ws`,
      'ws-api': { spot: `${ws}/ws-api/v3`, future: `${ws}/unserved/ws-fapi/v1`, delivery: `${ws}/unserved/ws-dapi/v1` },
    },
  };
}

export async function startBinanceSim(options: BinanceSimOptions = {}): Promise<BinanceSim> {
  const creds = { apiKey: options.apiKey ?? SIM_API_KEY, secret: options.secret ?? SIM_SECRET };
  const faults = noFaults();
  const now = (): number => Date.now() + faults.skewMs;
  const log: SimRequest[] = [];
  const held = new Set<ServerResponse>();
  const onPoint = options.onPoint ?? ((): void => {});

  // The venue's events fan out to the socket layers, which in turn read the venue.
  let venue: Venue | undefined;
  const getVenue = (): Venue => venue!;
  const streams = new MarketStreams(getVenue, faults, now);
  const wsApi = new WsApi({ venue: getVenue, faults, creds, now, log: (e) => log.push(e), onPoint });
  venue = new Venue(options.balances ?? { USDT: 100_000, BTC: 1, ETH: 10 }, {
    onDepth: (symbol, diff, time) => streams.onDepth(symbol, diff, time),
    onTape: (trade) => streams.onTape(trade),
    onExecution: (x) => wsApi.onExecution(x),
    onListStatus: (list, time) => wsApi.onListStatus(list, time),
    onAccount: (assets, time) => wsApi.onAccount(assets, time),
  }, now, { historyMinutes: options.historyMinutes, nativeStops: options.nativeStops });

  const server = createServer(restHandler({
    venue: getVenue, faults, creds, readOnly: options.readOnlyKeys === true, now, held, onPoint,
    log: (e) => {
      log.push(e);
      return e;
    },
  }));
  const marketWss = new WebSocketServer({ noServer: true });
  const apiWss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    if (url.pathname.startsWith('/unserved/')) return socket.destroy();
    const isApi = url.pathname.startsWith('/ws-api/');
    const wss = isApi ? apiWss : marketWss;
    wss.handleUpgrade(req, socket, head, (ws) => (isApi ? wsApi.attach(ws) : streams.attach(ws, url)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const urls = simUrls((server.address() as AddressInfo).port);

  return {
    apiKey: creds.apiKey,
    secret: creds.secret,
    urls,
    setBook: (symbol, bids, asks) => venue.setBook(symbol, bids, asks),
    printTrade: (symbol, price, qty, takerSide) => venue.printTrade(symbol, price, qty, takerSide),
    fillOrder: (id, qty, price) => venue.forceFill(id, qty, price),
    orders: () => venue.orders().map(simOrder),
    openOrders: (symbol) => venue.openOrders(symbol).map(simOrder),
    orderLists: () => venue.lists.all().map((l) => ({
      orderListId: l.orderListId, listClientOrderId: l.listClientOrderId, symbol: l.symbol, contingencyType: l.contingencyType,
      listOrderStatus: l.listOrderStatus, orderIds: [l.legs[0].orderId, l.legs[1].orderId],
    })),
    trades: () => venue.trades().map((t) => ({
      id: t.id, orderId: t.orderId, price: t.price, qty: t.qty, commission: t.commission, commissionAsset: t.commissionAsset,
      isMaker: t.isMaker, time: t.time,
    })),
    balance: (asset) => venue.balance(asset),
    requests: () => log.map((e) => ({ ...e })),
    fault: {
      dropConnections: () => {
        streams.dropAll();
        wsApi.dropAll();
      },
      silence: (on) => { faults.silenced = on; },
      nextOrderAcceptedThen5xx: () => { faults.acceptedThen5xx = true; },
      nextOrderTimeout: () => { faults.timeout = true; },
      rateLimit: (count, status, route) => {
        faults.rateLimitLeft = count;
        faults.rateLimitStatus = status;
        faults.rateLimitRoute = route ?? null;
      },
      duplicateFills: (on) => { faults.duplicateFills = on; },
      delayFills: (ms) => { faults.fillDelayMs = ms; },
      rejectSignatures: (on) => { faults.rejectSignatures = on; },
      clockSkewMs: (ms) => { faults.skewMs = ms; },
      mangle: (target, rewrite, count = 1) => addMangle(faults, target, rewrite, count),
      clearMangles: () => { faults.mangles.length = 0; },
    },
    close: async () => {
      wsApi.stop();
      streams.dropAll();
      for (const res of held) res.destroy();
      held.clear();
      marketWss.close();
      apiWss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function simOrder(o: VenueOrder): SimOrder {
  return {
    orderId: o.orderId, clientOrderId: o.clientOrderId, symbol: o.symbol, side: o.side, type: o.type, price: o.price,
    stopPrice: o.stopPrice, orderListId: o.orderListId, workingTime: o.workingTime, origQty: o.origQty,
    executedQty: o.executedQty, cummulativeQuoteQty: o.cummulativeQuoteQty, status: o.status, time: o.time, updateTime: o.updateTime,
  };
}
