// The simulated venue's state and matching: balances, orders, OCO lists, fills, books and the public tape.
// Resting orders never enter the public book; they fill only through printTrade and fillOrder. Conditional
// orders wait off the book until a print reaches their stopPrice, then act as MARKET or LIMIT orders.
import { BinanceError } from './binance-error.ts';
import { Book, planTaker, seedLevels, type Level } from './book.ts';
import { crosses, isConditional, takesMarket, wouldTriggerImmediately } from './conditional-orders.ts';
import { Ledger } from './ledger.ts';
import { checkNotional, MAX_ALGO_ORDERS, r8, specFor, SYMBOLS } from './markets.ts';
import { checkOco, OrderLists, quoteNeed, type NewOco, type OrderList } from './order-lists.ts';
import { checkNewOrder, randomClientId, type CheckedOrder, type NewOrder } from './order-rules.ts';
import { Tape, type TapeTrade } from './tape.ts';
import type { ExpiryReason, VenueEvents, VenueOptions, VenueOrder, VenueTrade } from './venue-records.ts';

/** 10 bps maker and taker, charged in the asset received, as on a plain Binance account. */
export const COMMISSION_RATE = 0.001;

const OPEN: ReadonlySet<string> = new Set(['NEW', 'PARTIALLY_FILLED']);

export class Venue {
  readonly tape = new Tape();
  readonly nativeStops: boolean;
  readonly lists = new OrderLists();
  private readonly books = new Map<string, Book>();
  private readonly ledger: Ledger;
  private readonly allOrders: VenueOrder[] = [];
  private readonly tradeList: VenueTrade[] = [];
  /** Prints not yet checked against the conditional orders still waiting for their trigger. */
  private readonly unchecked: TapeTrade[] = [];
  private readonly events: VenueEvents;
  private readonly now: () => number;
  private nextOrderId = 1000;
  private nextTradeId = 1_000_000;

  constructor(balances: Record<string, number>, events: VenueEvents, now: () => number, options: VenueOptions = {}) {
    this.events = events;
    this.now = now;
    this.nativeStops = options.nativeStops ?? true;
    this.ledger = new Ledger(balances);
    for (const spec of SYMBOLS) {
      const book = new Book(1_000);
      book.replace(seedLevels(spec, -1), seedLevels(spec, 1));
      this.books.set(spec.symbol, book);
      this.tape.seed(spec.symbol, spec.refPrice, spec.tickSize, now(), options.historyMinutes);
    }
  }

  book(symbol: string): Book {
    return this.books.get(specFor(symbol).symbol)!;
  }

  balance(asset: string): { free: number; locked: number } {
    return this.ledger.balance(asset);
  }

  assets(): string[] {
    return this.ledger.assets();
  }

  orders(): readonly VenueOrder[] {
    return this.allOrders;
  }

  trades(): readonly VenueTrade[] {
    return this.tradeList;
  }

  /** The price conditional orders are judged against: the tape's last print. */
  lastPrice(symbol: string): number {
    const spec = specFor(symbol);
    return this.tape.last(spec.symbol)?.price ?? spec.refPrice;
  }

  setBook(symbol: string, bids: Level[], asks: Level[]): void {
    const spec = specFor(symbol);
    const diff = this.books.get(spec.symbol)!.replace(bids, asks);
    if (diff) this.events.onDepth(spec.symbol, diff, this.now());
  }

  /** Validates and books an order, taking liquidity from the book first. `dryRun` only validates (order/test). */
  place(req: NewOrder, dryRun = false): { order: VenueOrder; fills: VenueTrade[] } | undefined {
    const spec = specFor(req.symbol);
    const o = checkNewOrder(req, spec, this.nativeStops);
    this.checkUnused(o.clientOrderId);
    const conditional = isConditional(o.type);
    // A conditional order takes nothing until it triggers; the others take what crosses now.
    const plan = conditional ? [] : planTaker(this.book(spec.symbol), o.side, spec, {
      qty: o.quantity, quote: o.quoteOrderQty, limit: o.type === 'MARKET' ? undefined : o.price,
    });
    const plannedQty = r8(plan.reduce((s, [, q]) => s + q, 0));
    const plannedCost = r8(plan.reduce((s, [p, q]) => s + p * q, 0));
    const refPrice = o.price > 0 ? o.price : o.stopPrice > 0 ? o.stopPrice : plannedQty > 0 ? plannedCost / plannedQty : this.lastPrice(spec.symbol);
    checkNotional(spec, o.quoteOrderQty ?? o.quantity! * refPrice);
    if (o.type === 'LIMIT_MAKER' && plan.length > 0) throw new BinanceError(400, -2010, 'Order would immediately match and take.');
    if (isConditional(o.type)) {
      this.checkAlgoRoom(spec.symbol, 1);
      if (crosses(o.side, o.type, o.stopPrice, this.lastPrice(spec.symbol))) throw wouldTriggerImmediately();
    }
    const asset = o.side === 'BUY' ? spec.quote : spec.base;
    const need = o.side === 'SELL' ? (o.quantity ?? plannedQty) : o.type === 'MARKET' ? (o.quoteOrderQty ?? plannedCost) : quoteNeed(o, o.quantity!);
    this.ledger.checkFree(asset, need);
    if (dryRun) return undefined;

    const time = this.now();
    const order = this.open(o, spec.symbol, o.quantity ?? plannedQty, time, -1);
    // Everything but MARKET locks at placement, conditional orders included, as on Binance.
    if (o.type !== 'MARKET') {
      order.lockedRemaining = need;
      this.ledger.move(asset, need, 'lock');
    }
    this.events.onExecution({ order: { ...order }, executionType: 'NEW', time });
    const fills = conditional ? [] : this.take(order, plan);
    this.events.onAccount([spec.base, spec.quote], this.now());
    this.settle();
    return { order, fills };
  }

  /** Books an OCO: both legs NEW, one balance lock between them, and a listStatus EXEC_STARTED. */
  placeOco(req: NewOco): OrderList {
    const spec = specFor(req.symbol);
    if (!this.nativeStops) throw new BinanceError(400, -1013, 'OCO orders are not supported for this symbol');
    const oco = checkOco(req, spec, this.lastPrice(spec.symbol));
    for (const leg of oco.legs) this.checkUnused(leg.clientOrderId);
    this.lists.checkUnused(oco.listClientOrderId);
    this.checkAlgoRoom(spec.symbol, oco.legs.filter((leg) => isConditional(leg.type)).length);
    for (const leg of oco.legs) {
      checkNotional(spec, oco.quantity * (leg.price > 0 ? leg.price : leg.stopPrice));
      if (leg.type === 'LIMIT_MAKER' && planTaker(this.book(spec.symbol), oco.side, spec, { qty: oco.quantity, limit: leg.price }).length > 0) {
        throw new BinanceError(400, -2010, 'Order would immediately match and take.');
      }
    }
    const asset = oco.side === 'BUY' ? spec.quote : spec.base;
    this.ledger.checkFree(asset, oco.lock);

    const time = this.now();
    const orderListId = this.lists.nextId();
    const legs = oco.legs.map((leg) => this.open(leg, spec.symbol, oco.quantity, time, orderListId)) as [VenueOrder, VenueOrder];
    const list: OrderList = {
      orderListId, listClientOrderId: oco.listClientOrderId, symbol: spec.symbol, contingencyType: 'OCO',
      listOrderStatus: 'EXECUTING', legs, lock: oco.lock, transactionTime: time,
    };
    this.lists.add(list);
    this.ledger.move(asset, oco.lock, 'lock');
    for (const leg of legs) this.events.onExecution({ order: { ...leg }, executionType: 'NEW', time });
    this.events.onListStatus(list, time);
    this.events.onAccount([spec.base, spec.quote], time);
    return list;
  }

  /** Cancels an open order; cancelling one leg of an executing OCO cancels the whole list, as on Binance. */
  cancel(symbol: string | undefined, orderId: number | undefined, clientOrderId: string | undefined, cancelClientOrderId?: string): VenueOrder {
    const spec = specFor(symbol);
    if (orderId === undefined && clientOrderId === undefined) {
      throw new BinanceError(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    }
    const order = this.lookup(spec.symbol, orderId, clientOrderId);
    if (!order || !OPEN.has(order.status)) throw new BinanceError(400, -2011, 'Unknown order sent.');
    const cancelId = cancelClientOrderId ?? randomClientId();
    const list = this.lists.executing(order);
    if (list) this.cancelList(list, cancelId);
    else this.finish(order, 'CANCELED', cancelId);
    this.events.onAccount([spec.base, spec.quote], this.now());
    return order;
  }

  cancelOrderList(symbol: string | undefined, orderListId: number | undefined, listClientOrderId: string | undefined, cancelClientOrderId: string): OrderList {
    const spec = specFor(symbol);
    if (orderListId === undefined && listClientOrderId === undefined) {
      throw new BinanceError(400, -1102, "Param 'orderListId' or 'listClientOrderId' must be sent, but both were empty/null!");
    }
    const list = this.lists.find(orderListId, listClientOrderId);
    if (!list || list.symbol !== spec.symbol || list.listOrderStatus !== 'EXECUTING') throw new BinanceError(400, -2011, 'Unknown order list sent.');
    this.cancelList(list, cancelClientOrderId);
    this.events.onAccount([spec.base, spec.quote], this.now());
    return list;
  }

  query(symbol: string | undefined, orderId: number | undefined, clientOrderId: string | undefined): VenueOrder {
    const spec = specFor(symbol);
    if (orderId === undefined && clientOrderId === undefined) {
      throw new BinanceError(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    }
    const order = this.lookup(spec.symbol, orderId, clientOrderId);
    if (!order) throw new BinanceError(400, -2013, 'Order does not exist.');
    return order;
  }

  /** Open orders, conditional orders still waiting for their trigger included. */
  openOrders(symbol?: string): VenueOrder[] {
    const id = symbol === undefined ? undefined : specFor(symbol).symbol;
    return this.allOrders.filter((o) => OPEN.has(o.status) && (id === undefined || o.symbol === id));
  }

  /**
   * A public print. Resting orders on the other side that it crosses fill at their own price, oldest first;
   * then conditional orders whose stopPrice it reaches trigger.
   */
  printTrade(symbol: string, price: number, qty: number, takerSide: 'BUY' | 'SELL'): void {
    const spec = specFor(symbol);
    this.print(spec.symbol, price, qty, this.now(), takerSide === 'SELL');
    const crossed = this.openOrders(spec.symbol)
      .filter((o) => this.resting(o) && (takerSide === 'SELL' ? o.side === 'BUY' && o.price >= price : o.side === 'SELL' && o.price <= price))
      .sort((a, b) => (a.side === 'BUY' ? b.price - a.price : a.price - b.price) || a.orderId - b.orderId);
    let left = qty;
    for (const order of crossed) {
      if (left <= 0) break;
      const take = r8(Math.min(left, order.origQty - order.executedQty));
      this.fillResting(order, take, order.price, false);
      left = r8(left - take);
    }
    if (crossed.length > 0) this.events.onAccount([spec.base, spec.quote], this.now());
    this.settle();
  }

  /** Forced (partial) fill of a working order, by orderId or clientOrderId; it also shows on the public tape. */
  forceFill(orderIdOrClientId: number | string, qty: number, price?: number): void {
    const order = this.allOrders.find((o) =>
      OPEN.has(o.status) && (typeof orderIdOrClientId === 'number' ? o.orderId === orderIdOrClientId : o.clientOrderId === orderIdOrClientId));
    if (!order) throw new Error(`fillOrder: no open order ${String(orderIdOrClientId)}`);
    if (!this.resting(order)) throw new Error(`fillOrder: order ${String(orderIdOrClientId)} is waiting for its trigger; print through its stopPrice instead`);
    const take = r8(Math.min(qty, order.origQty - order.executedQty));
    this.fillResting(order, take, price ?? order.price, true);
    const spec = specFor(order.symbol);
    this.events.onAccount([spec.base, spec.quote], this.now());
    this.settle();
  }

  private open(o: CheckedOrder, symbol: string, origQty: number, time: number, orderListId: number): VenueOrder {
    const order: VenueOrder = {
      orderId: this.nextOrderId++, clientOrderId: o.clientOrderId, symbol, side: o.side, type: o.type, price: o.price,
      stopPrice: o.stopPrice, orderListId, workingTime: isConditional(o.type) ? -1 : time, origQty, executedQty: 0,
      cummulativeQuoteQty: 0, status: 'NEW', time, updateTime: time, timeInForce: o.timeInForce,
      origQuoteOrderQty: o.quoteOrderQty ?? 0, lockedRemaining: 0,
    };
    this.allOrders.push(order);
    return order;
  }

  /** A limit-priced order working on the (private) book, which prints and fillOrder can fill. */
  private resting(order: VenueOrder): boolean {
    return order.workingTime !== -1 && !takesMarket(order.type);
  }

  /** Takes `plan` from the book as taker, then expires what the order's kind may not leave resting. */
  private take(order: VenueOrder, plan: Level[]): VenueTrade[] {
    const left = r8(order.origQty - order.executedQty);
    const fokMisses = order.timeInForce === 'FOK' && r8(plan.reduce((s, [, q]) => s + q, 0)) < left;
    const fills = fokMisses ? [] : plan.map(([price, qty]) => this.fill(order, qty, price, false, true));
    if (fills.length > 0) {
      const diff = this.book(order.symbol).consume(order.side === 'BUY' ? 'asks' : 'bids', plan);
      if (diff) this.events.onDepth(order.symbol, diff, this.now());
    }
    if (OPEN.has(order.status) && (takesMarket(order.type) || order.timeInForce !== 'GTC')) {
      const reason = takesMarket(order.type) ? 'INSUFFICIENT_LIQUIDITY' : order.timeInForce === 'FOK' ? 'UNFILLED_FOK_ORDER_EXPIRED' : 'UNFILLED_IOC_QUANTITY_EXPIRED';
      this.finish(order, 'EXPIRED', undefined, reason);
    }
    return fills;
  }

  /**
   * Checks the prints made since the last call against the waiting conditional orders, oldest order first.
   * A triggered order's own fills print too and are checked in turn, so stops can cascade.
   */
  private settle(): void {
    for (let print = this.unchecked.shift(); print !== undefined; print = this.unchecked.shift()) {
      for (const order of this.allOrders) {
        // Re-read each time: a trigger earlier in this pass may have expired this order's OCO sibling.
        if (order.symbol !== print.symbol || !OPEN.has(order.status) || order.workingTime !== -1) continue;
        if (isConditional(order.type) && crosses(order.side, order.type, order.stopPrice, print.price)) this.trigger(order);
      }
    }
  }

  /**
   * A triggered order keeps its ids and is reported NEW again, now working (w true, W set): Binance has no
   * TRIGGERED execution type. STOP_LOSS / TAKE_PROFIT then walk the book as a MARKET order, the _LIMIT kinds
   * take what crosses their price and rest the remainder.
   */
  private trigger(order: VenueOrder): void {
    const spec = specFor(order.symbol);
    const list = this.claim(order);
    order.workingTime = this.now();
    order.updateTime = order.workingTime;
    this.events.onExecution({ order: { ...order }, executionType: 'NEW', time: order.workingTime });
    const left = r8(order.origQty - order.executedQty);
    const book = this.book(spec.symbol);
    let plan: Level[];
    if (takesMarket(order.type)) {
      // The placement lock goes back; the walk is bounded by what the account then holds.
      this.ledger.move(order.side === 'BUY' ? spec.quote : spec.base, order.lockedRemaining, 'unlock');
      order.lockedRemaining = 0;
      plan = planTaker(book, order.side, spec, { qty: left, quote: order.side === 'BUY' ? this.balance(spec.quote).free : undefined });
    } else {
      plan = planTaker(book, order.side, spec, { qty: left, limit: order.price });
    }
    this.take(order, plan);
    if (list) this.events.onListStatus(list, this.now());
    this.events.onAccount([spec.base, spec.quote], this.now());
  }

  private fillResting(order: VenueOrder, qty: number, price: number, onTape: boolean): void {
    const list = this.claim(order);
    this.fill(order, qty, price, true, onTape);
    if (list) this.events.onListStatus(list, this.now());
  }

  /**
   * An OCO leg that starts to fill or triggers ends its list: the sibling expires (OCO_TRIGGER) and the
   * pair's lock passes to this leg, less what a buy leg does not need. Returns the list to report.
   */
  private claim(order: VenueOrder): OrderList | undefined {
    const list = this.lists.executing(order);
    if (!list) return undefined;
    const spec = specFor(order.symbol);
    const need = order.side === 'SELL' ? list.lock : quoteNeed(order, order.origQty);
    if (list.lock > need) this.ledger.move(spec.quote, r8(list.lock - need), 'unlock');
    order.lockedRemaining = need;
    list.lock = 0;
    list.listOrderStatus = 'ALL_DONE';
    list.transactionTime = this.now();
    for (const leg of list.legs) if (leg !== order && OPEN.has(leg.status)) this.finish(leg, 'EXPIRED', undefined, 'OCO_TRIGGER');
    return list;
  }

  private cancelList(list: OrderList, cancelClientOrderId: string): void {
    const spec = specFor(list.symbol);
    this.ledger.move(list.legs[0].side === 'BUY' ? spec.quote : spec.base, list.lock, 'unlock');
    list.lock = 0;
    list.listOrderStatus = 'ALL_DONE';
    list.transactionTime = this.now();
    for (const leg of list.legs) if (OPEN.has(leg.status)) this.finish(leg, 'CANCELED', cancelClientOrderId);
    this.events.onListStatus(list, list.transactionTime);
  }

  private fill(order: VenueOrder, qty: number, price: number, isMaker: boolean, onTape: boolean): VenueTrade {
    const spec = specFor(order.symbol);
    const time = this.now();
    const buy = order.side === 'BUY';
    const quoteQty = r8(qty * price);
    const commission = r8(buy ? qty * COMMISSION_RATE : quoteQty * COMMISSION_RATE);
    const last = r8(order.executedQty + qty) >= order.origQty;
    if (takesMarket(order.type)) {
      this.ledger.move(buy ? spec.quote : spec.base, buy ? quoteQty : qty, 'spend');
    } else {
      const release = last ? order.lockedRemaining : r8(buy ? order.price * qty : qty);
      order.lockedRemaining = r8(order.lockedRemaining - release);
      this.ledger.move(buy ? spec.quote : spec.base, release, 'spendLocked');
      if (buy) this.ledger.move(spec.quote, r8(release - quoteQty), 'credit'); // price improvement
    }
    this.ledger.move(buy ? spec.base : spec.quote, r8((buy ? qty : quoteQty) - commission), 'credit');

    order.executedQty = r8(order.executedQty + qty);
    order.cummulativeQuoteQty = r8(order.cummulativeQuoteQty + quoteQty);
    order.status = order.executedQty >= order.origQty ? 'FILLED' : 'PARTIALLY_FILLED';
    order.updateTime = time;
    const id = onTape ? this.print(spec.symbol, price, qty, time, buy === isMaker).id : this.nextTradeId++;
    const trade: VenueTrade = {
      id, orderId: order.orderId, orderListId: order.orderListId, symbol: spec.symbol, price, qty, quoteQty, commission,
      commissionAsset: buy ? spec.base : spec.quote, isMaker, isBuyer: buy, time,
    };
    this.tradeList.push(trade);
    this.events.onExecution({ order: { ...order }, executionType: 'TRADE', trade, time });
    return trade;
  }

  private finish(order: VenueOrder, status: 'CANCELED' | 'EXPIRED', cancelClientOrderId?: string, expiryReason?: ExpiryReason): void {
    const spec = specFor(order.symbol);
    if (order.lockedRemaining > 0) this.ledger.move(order.side === 'BUY' ? spec.quote : spec.base, order.lockedRemaining, 'unlock');
    order.lockedRemaining = 0;
    order.status = status;
    order.expiryReason = expiryReason;
    order.updateTime = this.now();
    this.events.onExecution({ order: { ...order }, executionType: status, cancelClientOrderId, time: order.updateTime });
  }

  /** Records a print on the tape, streams it, and queues it for the trigger check. */
  private print(symbol: string, price: number, qty: number, time: number, buyerIsMaker: boolean): TapeTrade {
    const trade = this.tape.record(symbol, price, qty, time, buyerIsMaker);
    this.events.onTape(trade);
    this.unchecked.push(trade);
    return trade;
  }

  private checkUnused(clientOrderId: string): void {
    if (this.allOrders.some((o) => o.clientOrderId === clientOrderId && OPEN.has(o.status))) {
      throw new BinanceError(400, -2010, 'Duplicate order sent.');
    }
  }

  private checkAlgoRoom(symbol: string, adding: number): void {
    const open = this.openOrders(symbol).filter((o) => isConditional(o.type)).length;
    if (open + adding > MAX_ALGO_ORDERS) throw new BinanceError(400, -1013, 'Filter failure: MAX_NUM_ALGO_ORDERS');
  }

  private lookup(symbol: string, orderId: number | undefined, clientOrderId: string | undefined): VenueOrder | undefined {
    // A clientOrderId may be reused once its order is closed; the newest one wins, as on Binance.
    for (let i = this.allOrders.length - 1; i >= 0; i--) {
      const o = this.allOrders[i];
      if (o.symbol !== symbol) continue;
      if (orderId !== undefined ? o.orderId === orderId : o.clientOrderId === clientOrderId) return o;
    }
    return undefined;
  }
}
