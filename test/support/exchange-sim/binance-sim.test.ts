// The simulator exercised only through ccxt's real `pro.binance` class pointed at it by URL.
import ccxt, { type Order, type Trade } from 'ccxt';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { closeAll, open, pump, until, userStreamReady, within } from './sim-session.ts';

afterEach(closeAll);

describe('Binance simulator through ccxt.pro.binance', () => {
  it('loadMarkets lists BTC/USDT with tick and step precision and LOT_SIZE and NOTIONAL limits', async () => {
    const { ex, sim } = await open();
    const markets = await ex.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    const btc = markets['BTC/USDT']!;
    expect(btc.id).toBe('BTCUSDT');
    expect(btc.spot).toBe(true);
    expect(btc.precision).toMatchObject({ price: 0.01, amount: 0.00001 });
    expect(btc.limits.amount).toEqual({ min: 0.0001, max: 9000 });
    expect(btc.limits.cost?.min).toBe(5);
    expect(sim.requests().map((r) => r.path)).toEqual(['/api/v3/exchangeInfo']);
  });

  it('fetchBalance reports the configured balances as free with nothing used', async () => {
    const { ex } = await open({ balances: { USDT: 2500, BTC: 0.5 } });
    const balance = await ex.fetchBalance();
    expect(balance['USDT']).toMatchObject({ free: 2500, used: 0, total: 2500 });
    expect(balance['BTC']).toMatchObject({ free: 0.5, used: 0 });
  });

  it('fetchOrderBook returns the book set with setBook', async () => {
    const { ex, sim } = await open();
    sim.setBook('BTCUSDT', [[59990, 1], [59980, 2]], [[60010, 1.5], [60020, 3]]);
    const book = await ex.fetchOrderBook('BTC/USDT');
    expect(book.bids).toEqual([[59990, 1], [59980, 2]]);
    expect(book.asks).toEqual([[60010, 1.5], [60020, 3]]);
    expect(book.nonce).toBeGreaterThan(0);
  });

  it('fetchOHLCV returns one-minute candles with open, high, low, close and volume from the tape', async () => {
    const { ex } = await open();
    const candles = await ex.fetchOHLCV('BTC/USDT', '1m', undefined, 10);
    expect(candles).toHaveLength(10);
    for (const [time, o, h, l, c, v] of candles) {
      expect(time! % 60_000).toBe(0);
      expect(h).toBeGreaterThanOrEqual(Math.max(o!, c!));
      expect(l).toBeLessThanOrEqual(Math.min(o!, c!));
      expect(v).toBeGreaterThan(0);
    }
    const hourly = await ex.fetchOHLCV('BTC/USDT', '1h');
    expect(hourly.length).toBeGreaterThanOrEqual(2);
  });

  it('watchOrderBook starts from the setBook snapshot and follows the next setBook as a delta', async () => {
    const { ex, sim } = await open();
    sim.setBook('BTCUSDT', [[59990, 1], [59980, 2]], [[60010, 1.5], [60020, 3]]);
    const first = await ex.watchOrderBook('BTC/USDT');
    expect(first.bids.slice(0, 2)).toEqual([[59990, 1], [59980, 2]]);
    const firstNonce = first.nonce!;

    const next = ex.watchOrderBook('BTC/USDT');
    sim.setBook('BTCUSDT', [[59995, 0.5], [59990, 1]], [[60010, 1.5]]);
    const book = await next;
    expect(book.bids.slice(0, 3)).toEqual([[59995, 0.5], [59990, 1]]);
    expect(book.asks.slice(0, 2)).toEqual([[60010, 1.5]]);
    expect(book.nonce).toBeGreaterThan(firstNonce);
  });

  it('watchTrades delivers a printed trade with its price, amount and taker side', async () => {
    const { ex, sim } = await open();
    const trades = await pump(ex.watchTrades('BTC/USDT'), () => sim.printTrade('BTCUSDT', 60123.45, 0.25, 'SELL'));
    expect(trades.at(-1)).toMatchObject({ symbol: 'BTC/USDT', price: 60123.45, amount: 0.25, side: 'sell' });
  });

  it('watchTicker, watchOHLCV and watchBidsAsks follow printed trades and book changes', async () => {
    const { ex, sim } = await open();
    const ticker = await pump(ex.watchTicker('ETH/USDT'), () => sim.printTrade('ETHUSDT', 3050, 1, 'BUY'));
    expect(ticker).toMatchObject({ symbol: 'ETH/USDT', last: 3050 });
    const candles = await pump(ex.watchOHLCV('ETH/USDT', '1m'), () => sim.printTrade('ETHUSDT', 3060, 2, 'BUY'));
    expect(candles.at(-1)?.[4]).toBe(3060);
    const quotes = await pump(ex.watchBidsAsks(['ETH/USDT']), () => sim.setBook('ETHUSDT', [[3049, Math.random() + 1]], [[3051, 2]]));
    expect(quotes['ETH/USDT']).toMatchObject({ bid: 3049, ask: 3051, askVolume: 2 });
  });

  it('fills a limit order with a clientOrderId partially then fully by printed trades, seen by watchOrders, watchMyTrades and fetchOrder', async () => {
    const { ex, sim } = await open();
    const firstUpdate = ex.watchOrders('BTC/USDT');
    await userStreamReady(sim);
    const placed = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.02, 59000, { clientOrderId: 'desk-1' });
    expect(placed).toMatchObject({ clientOrderId: 'desk-1', status: 'open', filled: 0, amount: 0.02, price: 59000 });
    expect((await firstUpdate).at(-1)).toMatchObject({ id: placed.id, status: 'open', filled: 0 });
    expect(sim.balance('USDT')).toEqual({ free: 98820, locked: 1180 });

    let orders: Promise<Order[]> = ex.watchOrders('BTC/USDT');
    let fills: Promise<Trade[]> = ex.watchMyTrades('BTC/USDT');
    sim.printTrade('BTCUSDT', 59000, 0.005, 'SELL');
    expect((await orders).at(-1)).toMatchObject({ id: placed.id, clientOrderId: 'desk-1', status: 'open', filled: 0.005 });
    expect((await fills).at(-1)).toMatchObject({ order: placed.id, price: 59000, amount: 0.005, side: 'buy', takerOrMaker: 'maker' });

    orders = ex.watchOrders('BTC/USDT');
    fills = ex.watchMyTrades('BTC/USDT');
    sim.printTrade('BTCUSDT', 58990, 1, 'SELL');
    expect((await orders).at(-1)).toMatchObject({ id: placed.id, status: 'closed', filled: 0.02, remaining: 0 });
    expect((await fills).at(-1)).toMatchObject({ price: 59000, amount: 0.015, fee: { cost: 0.000015, currency: 'BTC' } });

    const fetched = await ex.fetchOrder(undefined as unknown as string, 'BTC/USDT', { clientOrderId: 'desk-1' });
    expect(fetched).toMatchObject({ id: placed.id, status: 'closed', filled: 0.02 });
    expect(sim.orders()).toMatchObject([{ clientOrderId: 'desk-1', status: 'FILLED', executedQty: 0.02 }]);
    expect(sim.balance('USDT')).toEqual({ free: 98820, locked: 0 });
    expect(sim.balance('BTC').free).toBeCloseTo(1 + 0.02 * 0.999, 8);
    expect(await ex.fetchMyTrades('BTC/USDT')).toHaveLength(2);
  });

  it('fillOrder forces a partial fill by clientOrderId that fetchMyTrades and fetchOpenOrders show', async () => {
    const { ex, sim } = await open();
    await ex.createOrder('ETH/USDT', 'limit', 'sell', 2, 3100, { clientOrderId: 'eth-ask' });
    sim.fillOrder('eth-ask', 0.5);
    const [trade] = await ex.fetchMyTrades('ETH/USDT');
    expect(trade).toMatchObject({ side: 'sell', price: 3100, amount: 0.5, takerOrMaker: 'maker', fee: { currency: 'USDT' } });
    const [resting] = await ex.fetchOpenOrders('ETH/USDT');
    expect(resting).toMatchObject({ clientOrderId: 'eth-ask', filled: 0.5, remaining: 1.5, status: 'open' });
  });

  it('a market buy walks the book, returns its fills at once and removes the liquidity it took', async () => {
    const { ex, sim } = await open();
    sim.setBook('BTCUSDT', [[59990, 1]], [[60010, 0.05], [60020, 1]]);
    const order = await ex.createOrder('BTC/USDT', 'market', 'buy', 0.08);
    expect(order).toMatchObject({ status: 'closed', filled: 0.08 });
    expect(order.trades.map((t) => [t.price, t.amount])).toEqual([[60010, 0.05], [60020, 0.03]]);
    expect((await ex.fetchOrderBook('BTC/USDT')).asks).toEqual([[60020, 0.97]]);
  });

  it('cancelOrder cancels an open order, releases the locked funds, and a second cancel is OrderNotFound', async () => {
    const { ex, sim } = await open();
    const balanceUpdate = ex.watchBalance();
    await userStreamReady(sim);
    const placed = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.1, 50000);
    await balanceUpdate;
    const nextBalance = ex.watchBalance();
    const canceled = await ex.cancelOrder(String(placed.id), 'BTC/USDT');
    expect(canceled).toMatchObject({ id: placed.id, status: 'canceled' });
    expect((await nextBalance)['USDT']).toMatchObject({ free: 100000, used: 0 });
    expect(sim.orders()[0].status).toBe('CANCELED');
    await expect(ex.cancelOrder(String(placed.id), 'BTC/USDT')).rejects.toBeInstanceOf(ccxt.OrderNotFound);
    await expect(ex.fetchOrder('999999', 'BTC/USDT')).rejects.toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('rejects a reused clientOrderId while its order is open as InvalidOrder', async () => {
    const { ex } = await open();
    await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 50000, { clientOrderId: 'twice' });
    await expect(ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 50000, { clientOrderId: 'twice' })).rejects.toThrow(/Duplicate order sent/);
  });

  it('rejects an order larger than the free balance as InsufficientFunds', async () => {
    const { ex } = await open();
    await expect(ex.createOrder('BTC/USDT', 'limit', 'buy', 2, 59000)).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
    await expect(ex.createOrder('BTC/USDT', 'limit', 'sell', 1.5, 61000)).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
  });

  it('rejects LOT_SIZE and PRICE_FILTER failures at the venue as InvalidOrder', async () => {
    const { ex, sim } = await open();
    await expect(ex.createOrder('BTC/USDT', 'limit', 'buy', 0.00005, 59000)).rejects.toBeInstanceOf(ccxt.InvalidOrder);
    await expect(ex.createOrder('BTC/USDT', 'limit', 'sell', 0.001, 2_000_000)).rejects.toBeInstanceOf(ccxt.InvalidOrder);
    const posts = sim.requests().filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.status)).toEqual([400, 400]);
    expect(sim.orders()).toEqual([]);
  });

  it('surfaces a NOTIONAL filter failure as BadRequest, not InvalidOrder (ccxt maps -1013 that way)', async () => {
    const { ex } = await open();
    const attempt = ex.createOrder('BTC/USDT', 'limit', 'buy', 0.0001, 40000);
    await expect(attempt).rejects.toBeInstanceOf(ccxt.BadRequest);
    await expect(attempt).rejects.toThrow(/Filter failure: NOTIONAL/);
  });

  it('surfaces rejected signatures as AuthenticationError on REST and on the user-data subscription', async () => {
    const { ex, sim } = await open();
    await ex.loadMarkets();
    sim.fault.rejectSignatures(true);
    await expect(ex.fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    const watching = ex.watchOrders();
    // ccxt quirk: the refused subscribe also rejects an internal future nobody awaits; observe it here.
    const wsApiUrl = (sim.urls['ws'] as { 'ws-api': { spot: string } })['ws-api'].spot;
    void ex.clients[wsApiUrl].futures['authenticate:signature:spot'].catch(() => undefined);
    await expect(watching).rejects.toBeInstanceOf(ccxt.AuthenticationError);
  });

  it('surfaces a wrong secret as AuthenticationError because the HMAC really is checked', async () => {
    const { sim, another } = await open();
    const ex = another();
    ex.secret = 'not-the-secret';
    await expect(ex.fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    expect(sim.requests().at(-1)).toMatchObject({ path: '/api/v3/account', signed: true, status: 400 });
  });

  it('answers rate-limited requests 429 or 418 with Retry-After, which ccxt raises as DDoSProtection, then serves again', async () => {
    const { ex, sim } = await open();
    await ex.loadMarkets();
    sim.fault.rateLimit(1, 429);
    await expect(ex.fetchTicker('BTC/USDT')).rejects.toBeInstanceOf(ccxt.DDoSProtection);
    expect(ex.last_response_headers?.['Retry-After']).toBe('1');
    sim.fault.rateLimit(1, 418);
    await expect(ex.fetchBalance()).rejects.toBeInstanceOf(ccxt.DDoSProtection);
    expect((await ex.fetchTicker('BTC/USDT')).last).toBeGreaterThan(0);
    expect(sim.requests().slice(-3).map((r) => r.status)).toEqual([429, 418, 200]);
  });

  it('books an order answered 503, which ccxt raises as ExchangeNotAvailable, and fetchOrder finds it by clientOrderId', async () => {
    const { ex, sim } = await open();
    await ex.loadMarkets();
    sim.fault.nextOrderAcceptedThen5xx();
    const attempt = ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 59000, { clientOrderId: 'unknown-fate' });
    await expect(attempt).rejects.toBeInstanceOf(ccxt.ExchangeNotAvailable);
    expect(sim.orders()).toMatchObject([{ clientOrderId: 'unknown-fate', status: 'NEW' }]);
    const found = await ex.fetchOrder(undefined as unknown as string, 'BTC/USDT', { clientOrderId: 'unknown-fate' });
    expect(found.status).toBe('open');
  });

  it('books an order it never answers, which ccxt raises as RequestTimeout after its timeout', async () => {
    const { ex, sim } = await open();
    await ex.loadMarkets();
    ex.timeout = 300;
    sim.fault.nextOrderTimeout();
    await expect(ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 59000, { clientOrderId: 'silent' })).rejects.toBeInstanceOf(ccxt.RequestTimeout);
    expect(sim.orders()).toMatchObject([{ clientOrderId: 'silent', status: 'NEW' }]);
    expect(sim.requests().find((r) => r.method === 'POST')?.status).toBe(0);
  });

  it('refuses timestamps outside recvWindow with -1021, which ccxt raises as InvalidNonce until it loads the time difference', async () => {
    const { ex, sim } = await open();
    await ex.loadMarkets();
    sim.fault.clockSkewMs(-30_000);
    await expect(ex.fetchBalance()).rejects.toBeInstanceOf(ccxt.InvalidNonce);
    sim.fault.clockSkewMs(30_000);
    await expect(ex.fetchBalance()).rejects.toBeInstanceOf(ccxt.InvalidNonce);
    await ex.loadTimeDifference();
    expect((await ex.fetchBalance())['USDT']?.free).toBe(100000);
  });

  it('rejects a pending watch when connections drop, and the next watch reconnects and receives data', async () => {
    const { ex, sim } = await open();
    await pump(ex.watchTrades('BTC/USDT'), () => sim.printTrade('BTCUSDT', 60000, 0.1, 'BUY'));
    const pending = ex.watchTrades('BTC/USDT');
    sim.fault.dropConnections();
    await expect(pending).rejects.toBeInstanceOf(ccxt.NetworkError);
    const again = await pump(ex.watchTrades('BTC/USDT'), () => sim.printTrade('BTCUSDT', 60001, 0.2, 'BUY'));
    expect(again.at(-1)).toMatchObject({ price: 60001, amount: 0.2 });
  });

  it('rejects a pending watchOrders when connections drop, and the next watchOrders resubscribes the user stream', async () => {
    const { ex, sim } = await open();
    const pending = ex.watchOrders('BTC/USDT');
    await userStreamReady(sim);
    sim.fault.dropConnections();
    await expect(pending).rejects.toBeInstanceOf(ccxt.NetworkError);
    const next = ex.watchOrders('BTC/USDT');
    await until(() => sim.requests().filter((r) => r.path === 'userDataStream.subscribe.signature').length === 2);
    const placed = await ex.createOrder('BTC/USDT', 'limit', 'sell', 0.01, 61000);
    expect((await next).at(-1)).toMatchObject({ id: placed.id, status: 'open' });
  });

  it('silence stops market data while sockets stay open, and data resumes when lifted', async () => {
    const { ex, sim } = await open();
    await pump(ex.watchTrades('BTC/USDT'), () => sim.printTrade('BTCUSDT', 60000, 0.1, 'BUY'));
    sim.fault.silence(true);
    const next = ex.watchTrades('BTC/USDT');
    sim.printTrade('BTCUSDT', 60002, 0.3, 'SELL');
    expect(await within(next, 300)).toBe('quiet');
    sim.fault.silence(false);
    sim.printTrade('BTCUSDT', 60003, 0.4, 'SELL');
    expect((await next).at(-1)).toMatchObject({ price: 60003 });
  });

  it('delays executionReports by delayFills and sends them twice under duplicateFills, which ccxt folds into one trade', async () => {
    const { ex, sim } = await open();
    const warm = ex.watchMyTrades('BTC/USDT');
    await userStreamReady(sim);
    await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 59000, { clientOrderId: 'dup' });
    sim.fault.duplicateFills(true);
    sim.fault.delayFills(250);
    const printedAt = Date.now();
    sim.printTrade('BTCUSDT', 59000, 0.01, 'SELL');
    const [trade] = await warm;
    expect(Date.now() - printedAt).toBeGreaterThanOrEqual(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(ex.myTrades?.length).toBe(1);
    expect(trade).toMatchObject({ amount: 0.01, price: 59000 });
  });

  it('with read-only keys refuses orders with -2015: AuthenticationError at first, DDoSProtection once a private call succeeded (ccxt quirk)', async () => {
    const { ex, another } = await open({ readOnlyKeys: true });
    await ex.loadMarkets();
    await expect(ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 59000)).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    const reader = another();
    const balance = await reader.fetchBalance();
    expect((balance['info'] as { canTrade: boolean }).canTrade).toBe(false);
    await expect(reader.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 59000)).rejects.toBeInstanceOf(ccxt.DDoSProtection);
  });

  it('answers websocket ping frames with pongs and ws-api ping requests with status 200', async () => {
    const { sim } = await open();
    const wsUrls = sim.urls['ws'] as { spot: string; 'ws-api': { spot: string } };
    const market = new WebSocket(wsUrls.spot);
    await new Promise((r) => market.once('open', r));
    const pong = new Promise((r) => market.once('pong', r));
    market.ping();
    await pong;
    market.terminate();

    const api = new WebSocket(wsUrls['ws-api'].spot);
    await new Promise((r) => api.once('open', r));
    const reply = new Promise<string>((r) => api.once('message', (d) => r(String(d))));
    api.send(JSON.stringify({ id: 'p1', method: 'ping', params: {} }));
    expect(JSON.parse(await reply)).toMatchObject({ id: 'p1', status: 200, result: {} });
    api.terminate();
  });
});
