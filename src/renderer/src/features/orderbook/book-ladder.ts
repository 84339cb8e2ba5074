// The order book as ladder rows: asks above (best ask nearest the spread), bids below.
import type { BookLevel, OrderBook } from '../../../../shared/market.ts';

export interface LadderRow {
  price: number;
  size: number;
  /** Running total from the best price outwards. */
  total: number;
  /** Size relative to the largest level shown on either side, 0..1, for the bar. */
  share: number;
}

export interface Ladder {
  /** Worst shown ask first, best ask last. */
  asks: LadderRow[];
  /** Best bid first. */
  bids: LadderRow[];
  spread: number | null;
  spreadBps: number | null;
  mid: number | null;
}

function rows(levels: readonly BookLevel[], depth: number, largest: number): LadderRow[] {
  let total = 0;
  return levels.slice(0, depth).map(([price, size]) => {
    total += size;
    return { price, size, total, share: largest > 0 ? size / largest : 0 };
  });
}

export function buildLadder(book: OrderBook | null, depth: number): Ladder {
  if (!book) return { asks: [], bids: [], spread: null, spreadBps: null, mid: null };
  const shown = [...book.asks.slice(0, depth), ...book.bids.slice(0, depth)];
  const largest = shown.reduce((max, [, size]) => Math.max(max, size), 0);
  const bestAsk = book.asks[0]?.[0];
  const bestBid = book.bids[0]?.[0];
  const mid = bestAsk !== undefined && bestBid !== undefined ? (bestAsk + bestBid) / 2 : null;
  const spread = bestAsk !== undefined && bestBid !== undefined ? bestAsk - bestBid : null;
  return {
    asks: rows(book.asks, depth, largest).reverse(),
    bids: rows(book.bids, depth, largest),
    spread,
    spreadBps: spread !== null && mid ? (spread / mid) * 10_000 : null,
    mid,
  };
}
