// Conditional orders and OCO lists on the simulator, driven only through ccxt's real `pro.binance` class.
import ccxt, { type Order } from 'ccxt';
import { afterEach, describe, expect, it } from 'vitest';
import type { BinanceSim } from './binance-sim.ts';
import { closeAll, open, until, userStreamReady, type Binance } from './sim-session.ts';

afterEach(closeAll);

type Json = Record<string, unknown>;

/** Subscribes the user-data stream; `order(id)` is then ccxt's own latest view of that order, as watchOrders left it. */
async function followOrders(ex: Binance, sim: BinanceSim): Promise<{ order: (id: string | undefined) => Order | undefined }> {
  // Only the first update resolves this watch; the rest land in ccxt's order cache, which is what is read.
  ex.watchOrders('BTC/USDT').catch(() => undefined);
  await userStreamReady(sim);
  return { order: (id) => (Array.from(ex.orders as unknown as Order[])).find((o) => o.id === id) };
}

/** Every user-data event ccxt's client receives, listStatus included (ccxt itself ignores those). Call before any watch. */
function tapUserEvents(ex: Binance): Json[] {
  const events: Json[] = [];
  const target = ex as unknown as { handleMessage: (client: unknown, message: Json) => void };
  const handle = target.handleMessage.bind(ex);
  target.handleMessage = (client, message) => {
    if (message['event'] !== undefined) events.push(message['event'] as Json);
    handle(client, message);
  };
  return events;
}

function reportsFor(events: Json[], orderId: string | undefined): Json[] {
  return events.filter((e) => e['e'] === 'executionReport' && String(e['i']) === orderId);
}

const STOP_TYPES = ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];

describe('Conditional orders and OCO lists through ccxt.pro.binance', () => {
  it('lists the stop and take-profit types, ocoAllowed and MAX_NUM_ALGO_ORDERS in exchangeInfo, and only LIMIT, LIMIT_MAKER and MARKET under nativeStops: false', async () => {
    const { ex } = await open();
    const info = (await ex.loadMarkets())['BTC/USDT']!.info as Json;
    expect(info).toMatchObject({ orderTypes: STOP_TYPES, ocoAllowed: true, otoAllowed: false });
    expect(info['filters']).toContainEqual({ filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 });

    const plain = (await open({ nativeStops: false })).ex;
    const plainInfo = (await plain.loadMarkets())['BTC/USDT']!.info as Json;
    expect(plainInfo).toMatchObject({ orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'], ocoAllowed: false, otoAllowed: false });
  });

  it('under nativeStops: false ccxt refuses a stop-loss-limit itself, and the venue refuses a raw STOP_LOSS_LIMIT or OCO with -1013', async () => {
    const { ex, sim } = await open({ nativeStops: false });
    await ex.loadMarkets();
    // ccxt checks market.info.orderTypes before sending anything.
    await expect(ex.createOrder('BTC/USDT', 'limit', 'sell', 0.01, 58900, { stopLossPrice: 59000 }))
      .rejects.toThrow(/triggerPrice parameter is not allowed/);
    expect(sim.requests().filter((r) => r.method === 'POST')).toEqual([]);

    const raw = ex.privatePostOrder({ symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_LOSS_LIMIT', quantity: '0.01', price: '58900', stopPrice: '59000', timeInForce: 'GTC' });
    await expect(raw).rejects.toBeInstanceOf(ccxt.BadRequest);
    await expect(raw).rejects.toThrow(/"code":-1013,"msg":"Stop loss limit orders are not supported for this symbol."/);
    await expect(ex.privatePostOrderListOco({
      symbol: 'BTCUSDT', side: 'SELL', quantity: '0.01', aboveType: 'LIMIT_MAKER', abovePrice: '61000', belowType: 'STOP_LOSS', belowStopPrice: '59000',
    })).rejects.toThrow(/OCO orders are not supported for this symbol/);
    expect(sim.orders()).toEqual([]);
  });

  it('a sell stop-loss-limit waits off the book with its base locked, triggers on a print through its stop, takes what crosses, rests the rest, and the balances match', async () => {
    const { ex, sim } = await open();
    const events = tapUserEvents(ex);
    const view = await followOrders(ex, sim);
    sim.setBook('BTCUSDT', [[58950, 0.005], [58000, 1]], [[59010, 1]]);
    sim.printTrade('BTCUSDT', 59500, 0.1, 'BUY');

    const placed = await ex.createOrder('BTC/USDT', 'limit', 'sell', 0.01, 58900, { stopLossPrice: 59000, clientOrderId: 'sl-1' });
    // ccxt folds STOP_LOSS_LIMIT into type 'limit' with a triggerPrice; workingTime -1 becomes its timestamp.
    expect(placed).toMatchObject({ clientOrderId: 'sl-1', type: 'limit', side: 'sell', price: 58900, triggerPrice: 59000, status: 'open', filled: 0, timestamp: -1 });
    expect(placed.info).toMatchObject({ type: 'STOP_LOSS_LIMIT', stopPrice: '59000.00000000', workingTime: -1, orderListId: -1 });
    expect(sim.openOrders('BTCUSDT')).toMatchObject([{ clientOrderId: 'sl-1', type: 'STOP_LOSS_LIMIT', stopPrice: 59000, workingTime: -1, status: 'NEW' }]);
    expect(sim.balance('BTC')).toEqual({ free: 0.99, locked: 0.01 });
    const [resting] = await ex.fetchOpenOrders('BTC/USDT');
    expect(resting).toMatchObject({ id: placed.id, type: 'limit', triggerPrice: 59000, status: 'open' });
    expect(resting!.info).toMatchObject({ isWorking: false, workingTime: -1 });

    // Not in any book: a print at its limit price above the stop fills nothing and triggers nothing.
    sim.printTrade('BTCUSDT', 59100, 1, 'BUY');
    expect(sim.openOrders()[0]).toMatchObject({ workingTime: -1, executedQty: 0 });

    sim.printTrade('BTCUSDT', 58990, 0.1, 'SELL');
    const venueOrder = sim.orders()[0]!;
    expect(venueOrder).toMatchObject({ status: 'PARTIALLY_FILLED', executedQty: 0.005 });
    expect(venueOrder.workingTime).toBeGreaterThan(0);
    await until(() => view.order(placed.id)?.filled === 0.005);
    // The trigger is reported as NEW again, now working; then the take.
    await until(() => reportsFor(events, placed.id).length === 3);
    expect(reportsFor(events, placed.id).map((e) => [e['x'], e['X'], e['w'], e['W'] !== undefined, e['P']])).toEqual([
      ['NEW', 'NEW', false, false, '59000.00000000'],
      ['NEW', 'NEW', true, true, '59000.00000000'],
      ['TRADE', 'PARTIALLY_FILLED', true, true, '59000.00000000'],
    ]);
    expect(view.order(placed.id)).toMatchObject({ status: 'open', type: 'limit', triggerPrice: 59000, filled: 0.005 });

    // The rest rests at 58900 and fills as any resting order does.
    sim.printTrade('BTCUSDT', 58900, 1, 'BUY');
    await until(() => view.order(placed.id)?.status === 'closed');
    expect(view.order(placed.id)).toMatchObject({ filled: 0.01, remaining: 0 });
    expect((await ex.fetchMyTrades('BTC/USDT')).map((t) => [t.price, t.amount, t.takerOrMaker])).toEqual([[58950, 0.005, 'taker'], [58900, 0.005, 'maker']]);
    expect(sim.balance('BTC')).toEqual({ free: 0.99, locked: 0 });
    expect(sim.balance('USDT').free).toBeCloseTo(100_000 + (0.005 * 58950 + 0.005 * 58900) * 0.999, 6);
    const balance = await ex.fetchBalance();
    expect(balance['BTC']).toMatchObject({ free: 0.99, used: 0 });
  });

  it('a gap print far below the stop fills a sell STOP_LOSS at the book prices, never at the stop', async () => {
    const { ex, sim } = await open();
    sim.printTrade('BTCUSDT', 60000, 0.1, 'BUY');
    const placed = await ex.createStopLossOrder('BTC/USDT', 'market', 'sell', 0.5, undefined, 59000);
    expect(placed).toMatchObject({ type: 'market', triggerPrice: 59000, status: 'open', price: undefined });
    expect(placed.info).toMatchObject({ type: 'STOP_LOSS', price: '0.00000000', stopPrice: '59000.00000000' });
    expect(sim.balance('BTC')).toEqual({ free: 0.5, locked: 0.5 });

    sim.setBook('BTCUSDT', [[57000, 0.2], [56500, 1]], [[57100, 1]]);
    sim.printTrade('BTCUSDT', 57050, 0.01, 'SELL');
    const fetched = await ex.fetchOrder(String(placed.id), 'BTC/USDT');
    expect(fetched).toMatchObject({ status: 'closed', filled: 0.5, type: 'market', triggerPrice: 59000 });
    expect(fetched.average).toBeCloseTo((0.2 * 57000 + 0.3 * 56500) / 0.5, 6);
    expect((await ex.fetchMyTrades('BTC/USDT')).map((t) => [t.price, t.amount])).toEqual([[57000, 0.2], [56500, 0.3]]);
    expect((await ex.fetchOrderBook('BTC/USDT')).bids).toEqual([[56500, 0.7]]);
    expect(sim.balance('BTC')).toEqual({ free: 0.5, locked: 0 });
    expect(sim.balance('USDT').free).toBeCloseTo(100_000 + (0.2 * 57000 + 0.3 * 56500) * 0.999, 6);
  });

  it('a STOP_LOSS that finds too little in the book sells what is there and expires the rest (INSUFFICIENT_LIQUIDITY)', async () => {
    const { ex, sim } = await open();
    sim.printTrade('BTCUSDT', 60000, 0.1, 'BUY');
    const placed = await ex.createOrder('BTC/USDT', 'market', 'sell', 0.5, undefined, { stopLossPrice: 59000 });
    sim.setBook('BTCUSDT', [[58500, 0.1]], [[59100, 1]]);
    sim.printTrade('BTCUSDT', 58900, 0.01, 'SELL');
    const fetched = await ex.fetchOrder(String(placed.id), 'BTC/USDT');
    expect(fetched).toMatchObject({ status: 'expired', filled: 0.1 });
    expect(fetched.info).toMatchObject({ status: 'EXPIRED', expiryReason: 'INSUFFICIENT_LIQUIDITY', isWorking: true });
    expect(sim.balance('BTC')).toEqual({ free: 0.9, locked: 0 });
  });

  it('a buy take-profit-limit locks quote at its limit price and triggers on a print at or below its stop', async () => {
    const { ex, sim } = await open();
    sim.printTrade('BTCUSDT', 60000, 0.1, 'BUY');
    const placed = await ex.createTakeProfitOrder('BTC/USDT', 'limit', 'buy', 0.01, 58500, 58600);
    expect(placed).toMatchObject({ type: 'limit', side: 'buy', price: 58500, triggerPrice: 58600 });
    expect(placed.info).toMatchObject({ type: 'TAKE_PROFIT_LIMIT' });
    expect(sim.balance('USDT')).toEqual({ free: 99_415, locked: 585 });

    sim.setBook('BTCUSDT', [[58300, 1]], [[58400, 1]]);
    sim.printTrade('BTCUSDT', 58700, 0.01, 'SELL');
    expect(sim.orders()[0]).toMatchObject({ status: 'NEW', workingTime: -1 });
    sim.printTrade('BTCUSDT', 58600, 0.01, 'SELL');
    // Triggered, it takes the 58400 ask: better than its limit, and the difference is released.
    expect(await ex.fetchOrder(String(placed.id), 'BTC/USDT')).toMatchObject({ status: 'closed', filled: 0.01, average: 58400 });
    expect(sim.balance('USDT')).toEqual({ free: 99_416, locked: 0 });
  });

  it('refuses a stop the last price has already crossed with -2010, which ccxt raises as OrderImmediatelyFillable', async () => {
    const { ex, sim } = await open();
    sim.printTrade('BTCUSDT', 60000, 0.1, 'BUY');
    const attempts = [
      () => ex.createOrder('BTC/USDT', 'STOP_LOSS_LIMIT', 'sell', 0.01, 59900, { stopPrice: 60000 }),
      () => ex.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, { stopLossPrice: 59990 }),
      () => ex.createTakeProfitOrder('BTC/USDT', 'limit', 'sell', 0.01, 59900, 59990),
      () => ex.createTakeProfitOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, 60010),
    ];
    for (const attempt of attempts) {
      const refused = attempt();
      // ccxt matches the message exactly and raises with it alone.
      await expect(refused).rejects.toBeInstanceOf(ccxt.OrderImmediatelyFillable);
      await expect(refused).rejects.toThrow('binance Stop price would trigger immediately.');
    }
    expect(sim.requests().filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(sim.orders()).toEqual([]);
    expect(sim.balance('USDT')).toEqual({ free: 100_000, locked: 0 });
  });

  it('validates conditional orders as Binance does: -1102 without a stopPrice, -1106 for a price on a STOP_LOSS, -1013 for a stopPrice off the tick, and MAX_NUM_ALGO_ORDERS past five', async () => {
    const { ex, sim } = await open();
    sim.printTrade('BTCUSDT', 60000, 0.1, 'BUY');
    const base = { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.001' };
    await expect(ex.privatePostOrder({ ...base, type: 'STOP_LOSS_LIMIT', price: '58900', timeInForce: 'GTC' }))
      .rejects.toThrow(/-1102,"msg":"Param 'stopPrice' or 'trailingDelta' must be sent/);
    await expect(ex.privatePostOrder({ ...base, type: 'STOP_LOSS_LIMIT', price: '58900', stopPrice: '59000' }))
      .rejects.toThrow(/-1102,"msg":"Mandatory parameter 'timeInForce'/);
    await expect(ex.privatePostOrder({ ...base, type: 'STOP_LOSS', price: '58900', stopPrice: '59000' }))
      .rejects.toThrow(/-1106,"msg":"Parameter 'price' sent when not required."/);
    await expect(ex.privatePostOrder({ ...base, type: 'STOP_LOSS', stopPrice: '59000.005' }))
      .rejects.toThrow(/-1013,"msg":"Filter failure: PRICE_FILTER"/);
    await expect(ex.privatePostOrder({ ...base, type: 'LIMIT', price: '61000', timeInForce: 'GTC', stopPrice: '59000' }))
      .rejects.toThrow(/-1106,"msg":"Parameter 'stopPrice' sent when not required."/);

    // Without newOrderRespType Binance answers ACK for every type but MARKET and LIMIT.
    const ack = await ex.privatePostOrder({ ...base, type: 'STOP_LOSS', stopPrice: '59000' });
    expect(Object.keys(ack).sort()).toEqual(['clientOrderId', 'orderId', 'orderListId', 'symbol', 'transactTime']);
    for (let i = 0; i < 4; i++) await ex.createStopLossOrder('BTC/USDT', 'market', 'sell', 0.001, undefined, 59000 - i);
    await expect(ex.createStopLossOrder('BTC/USDT', 'market', 'sell', 0.001, undefined, 58000))
      .rejects.toThrow(/-1013,"msg":"Filter failure: MAX_NUM_ALGO_ORDERS"/);
    expect(sim.openOrders('BTCUSDT')).toHaveLength(5);
  });

  it('stops cascade: the prints a triggered stop makes in the book trigger the next stop', async () => {
    const { ex, sim } = await open();
    sim.printTrade('BTCUSDT', 60000, 0.1, 'BUY');
    const first = await ex.createStopLossOrder('BTC/USDT', 'market', 'sell', 0.2, undefined, 59500);
    const second = await ex.createStopLossOrder('BTC/USDT', 'market', 'sell', 0.1, undefined, 59000);
    sim.setBook('BTCUSDT', [[59400, 0.1], [58950, 1]], [[59600, 1]]);
    sim.printTrade('BTCUSDT', 59450, 0.01, 'SELL');
    // The first sells 0.1 at 59400 and 0.1 at 58950; that print reaches the second stop, which sells at 58950.
    expect(sim.orders().map((o) => [String(o.orderId), o.status, o.executedQty])).toEqual([
      [first.id, 'FILLED', 0.2],
      [second.id, 'FILLED', 0.1],
    ]);
    expect((await ex.fetchMyTrades('BTC/USDT')).map((t) => [t.order, t.price, t.amount])).toEqual([
      [first.id, 59400, 0.1], [first.id, 58950, 0.1], [second.id, 58950, 0.1],
    ]);
  });

  it('IOC takes what crosses and expires the rest, FOK fills entirely or expires with nothing, and a crossing LIMIT_MAKER is refused with -2010', async () => {
    const { ex, sim } = await open();
    sim.setBook('BTCUSDT', [[59990, 1]], [[60010, 0.05], [60020, 1]]);
    const ioc = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.1, 60010, { timeInForce: 'IOC' });
    expect(ioc).toMatchObject({ status: 'expired', filled: 0.05, timeInForce: 'IOC' });
    expect(ioc.info).toMatchObject({ status: 'EXPIRED', expiryReason: 'UNFILLED_IOC_QUANTITY_EXPIRED' });
    expect(sim.balance('USDT')).toEqual({ free: 100_000 - 0.05 * 60010, locked: 0 });

    const fokMiss = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.1, 60010, { timeInForce: 'FOK' });
    expect(fokMiss).toMatchObject({ status: 'expired', filled: 0 });
    expect(fokMiss.info).toMatchObject({ expiryReason: 'UNFILLED_FOK_ORDER_EXPIRED' });
    const fokFill = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.1, 60020, { timeInForce: 'FOK' });
    expect(fokFill).toMatchObject({ status: 'closed', filled: 0.1 });
    expect((await ex.fetchOrderBook('BTC/USDT')).asks).toEqual([[60020, 0.9]]);

    const maker = ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 60020, { postOnly: true });
    await expect(maker).rejects.toBeInstanceOf(ccxt.OrderImmediatelyFillable);
    await expect(maker).rejects.toThrow('binance Order would immediately match and take.');
    const resting = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 60000, { postOnly: true });
    expect(resting).toMatchObject({ status: 'open', postOnly: true });
    expect(sim.orders().map((o) => o.type)).toEqual(['LIMIT', 'LIMIT', 'LIMIT', 'LIMIT_MAKER']);
  });

  it('an OCO placed with privatePostOrderListOco holds one lock; a print fills its limit-maker leg, the stop leg expires, and watchOrders and listStatus report both', async () => {
    const { ex, sim } = await open();
    const events = tapUserEvents(ex);
    const view = await followOrders(ex, sim);
    sim.printTrade('BTCUSDT', 60000, 0.1, 'BUY');
    const oco = await ex.privatePostOrderListOco({
      symbol: 'BTCUSDT', side: 'SELL', quantity: '0.1', listClientOrderId: 'bracket-1',
      aboveType: 'LIMIT_MAKER', abovePrice: '61000', aboveClientOrderId: 'tp-1',
      belowType: 'STOP_LOSS_LIMIT', belowStopPrice: '59000', belowPrice: '58900', belowTimeInForce: 'GTC', belowClientOrderId: 'sl-1',
    }) as Json;
    expect(oco).toMatchObject({ orderListId: 0, contingencyType: 'OCO', listStatusType: 'EXEC_STARTED', listOrderStatus: 'EXECUTING', listClientOrderId: 'bracket-1' });
    // The stop-loss leg is numbered first; both legs carry the list's id.
    const [stopLeg, makerLeg] = ex.parseOrders(oco['orderReports'] as Json[]);
    expect(stopLeg).toMatchObject({ clientOrderId: 'sl-1', type: 'limit', price: 58900, triggerPrice: 59000, status: 'open' });
    expect(makerLeg).toMatchObject({ clientOrderId: 'tp-1', type: 'limit', price: 61000, postOnly: true, status: 'open' });
    expect([stopLeg!.info['orderListId'], makerLeg!.info['orderListId']]).toEqual([0, 0]);
    expect(sim.balance('BTC')).toEqual({ free: 0.9, locked: 0.1 });
    expect(sim.orderLists()).toEqual([{
      orderListId: 0, listClientOrderId: 'bracket-1', symbol: 'BTCUSDT', contingencyType: 'OCO', listOrderStatus: 'EXECUTING',
      orderIds: [Number(stopLeg!.id), Number(makerLeg!.id)],
    }]);
    expect((await ex.fetchOpenOrders('BTC/USDT')).map((o) => o.clientOrderId)).toEqual(['sl-1', 'tp-1']);
    expect(await ex.privateGetOpenOrderList()).toMatchObject([{ orderListId: 0, listOrderStatus: 'EXECUTING' }]);

    sim.printTrade('BTCUSDT', 61000, 0.04, 'BUY');
    expect(sim.orderLists()[0]!.listOrderStatus).toBe('ALL_DONE');
    await until(() => view.order(stopLeg!.id)?.status === 'expired' && view.order(makerLeg!.id)?.filled === 0.04);
    expect(view.order(makerLeg!.id)).toMatchObject({ status: 'open', filled: 0.04 });
    const expiredReport = reportsFor(events, stopLeg!.id).at(-1)!;
    expect(expiredReport).toMatchObject({ x: 'EXPIRED', X: 'EXPIRED', eR: 'OCO_TRIGGER', g: 0 });
    await until(() => events.filter((e) => e['e'] === 'listStatus').length === 2);
    expect(events.filter((e) => e['e'] === 'listStatus')).toMatchObject([
      { g: 0, c: 'OCO', l: 'EXEC_STARTED', L: 'EXECUTING', C: 'bracket-1', O: [{ c: 'sl-1' }, { c: 'tp-1' }] },
      { g: 0, c: 'OCO', l: 'ALL_DONE', L: 'ALL_DONE', C: 'bracket-1' },
    ]);
    expect(await ex.privateGetOrderList({ orderListId: 0 })).toMatchObject({ listStatusType: 'ALL_DONE', listOrderStatus: 'ALL_DONE' });
    expect(await ex.privateGetOpenOrderList()).toEqual([]);

    // The leg that won keeps working: a print through the old stop no longer does anything to the list.
    sim.printTrade('BTCUSDT', 58000, 1, 'SELL');
    sim.printTrade('BTCUSDT', 61000, 1, 'BUY');
    await until(() => view.order(makerLeg!.id)?.status === 'closed');
    expect(sim.orders().map((o) => [o.clientOrderId, o.status, o.executedQty])).toEqual([['sl-1', 'EXPIRED', 0], ['tp-1', 'FILLED', 0.1]]);
    expect(sim.balance('BTC')).toEqual({ free: 0.9, locked: 0 });
    expect(sim.balance('USDT').free).toBeCloseTo(100_000 + 0.1 * 61000 * 0.999, 6);
  });

  it('an OCO placed with the legacy privatePostOrderOco: a print through the stop triggers the STOP_LOSS leg, which sells into the book, and the limit-maker leg expires', async () => {
    const { ex, sim } = await open();
    const events = tapUserEvents(ex);
    const view = await followOrders(ex, sim);
    sim.printTrade('BTCUSDT', 60000, 0.1, 'BUY');
    const oco = await ex.privatePostOrderOco({ symbol: 'BTCUSDT', side: 'SELL', quantity: '0.1', price: '61000', stopPrice: '59000' }) as Json;
    const [stopLeg, makerLeg] = ex.parseOrders(oco['orderReports'] as Json[]);
    expect(stopLeg!.info).toMatchObject({ type: 'STOP_LOSS', stopPrice: '59000.00000000', workingTime: -1 });
    expect(makerLeg!.info).toMatchObject({ type: 'LIMIT_MAKER', price: '61000.00000000' });

    sim.setBook('BTCUSDT', [[58800, 1]], [[59200, 1]]);
    sim.printTrade('BTCUSDT', 58990, 0.01, 'SELL');
    await until(() => view.order(stopLeg!.id)?.status === 'closed' && view.order(makerLeg!.id)?.status === 'expired');
    expect(view.order(stopLeg!.id)).toMatchObject({ type: 'market', triggerPrice: 59000, filled: 0.1 });
    expect((await ex.fetchMyTrades('BTC/USDT')).map((t) => [t.price, t.amount])).toEqual([[58800, 0.1]]);
    // The sibling expires before the triggered leg reports itself working.
    const order = events.filter((e) => e['e'] === 'executionReport' && e['x'] !== 'TRADE').map((e) => [e['c'] === makerLeg!.clientOrderId ? 'maker' : 'stop', e['x'], e['w']]);
    expect(order).toEqual([['stop', 'NEW', false], ['maker', 'NEW', true], ['maker', 'EXPIRED', false], ['stop', 'NEW', true]]);
    expect(sim.balance('BTC')).toEqual({ free: 0.9, locked: 0 });
  });

  it('when one print would satisfy both legs (a forced fill of the limit-maker leg printed through the stop), exactly one leg executes', async () => {
    const { ex, sim } = await open();
    sim.printTrade('BTCUSDT', 60000, 0.1, 'BUY');
    await ex.privatePostOrderListOco({
      symbol: 'BTCUSDT', side: 'SELL', quantity: '0.1', aboveType: 'LIMIT_MAKER', abovePrice: '61000', aboveClientOrderId: 'tp',
      belowType: 'STOP_LOSS', belowStopPrice: '59000', belowClientOrderId: 'sl',
    });
    sim.fillOrder('tp', 0.1, 58000);
    expect(sim.orders().map((o) => [o.clientOrderId, o.status, o.executedQty])).toEqual([['sl', 'EXPIRED', 0], ['tp', 'FILLED', 0.1]]);
    expect(sim.trades()).toHaveLength(1);
    expect(sim.balance('BTC')).toEqual({ free: 0.9, locked: 0 });
  });

  it('cancelOrder on one leg cancels the whole OCO and privateDeleteOrderList cancels a list by id, each releasing the single lock', async () => {
    const { ex, sim } = await open();
    sim.printTrade('BTCUSDT', 60000, 0.1, 'BUY');
    const params = { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.1', aboveType: 'LIMIT_MAKER', abovePrice: '61000', belowType: 'STOP_LOSS', belowStopPrice: '59000' };
    const first = await ex.privatePostOrderListOco(params) as Json;
    const [, makerLeg] = ex.parseOrders(first['orderReports'] as Json[]);
    const canceled = await ex.cancelOrder(String(makerLeg!.id), 'BTC/USDT');
    expect(canceled).toMatchObject({ id: makerLeg!.id, status: 'canceled' });
    expect(sim.orders().map((o) => o.status)).toEqual(['CANCELED', 'CANCELED']);
    expect(sim.balance('BTC')).toEqual({ free: 1, locked: 0 });

    const second = await ex.privatePostOrderListOco(params) as Json;
    const answer = await ex.privateDeleteOrderList({ symbol: 'BTCUSDT', orderListId: second['orderListId'] }) as Json;
    expect(answer).toMatchObject({ orderListId: 1, listStatusType: 'ALL_DONE', listOrderStatus: 'ALL_DONE' });
    expect(ex.parseOrders(answer['orderReports'] as Json[]).map((o) => o.status)).toEqual(['canceled', 'canceled']);
    expect(sim.balance('BTC')).toEqual({ free: 1, locked: 0 });
    await expect(ex.privateDeleteOrderList({ symbol: 'BTCUSDT', orderListId: 1 })).rejects.toBeInstanceOf(ccxt.OrderNotFound);

    // cancelAllOrders (DELETE /api/v3/openOrders) answers an executing OCO as one order-list entry.
    await ex.privatePostOrderListOco(params);
    await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 59000);
    const all = await ex.cancelAllOrders('BTC/USDT');
    expect(all.map((o) => (o.info as Json)['contingencyType'] ?? o.status)).toEqual(['OCO', 'canceled']);
    expect(sim.openOrders()).toEqual([]);
    expect(sim.orderLists().map((l) => l.listOrderStatus)).toEqual(['ALL_DONE', 'ALL_DONE', 'ALL_DONE']);
    expect([sim.balance('BTC'), sim.balance('USDT')]).toEqual([{ free: 1, locked: 0 }, { free: 100_000, locked: 0 }]);
  });

  it('a buy OCO locks the dearer leg once, and pairs in the wrong roles or on the wrong side of the last price are refused', async () => {
    const { ex, sim } = await open();
    sim.printTrade('BTCUSDT', 60000, 0.1, 'BUY');
    await ex.privatePostOrderListOco({
      symbol: 'BTCUSDT', side: 'BUY', quantity: '0.1', aboveType: 'STOP_LOSS_LIMIT', aboveStopPrice: '61000', abovePrice: '61100',
      aboveTimeInForce: 'GTC', belowType: 'LIMIT_MAKER', belowPrice: '59000',
    });
    expect(sim.balance('USDT')).toEqual({ free: 100_000 - 6110, locked: 6110 });
    // The limit-maker leg fills: it keeps its own 5900 locked and the surplus goes back.
    sim.printTrade('BTCUSDT', 59000, 0.05, 'SELL');
    expect(sim.balance('USDT')).toEqual({ free: 100_000 - 5900, locked: 2950 });

    const sell = { symbol: 'BTCUSDT', side: 'SELL', quantity: '0.1' };
    await expect(ex.privatePostOrderListOco({ ...sell, aboveType: 'LIMIT_MAKER', abovePrice: '59500', belowType: 'STOP_LOSS', belowStopPrice: '59000' }))
      .rejects.toThrow(/-2010,"msg":"The relationship of the prices for the orders is not correct."/);
    await expect(ex.privatePostOrderListOco({ ...sell, aboveType: 'STOP_LOSS', aboveStopPrice: '61000', belowType: 'STOP_LOSS', belowStopPrice: '59000' }))
      .rejects.toThrow(/-1197,"msg":"A stop loss order in a sell OCO must be below."/);
    await expect(ex.privatePostOrderListOco({ ...sell, aboveType: 'LIMIT_MAKER', abovePrice: '61000', belowType: 'LIMIT_MAKER', belowPrice: '59000' }))
      .rejects.toThrow(/-1168,"msg":"At least one OCO order must be contingent."/);
    await expect(ex.privatePostOrderListOco({ ...sell, aboveType: 'LIMIT', abovePrice: '61000', belowType: 'STOP_LOSS', belowStopPrice: '59000' }))
      .rejects.toThrow(/-1158,"msg":"Order type not supported in OCO."/);
    expect(sim.orderLists()).toHaveLength(1);
  });
});
