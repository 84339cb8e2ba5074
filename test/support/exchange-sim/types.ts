// Public shapes of the Binance simulator, shared by its parts and by tests that drive it.

export interface BinanceSimOptions {
  /** Defaults to SIM_API_KEY. */
  apiKey?: string;
  /** Defaults to SIM_SECRET. */
  secret?: string;
  /** Default { USDT: 100000, BTC: 1, ETH: 10 }. */
  balances?: Record<string, number>;
  /** The key may read but not trade: order endpoints answer -2015 and the account shows canTrade false. */
  readOnlyKeys?: boolean;
  /** Minutes of seeded trade history before start-up (three prints a minute); default 120. */
  historyMinutes?: number;
  /** Called synchronously as the venue passes a point, so a crash test can kill its client right there. */
  onPoint?: (point: SimPoint) => void;
  /**
   * Default true: the symbols list STOP_LOSS, STOP_LOSS_LIMIT, TAKE_PROFIT and TAKE_PROFIT_LIMIT and allow OCO
   * lists, as BTCUSDT does on Binance. False: only LIMIT, LIMIT_MAKER and MARKET, ocoAllowed false, and the
   * venue refuses the rest as Binance does on a symbol without them (-1013 "... are not supported for this symbol.").
   */
  nativeStops?: boolean;
}

/**
 * order-booked: a new order is booked and the answer not yet sent; fill-sent: an execution report with a
 * fill was just pushed to the user-data streams.
 */
export type SimPoint = 'order-booked' | 'fill-sent';

export type SimOrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'REJECTED' | 'EXPIRED';

/** LIMIT_MAKER is what ccxt sends for postOnly limit orders; the STOP_LOSS and TAKE_PROFIT kinds wait for a trigger. */
export type SimOrderType = 'LIMIT' | 'MARKET' | 'LIMIT_MAKER' | 'STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT' | 'TAKE_PROFIT_LIMIT';

export interface SimOrder {
  orderId: number;
  clientOrderId: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  type: SimOrderType;
  /** 0 for MARKET, STOP_LOSS and TAKE_PROFIT. */
  price: number;
  /** 0 unless the order is conditional. */
  stopPrice: number;
  /** -1 unless the order is a leg of an order list. */
  orderListId: number;
  /** When the order started working (its placement, or its trigger); -1 for a conditional order still waiting. */
  workingTime: number;
  origQty: number;
  executedQty: number;
  cummulativeQuoteQty: number;
  status: SimOrderStatus;
  time: number;
  updateTime: number;
}

/** An OCO as the venue holds it; ALL_DONE once one leg has filled or triggered, or the list was canceled. */
export interface SimOrderList {
  orderListId: number;
  listClientOrderId: string;
  symbol: string;
  contingencyType: 'OCO';
  listOrderStatus: 'EXECUTING' | 'ALL_DONE';
  /** Its two legs, lower orderId (the stop-loss leg) first. */
  orderIds: [number, number];
}

export interface SimTrade {
  id: number;
  orderId: number;
  price: number;
  qty: number;
  commission: number;
  commissionAsset: string;
  isMaker: boolean;
  time: number;
}

export interface SimRequest {
  /** HTTP verb, or 'WS' for a ws-api request (path is then the ws-api method). */
  method: string;
  path: string;
  signed: boolean;
  /** 0 while unanswered (nextOrderTimeout). */
  status: number;
}

export interface SimFaults {
  /** Terminate every websocket abruptly (no close frame). */
  dropConnections(): void;
  /** Stop market-data messages; sockets stay open. */
  silence(on: boolean): void;
  /** Book the next new order, then answer HTTP 503. */
  nextOrderAcceptedThen5xx(): void;
  /** Book the next new order and never answer; the socket is held until the client gives up or the sim closes. */
  nextOrderTimeout(): void;
  /** The next `count` REST requests get `status`, Retry-After and Binance's -1003 JSON. */
  /** The next `count` REST requests (only those to `route`, e.g. 'POST /api/v3/order', when given) are refused with `status`. */
  rateLimit(count: number, status: 429 | 418, route?: string): void;
  /** Send each executionReport twice. */
  duplicateFills(on: boolean): void;
  /** Send executionReports `ms` late (0 turns it off). */
  delayFills(ms: number): void;
  /** Signed requests fail with -1022 (400). */
  rejectSignatures(on: boolean): void;
  /** Server clock offset; timestamps outside recvWindow get -1021. */
  clockSkewMs(ms: number): void;
  /**
   * Rewrites the next `count` (default 1) messages on `target`: a REST reply named 'METHOD /path'
   * ('GET /api/v3/order'), a market stream message 'stream <channel>' ('stream trade', 'stream depth'),
   * a user-data push 'user <event>' ('user executionReport'). `rewrite` gets the JSON value about to be
   * sent (a combined stream's {stream, data}, a push's {subscriptionId, event}) and returns the value to
   * send instead, or a string to send as raw text.
   */
  mangle(target: string, rewrite: (message: unknown) => unknown, count?: number): void;
  /** Drops the rewrites still pending. */
  clearMangles(): void;
}

export interface BinanceSim {
  readonly apiKey: string;
  readonly secret: string;
  /** Merge into a ccxt binance instance: `exchange.urls.api = { ...exchange.urls.api, ...sim.urls }`. */
  readonly urls: Record<string, unknown>;
  /** New book snapshot for 'BTCUSDT'; subscribers get a depthUpdate with consecutive U/u ids. */
  setBook(symbol: string, bids: [number, number][], asks: [number, number][]): void;
  /**
   * A public trade print; it fills resting limit orders it crosses at their own price, then triggers the
   * conditional orders whose stopPrice it reaches.
   */
  printTrade(symbol: string, price: number, qty: number, takerSide: 'BUY' | 'SELL'): void;
  /**
   * Force a (partial) fill of a working order, at its own price unless `price` is given. A conditional order
   * still waiting for its trigger throws: print through its stopPrice instead.
   */
  fillOrder(orderIdOrClientId: number | string, qty: number, price?: number): void;
  /** Every order the venue has booked, oldest first. */
  orders(): SimOrder[];
  /** The venue's own open orders (untriggered conditional orders included), as GET /api/v3/openOrders lists them. */
  openOrders(symbol?: string): SimOrder[];
  /** Every OCO placed, oldest first. */
  orderLists(): SimOrderList[];
  trades(): SimTrade[];
  balance(asset: string): { free: number; locked: number };
  readonly fault: SimFaults;
  requests(): SimRequest[];
  close(): Promise<void>;
}
