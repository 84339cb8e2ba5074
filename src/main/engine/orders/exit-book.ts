// Conditional orders the desk holds because the venue cannot: watched against every print and book,
// fired once. An exit triggered by a print goes out with the next book (the next price the market
// offers), never at a book older than the print; one triggered by a book goes out at that book. When
// an order of an OCO group fires, the rest of its group is withdrawn in the same step, so exactly one
// of them ever reaches the venue.
import type { OrderBook } from '../../../shared/market.ts';
import type { Order } from '../../../shared/trading.ts';
import { crossesTrigger, trailedTrigger } from './trigger-rules.ts';

export interface FiredExit {
  order: Order;
  /** Fired by a print and journaled as fired then; false for one a book fires, which goes out at once. */
  firedEarlier: boolean;
  /** The price that crossed the trigger. */
  price: number;
  /** How long the market had been silent for this symbol before that price (Infinity: nothing seen since the desk started). */
  silentMs: number;
}

export interface ExitBookListener {
  /** A trailing stop's trigger moved: it is journaled, so a restart resumes from it. */
  moved(order: Order): void;
  /** A print fired the order (after its OCO partners were withdrawn); it goes out with the next book. */
  triggered(order: Order): void;
  /** Orders of a fired order's OCO group, withdrawn unsent. */
  withdrawn(order: Order, firedBy: Order): void;
}

const NO_ORDERS: readonly Order[] = [];

export class ExitBook {
  private readonly armed = new Map<string, Order[]>();
  /** Fired by a print, waiting for the symbol's next book. */
  private readonly waiting = new Map<string, FiredExit[]>();
  private readonly lastSeen = new Map<string, number>();
  private readonly listener: ExitBookListener;

  constructor(listener: ExitBookListener) {
    this.listener = listener;
  }

  arm(order: Order): void {
    const list = this.armed.get(order.symbol);
    if (list === undefined) this.armed.set(order.symbol, [order]);
    else if (!list.includes(order)) list.push(order);
  }

  /** Removes an armed (or waiting) order; false when the book does not hold it. */
  disarm(clientOrderId: string): boolean {
    return removeFrom(this.armed, (o) => o.clientOrderId === clientOrderId) || removeFrom(this.waiting, (t) => t.order.clientOrderId === clientOrderId);
  }

  holds(clientOrderId: string): boolean {
    for (const list of this.armed.values()) if (list.some((o) => o.clientOrderId === clientOrderId)) return true;
    for (const list of this.waiting.values()) if (list.some((t) => t.order.clientOrderId === clientOrderId)) return true;
    return false;
  }

  /** Nothing is armed or waiting for a book: no print or book can fire or move anything here. */
  idle(): boolean {
    return this.armed.size === 0 && this.waiting.size === 0;
  }

  /** Orders that fired before a restart but never reached the venue: they go out with the symbol's next book. */
  release(order: Order): void {
    this.queue(order.symbol, { order, price: order.triggerPrice ?? Number.NaN, silentMs: Number.POSITIVE_INFINITY, firedEarlier: true });
  }

  /** A trade print: trails, and queues what it fires for the next book. */
  onTrade(symbol: string, price: number, ts: number): void {
    const silentMs = this.silence(symbol, ts);
    const list = this.armed.get(symbol);
    if (list === undefined) return;
    for (const order of this.crossing(list, price, null)) {
      if (!this.take(order)) continue; // withdrawn by an earlier order of its group
      this.listener.triggered(order); // fired now, out with the next book: a working order from here on
      this.queue(symbol, { order, price, silentMs, firedEarlier: true });
    }
  }

  /**
   * A book: sends what prints fired since the last book, then fires and sends what its touch crosses, one at
   * a time in the order armed, so each sees what the one before did (a position it emptied withdraws the
   * exits left; an OCO partner is gone).
   */
  onBook(book: OrderBook, send: (fired: FiredExit) => void): void {
    const symbol = book.symbol;
    const silentMs = this.silence(symbol, book.ts);
    const waiting = this.waiting.get(symbol);
    if (waiting !== undefined) {
      this.waiting.delete(symbol);
      for (const fired of waiting) send(fired);
    }
    const list = this.armed.get(symbol);
    if (list === undefined) return;
    const bid = book.bids[0]?.[0];
    const ask = book.asks[0]?.[0];
    for (const order of this.crossing(list, bid, ask)) {
      if (!this.take(order)) continue; // withdrawn by what an earlier one did
      send({ order, price: (order.side === 'sell' ? bid : ask)!, silentMs, firedEarlier: false });
    }
  }

  /** Everything fired by prints that no book has followed (the housekeeping tick sends them on a quiet market). */
  drainWaiting(): FiredExit[] {
    const all: FiredExit[] = [];
    for (const list of this.waiting.values()) all.push(...list);
    this.waiting.clear();
    return all;
  }

  /**
   * Armed orders the price reaches, in the order armed; the others trail to it. A print (`bidOrPrint`, with
   * `ask` null) is one price for both sides; a book gives each side its own touch.
   */
  private crossing(list: Order[], bidOrPrint: number | undefined, ask: number | null | undefined): readonly Order[] {
    let fired: Order[] | null = null; // allocated only when something fires
    for (let i = 0; i < list.length; i++) {
      const order = list[i]!;
      const price = ask === null || order.side === 'sell' ? bidOrPrint : ask;
      if (price === undefined) continue;
      if (crossesTrigger(order, price)) {
        (fired ??= []).push(order);
        continue;
      }
      const moved = trailedTrigger(order, price);
      if (moved !== undefined) {
        order.triggerPrice = moved;
        this.listener.moved(order);
      }
    }
    return fired ?? NO_ORDERS;
  }

  /** Takes a fired order off the book with its OCO partners; false when it was no longer armed. */
  private take(order: Order): boolean {
    if (!removeFrom(this.armed, (o) => o === order)) return false;
    // Partners first: a crash before the winner's fired write leaves none fired and one withdrawn, never two fired.
    if (order.ocoGroup !== undefined) this.withdrawGroup(order.symbol, order);
    return true;
  }

  private withdrawGroup(symbol: string, firedBy: Order): void {
    const list = this.armed.get(symbol);
    if (list === undefined) return;
    for (const other of list.filter((o) => o.ocoGroup === firedBy.ocoGroup)) {
      this.disarm(other.clientOrderId);
      this.listener.withdrawn(other, firedBy);
    }
  }

  private queue(symbol: string, triggered: FiredExit): void {
    const list = this.waiting.get(symbol);
    if (list === undefined) this.waiting.set(symbol, [triggered]);
    else list.push(triggered);
  }

  private silence(symbol: string, ts: number): number {
    const last = this.lastSeen.get(symbol);
    this.lastSeen.set(symbol, ts);
    return last === undefined ? Number.POSITIVE_INFINITY : ts - last;
  }
}

function removeFrom<T>(map: Map<string, T[]>, match: (entry: T) => boolean): boolean {
  for (const [symbol, list] of map) {
    const at = list.findIndex(match);
    if (at === -1) continue;
    list.splice(at, 1);
    if (list.length === 0) map.delete(symbol);
    return true;
  }
  return false;
}
