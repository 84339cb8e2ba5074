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

const NOTHING_FIRED: readonly FiredExit[] = [];
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

  /** Orders that fired before a restart but never reached the venue: they go out with the symbol's next book. */
  release(order: Order): void {
    this.queue(order.symbol, { order, price: order.triggerPrice ?? Number.NaN, silentMs: Number.POSITIVE_INFINITY, firedEarlier: true });
  }

  /** A trade print: trails, and queues what it fires for the next book. */
  onTrade(symbol: string, price: number, ts: number): void {
    const silentMs = this.silence(symbol, ts);
    const list = this.armed.get(symbol);
    if (list === undefined) return;
    for (const order of this.crossed(list, price, null)) {
      this.listener.triggered(order); // fired now, out with the next book: a working order from here on
      this.queue(symbol, { order, price, silentMs, firedEarlier: true });
    }
  }

  /**
   * A book: fires what its touch crosses, then sends those and everything a print fired since the last
   * book. Returns them in the order they fired.
   */
  onBook(book: OrderBook): readonly FiredExit[] {
    const symbol = book.symbol;
    const silentMs = this.silence(symbol, book.ts);
    const list = this.armed.get(symbol);
    const waiting = this.waiting.get(symbol);
    if (list === undefined && waiting === undefined) return NOTHING_FIRED; // the usual book: no allocation
    const fired: FiredExit[] = waiting ?? [];
    this.waiting.delete(symbol);
    if (list !== undefined) {
      const bid = book.bids[0]?.[0];
      const ask = book.asks[0]?.[0];
      for (const order of this.crossed(list, bid, ask)) {
        fired.push({ order, price: (order.side === 'sell' ? bid : ask)!, silentMs, firedEarlier: false });
      }
    }
    return fired;
  }

  /** Everything fired by prints that no book has followed (the housekeeping tick sends them on a quiet market). */
  drainWaiting(): FiredExit[] {
    const all: FiredExit[] = [];
    for (const list of this.waiting.values()) all.push(...list);
    this.waiting.clear();
    return all;
  }

  /**
   * Armed orders the price fires, removed from the book with their OCO partners. A print (`bidOrPrint`,
   * with `ask` null) is one price for both sides; a book gives each side its own touch.
   */
  private crossed(list: Order[], bidOrPrint: number | undefined, ask: number | null | undefined): readonly Order[] {
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
    if (fired === null) return NO_ORDERS;
    const symbol = list[0]!.symbol;
    const winners: Order[] = [];
    for (const order of fired) {
      if (!this.disarm(order.clientOrderId)) continue; // an earlier winner of its group withdrew it
      winners.push(order);
      // Partners first: a crash before the winner's fired write leaves none fired and one withdrawn, never two fired.
      if (order.ocoGroup !== undefined) this.withdrawGroup(symbol, order);
    }
    return winners;
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
