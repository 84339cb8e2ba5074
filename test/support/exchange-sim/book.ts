// One symbol's public order book: price levels plus Binance's update id, which every change advances.
import { r8, type SymbolSpec } from './markets.ts';

export type Level = [price: number, qty: number];

/** A depthUpdate's worth of changed levels; qty 0 removes a level. */
export interface BookDiff {
  firstUpdateId: number;
  lastUpdateId: number;
  bids: Level[];
  asks: Level[];
}

export class Book {
  lastUpdateId: number;
  private bids = new Map<number, number>();
  private asks = new Map<number, number>();

  constructor(firstUpdateId: number) {
    this.lastUpdateId = firstUpdateId;
  }

  /** Replaces the book and returns the level changes as one diff (undefined when nothing changed). */
  replace(bids: Level[], asks: Level[]): BookDiff | undefined {
    const next = { bids: toMap(bids), asks: toMap(asks) };
    const diff = { bids: changes(this.bids, next.bids), asks: changes(this.asks, next.asks) };
    this.bids = next.bids;
    this.asks = next.asks;
    return this.advance(diff.bids, diff.asks);
  }

  /** Removes `qty` at `price` from one side (a taker consumed it). */
  consume(side: 'bids' | 'asks', consumed: Level[]): BookDiff | undefined {
    const map = side === 'bids' ? this.bids : this.asks;
    const changed: Level[] = [];
    for (const [price, qty] of consumed) {
      const left = r8((map.get(price) ?? 0) - qty);
      if (left > 0) map.set(price, left);
      else map.delete(price);
      changed.push([price, Math.max(left, 0)]);
    }
    return side === 'bids' ? this.advance(changed, []) : this.advance([], changed);
  }

  /** Best first: bids descending, asks ascending. */
  levels(side: 'bids' | 'asks', limit = Infinity): Level[] {
    const map = side === 'bids' ? this.bids : this.asks;
    const sorted = [...map.entries()].sort((a, b) => (side === 'bids' ? b[0] - a[0] : a[0] - b[0]));
    return sorted.slice(0, limit);
  }

  best(side: 'bids' | 'asks'): Level | undefined {
    return this.levels(side, 1)[0];
  }

  // Binance spot numbers each changed level, so U..u spans as many ids as levels changed.
  private advance(bids: Level[], asks: Level[]): BookDiff | undefined {
    const count = bids.length + asks.length;
    if (count === 0) return undefined;
    const firstUpdateId = this.lastUpdateId + 1;
    this.lastUpdateId += count;
    return { firstUpdateId, lastUpdateId: this.lastUpdateId, bids, asks };
  }
}

function toMap(levels: Level[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const [price, qty] of levels) if (qty > 0) map.set(price, r8((map.get(price) ?? 0) + qty));
  return map;
}

function changes(before: Map<number, number>, after: Map<number, number>): Level[] {
  const out: Level[] = [];
  for (const [price, qty] of after) if (before.get(price) !== qty) out.push([price, qty]);
  for (const price of before.keys()) if (!after.has(price)) out.push([price, 0]);
  return out;
}

/** Levels a taker would take, best first, bounded by quantity, quote budget and limit price. */
export function planTaker(book: Book, side: 'BUY' | 'SELL', spec: SymbolSpec, o: { qty?: number; quote?: number; limit?: number }): Level[] {
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
export function seedLevels(spec: SymbolSpec, side: -1 | 1): Level[] {
  const levels: Level[] = [];
  for (let i = 0; i < 5; i++) {
    const price = r8(spec.refPrice + side * (i + 1) * spec.tickSize * 10);
    levels.push([price, r8((5_000 * (i + 1)) / spec.refPrice)]);
  }
  return levels;
}
