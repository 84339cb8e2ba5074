// The simulated venue's state and matching: balances, orders, fills, books and the public tape.
// Resting orders never enter the public book; they fill only through printTrade and fillOrder.
import { BinanceError } from './binance-error.ts';
import { Book, type BookDiff, type Level } from './book.ts';
import { checkNotional, checkPrice, checkQty, r8, specFor, SYMBOLS, type SymbolSpec } from './markets.ts';
import { Tape, type TapeTrade } from './tape.ts';
import type { SimOrder, SimTrade } from './types.ts';

/** 10 bps maker and taker, charged in the asset received, as on a plain Binance account. */
export const COMMISSION_RATE = 0.001;

export interface VenueOrder extends SimOrder {
  timeInForce: 'GTC' | 'IOC' | 'FOK';
  origQuoteOrderQty: number;
  /** What is still locked for this order; released on fills, cancel or expiry. */
  lockedRemaining: number;
}

export interface VenueTrade extends SimTrade {
  symbol: string;
  isBuyer: boolean;
  quoteQty: number;
}

export interface Execution {
  order: VenueOrder;
  executionType: 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED';
  trade?: VenueTrade;
  /** Binance puts the cancel request's own id in `c` and the order's in `C`. */
  cancelClientOrderId?: string;
  time: number;
}

export interface VenueEvents {
  onDepth(symbol: string, diff: BookDiff, time: number): void;
  onTape(trade: TapeTrade): void;
  onExecution(execution: Execution): void;
  onAccount(assets: string[], time: number): void;
}

export interface NewOrder {
  symbol?: string;
  side?: string;
  type?: string;
  timeInForce?: string;
  quantity?: number;
  quoteOrderQty?: number;
  price?: number;
  newClientOrderId?: string;
}

const OPEN: ReadonlySet<string> = new Set(['NEW', 'PARTIALLY_FILLED']);
const CLIENT_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;

export class Venue {
  readonly tape = new Tape();
  private readonly books = new Map<string, Book>();
  private readonly balances = new Map<string, { free: number; locked: number }>();
  private readonly orderList: VenueOrder[] = [];
  private readonly tradeList: VenueTrade[] = [];
  private readonly events: VenueEvents;
  private readonly now: () => number;
  private nextOrderId = 1000;
  private nextTradeId = 1_000_000;

  constructor(balances: Record<string, number>, events: VenueEvents, now: () => number, historyMinutes?: number) {
    this.events = events;
    this.now = now;
    for (const [asset, free] of Object.entries(balances)) this.balances.set(asset, { free, locked: 0 });
    for (const spec of SYMBOLS) {
      const book = new Book(1_000);
      book.replace(seedLevels(spec, -1), seedLevels(spec, 1));
      this.books.set(spec.symbol, book);
      this.tape.seed(spec.symbol, spec.refPrice, spec.tickSize, now(), historyMinutes);
    }
  }

  book(symbol: string): Book {
    return this.books.get(specFor(symbol).symbol)!;
  }

  balance(asset: string): { free: number; locked: number } {
    const b = this.balances.get(asset) ?? { free: 0, locked: 0 };
    return { free: b.free, locked: b.locked };
  }

  assets(): string[] {
    return [...this.balances.keys()];
  }

  orders(): readonly VenueOrder[] {
    return this.orderList;
  }

  trades(): readonly VenueTrade[] {
    return this.tradeList;
  }

  setBook(symbol: string, bids: Level[], asks: Level[]): void {
    const spec = specFor(symbol);
    const diff = this.books.get(spec.symbol)!.replace(bids, asks);
    if (diff) this.events.onDepth(spec.symbol, diff, this.now());
  }

  /** Validates and books an order, taking liquidity from the book first. `dryRun` only validates (order/test). */
  place(req: NewOrder, dryRun = false): { order: VenueOrder; fills: VenueTrade[] } | undefined {
    const spec = specFor(req.symbol);
    const side = req.side;
    if (side !== 'BUY' && side !== 'SELL') throw new BinanceError(400, -1117, 'Invalid side.');
    const type = req.type;
    if (type !== 'LIMIT' && type !== 'MARKET' && type !== 'LIMIT_MAKER') throw new BinanceError(400, -1116, 'Invalid orderType.');
    const isLimit = type !== 'MARKET';
    const givenTif = type === 'LIMIT' ? req.timeInForce : 'GTC';
    if (givenTif !== 'GTC' && givenTif !== 'IOC' && givenTif !== 'FOK') {
      throw givenTif === undefined ? mandatory('timeInForce') : new BinanceError(400, -1115, 'Invalid timeInForce.');
    }
    const tif = givenTif;
    if (isLimit && req.price === undefined) throw mandatory('price');
    if (isLimit && req.quantity === undefined) throw mandatory('quantity');
    if (!isLimit && (req.quantity === undefined) === (req.quoteOrderQty === undefined)) {
      throw new BinanceError(400, -1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!");
    }
    const clientOrderId = req.newClientOrderId ?? randomClientId();
    if (!CLIENT_ID.test(clientOrderId)) {
      throw new BinanceError(400, -1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
    }
    if (this.orderList.some((o) => o.clientOrderId === clientOrderId && OPEN.has(o.status))) {
      throw new BinanceError(400, -2010, 'Duplicate order sent.');
    }

    if (req.price !== undefined) checkPrice(spec, req.price);
    if (req.quantity !== undefined) checkQty(spec, req.quantity);
    const book = this.books.get(spec.symbol)!;
    const plan = planTaker(book, side, spec, { qty: req.quantity, quote: req.quoteOrderQty, limit: isLimit ? req.price : undefined });
    const plannedQty = r8(plan.reduce((s, [, q]) => s + q, 0));
    const plannedCost = r8(plan.reduce((s, [p, q]) => s + p * q, 0));
    const refPrice = isLimit ? req.price! : plannedQty > 0 ? plannedCost / plannedQty : (this.tape.last(spec.symbol)?.price ?? spec.refPrice);
    checkNotional(spec, req.quoteOrderQty ?? (req.quantity ?? 0) * refPrice);
    if (type === 'LIMIT_MAKER' && plan.length > 0) throw new BinanceError(400, -2010, 'Order would immediately match and take.');

    const asset = side === 'BUY' ? spec.quote : spec.base;
    const need = side === 'BUY' ? (isLimit ? r8(req.price! * req.quantity!) : (req.quoteOrderQty ?? plannedCost)) : (req.quantity ?? plannedQty);
    if (this.balance(asset).free + 1e-9 < need) {
      throw new BinanceError(400, -2010, 'Account has insufficient balance for requested action.');
    }
    if (dryRun) return undefined;

    const time = this.now();
    const order: VenueOrder = {
      orderId: this.nextOrderId++, clientOrderId, symbol: spec.symbol, side, type,
      price: isLimit ? req.price! : 0, origQty: req.quantity ?? plannedQty, executedQty: 0, cummulativeQuoteQty: 0,
      status: 'NEW', time, updateTime: time, timeInForce: tif, origQuoteOrderQty: req.quoteOrderQty ?? 0,
      lockedRemaining: isLimit ? need : 0,
    };
    this.orderList.push(order);
    if (isLimit) this.move(asset, need, 'lock');
    this.events.onExecution({ order: { ...order }, executionType: 'NEW', time });

    const fokMisses = tif === 'FOK' && plannedQty < order.origQty;
    const fills = fokMisses ? [] : plan.map(([price, qty]) => this.fill(order, qty, price, false, true));
    if (fills.length > 0) {
      const diff = book.consume(side === 'BUY' ? 'asks' : 'bids', plan);
      if (diff) this.events.onDepth(spec.symbol, diff, this.now());
    }
    if (OPEN.has(order.status) && (type === 'MARKET' || tif !== 'GTC')) this.finish(order, 'EXPIRED');
    this.events.onAccount([spec.base, spec.quote], this.now());
    return { order, fills };
  }

  cancel(symbol: string | undefined, orderId: number | undefined, clientOrderId: string | undefined, cancelClientOrderId?: string): VenueOrder {
    const spec = specFor(symbol);
    if (orderId === undefined && clientOrderId === undefined) {
      throw new BinanceError(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    }
    const order = this.lookup(spec.symbol, orderId, clientOrderId);
    if (!order || !OPEN.has(order.status)) throw new BinanceError(400, -2011, 'Unknown order sent.');
    this.finish(order, 'CANCELED', cancelClientOrderId ?? randomClientId());
    this.events.onAccount([spec.base, spec.quote], this.now());
    return order;
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

  openOrders(symbol?: string): VenueOrder[] {
    const id = symbol === undefined ? undefined : specFor(symbol).symbol;
    return this.orderList.filter((o) => OPEN.has(o.status) && (id === undefined || o.symbol === id));
  }

  /** A public print; resting orders on the other side that it crosses fill at their own price, oldest first. */
  printTrade(symbol: string, price: number, qty: number, takerSide: 'BUY' | 'SELL'): void {
    const spec = specFor(symbol);
    const time = this.now();
    this.events.onTape(this.tape.record(spec.symbol, price, qty, time, takerSide === 'SELL'));
    const crossed = this.openOrders(spec.symbol)
      .filter((o) => o.type !== 'MARKET' && (takerSide === 'SELL' ? o.side === 'BUY' && o.price >= price : o.side === 'SELL' && o.price <= price))
      .sort((a, b) => (a.side === 'BUY' ? b.price - a.price : a.price - b.price) || a.orderId - b.orderId);
    let left = qty;
    for (const order of crossed) {
      if (left <= 0) break;
      const take = r8(Math.min(left, order.origQty - order.executedQty));
      this.fill(order, take, order.price, true, false);
      left = r8(left - take);
    }
    if (crossed.length > 0) this.events.onAccount([spec.base, spec.quote], this.now());
  }

  /** Forced (partial) fill of an open order, by orderId or clientOrderId; it also shows on the public tape. */
  forceFill(orderIdOrClientId: number | string, qty: number, price?: number): void {
    const order = this.orderList.find((o) =>
      OPEN.has(o.status) && (typeof orderIdOrClientId === 'number' ? o.orderId === orderIdOrClientId : o.clientOrderId === orderIdOrClientId));
    if (!order) throw new Error(`fillOrder: no open order ${String(orderIdOrClientId)}`);
    const take = r8(Math.min(qty, order.origQty - order.executedQty));
    this.fill(order, take, price ?? order.price, true, true);
    const spec = specFor(order.symbol);
    this.events.onAccount([spec.base, spec.quote], this.now());
  }

  private fill(order: VenueOrder, qty: number, price: number, isMaker: boolean, onTape: boolean): VenueTrade {
    const spec = specFor(order.symbol);
    const time = this.now();
    const buy = order.side === 'BUY';
    const quoteQty = r8(qty * price);
    const commission = r8(buy ? qty * COMMISSION_RATE : quoteQty * COMMISSION_RATE);
    const last = r8(order.executedQty + qty) >= order.origQty;
    if (order.type === 'MARKET') {
      this.move(buy ? spec.quote : spec.base, buy ? quoteQty : qty, 'spend');
    } else {
      const release = last ? order.lockedRemaining : r8(buy ? order.price * qty : qty);
      order.lockedRemaining = r8(order.lockedRemaining - release);
      this.move(buy ? spec.quote : spec.base, release, 'spendLocked');
      if (buy) this.move(spec.quote, r8(release - quoteQty), 'credit'); // price improvement
    }
    this.move(buy ? spec.base : spec.quote, r8((buy ? qty : quoteQty) - commission), 'credit');

    order.executedQty = r8(order.executedQty + qty);
    order.cummulativeQuoteQty = r8(order.cummulativeQuoteQty + quoteQty);
    order.status = order.executedQty >= order.origQty ? 'FILLED' : 'PARTIALLY_FILLED';
    order.updateTime = time;
    const id = onTape ? this.tape.record(spec.symbol, price, qty, time, buy === isMaker).id : this.nextTradeId++;
    const trade: VenueTrade = {
      id, orderId: order.orderId, symbol: spec.symbol, price, qty, quoteQty, commission,
      commissionAsset: buy ? spec.base : spec.quote, isMaker, isBuyer: buy, time,
    };
    this.tradeList.push(trade);
    if (onTape) this.events.onTape(this.tape.last(spec.symbol)!);
    this.events.onExecution({ order: { ...order }, executionType: 'TRADE', trade, time });
    return trade;
  }

  private finish(order: VenueOrder, status: 'CANCELED' | 'EXPIRED', cancelClientOrderId?: string): void {
    const spec = specFor(order.symbol);
    if (order.lockedRemaining > 0) this.move(order.side === 'BUY' ? spec.quote : spec.base, order.lockedRemaining, 'unlock');
    order.lockedRemaining = 0;
    order.status = status;
    order.updateTime = this.now();
    this.events.onExecution({ order: { ...order }, executionType: status, cancelClientOrderId, time: order.updateTime });
  }

  private lookup(symbol: string, orderId: number | undefined, clientOrderId: string | undefined): VenueOrder | undefined {
    // A clientOrderId may be reused once its order is closed; the newest one wins, as on Binance.
    for (let i = this.orderList.length - 1; i >= 0; i--) {
      const o = this.orderList[i];
      if (o.symbol !== symbol) continue;
      if (orderId !== undefined ? o.orderId === orderId : o.clientOrderId === clientOrderId) return o;
    }
    return undefined;
  }

  private move(asset: string, amount: number, how: 'lock' | 'unlock' | 'spend' | 'spendLocked' | 'credit'): void {
    const b = this.balances.get(asset) ?? { free: 0, locked: 0 };
    if (how === 'lock') { b.free = r8(b.free - amount); b.locked = r8(b.locked + amount); }
    if (how === 'unlock') { b.free = r8(b.free + amount); b.locked = r8(b.locked - amount); }
    if (how === 'spend') b.free = r8(b.free - amount);
    if (how === 'spendLocked') b.locked = r8(b.locked - amount);
    if (how === 'credit') b.free = r8(b.free + amount);
    this.balances.set(asset, b);
  }
}

/** Levels a taker would take, best first, bounded by quantity, quote budget and limit price. */
function planTaker(book: Book, side: 'BUY' | 'SELL', spec: SymbolSpec, o: { qty?: number; quote?: number; limit?: number }): Level[] {
  const out: Level[] = [];
  let qtyLeft = o.qty ?? Infinity;
  let quoteLeft = o.quote ?? Infinity;
  for (const [price, available] of book.levels(side === 'BUY' ? 'asks' : 'bids')) {
    if (o.limit !== undefined && (side === 'BUY' ? price > o.limit : price < o.limit)) break;
    const byQuote = Math.floor(quoteLeft / price / spec.stepSize + 1e-9) * spec.stepSize;
    const take = r8(Math.min(available, qtyLeft, byQuote));
    if (take <= 0) break;
    out.push([price, take]);
    qtyLeft = r8(qtyLeft - take);
    quoteLeft = r8(quoteLeft - take * price);
  }
  return out;
}

/** Five levels a few ticks apart either side of the reference price; side -1 is bids. */
function seedLevels(spec: SymbolSpec, side: -1 | 1): Level[] {
  const levels: Level[] = [];
  for (let i = 0; i < 5; i++) {
    const price = r8(spec.refPrice + side * (i + 1) * spec.tickSize * 10);
    levels.push([price, r8((5_000 * (i + 1)) / spec.refPrice)]);
  }
  return levels;
}

function mandatory(name: string): BinanceError {
  return new BinanceError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
}

/** Binance's own ids for orders and cancels sent without one. */
export function randomClientId(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 22; i++) id += chars[Math.floor(Math.random() * chars.length)];
  return id;
}
