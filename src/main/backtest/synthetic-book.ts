// Recorded candles and trades carry prices, not books, but the paper broker fills market orders
// against a book. We put a thin book around each recorded price: the spread is a small fixed number
// of basis points (at least one tick each side), the levels are one spread apart, and the touch holds
// what the caller measured of the recorded flow at that moment (a candle print's share of its volume,
// or the last few trades' volume), deeper levels 2×, 3× ... of it. A small order fills at the touch and
// pays half the spread; an order larger than the recorded flow walks the book and pays for it, as it
// would in a thin market. Nothing here looks at any later price.
import type { BookLevel, MarketEvent, SymbolInfo } from '../../shared/market.ts';
import { DecimalGrid } from '../adapters/sim/decimal-grid.ts';

export interface SyntheticBookOptions {
  /** Full bid-ask spread in basis points of price (at least one tick each side). Default 1. */
  spreadBps?: number;
  /** Levels on each side. Default 5. */
  levels?: number;
}

export const DEFAULT_SPREAD_BPS = 1;
export const DEFAULT_BOOK_LEVELS = 5;

export class SyntheticBook {
  private readonly info: SymbolInfo;
  private readonly prices: DecimalGrid;
  private readonly sizes: DecimalGrid;
  private readonly halfSpreadFraction: number;
  private readonly levels: number;
  private readonly minUnits: number;

  constructor(info: SymbolInfo, options: SyntheticBookOptions = {}) {
    const spreadBps = options.spreadBps ?? DEFAULT_SPREAD_BPS;
    const levels = options.levels ?? DEFAULT_BOOK_LEVELS;
    if (!(spreadBps >= 0) || !Number.isFinite(spreadBps)) throw new RangeError(`spreadBps must be 0 or more, got ${spreadBps}.`);
    if (!Number.isInteger(levels) || levels < 1) throw new RangeError(`levels must be a whole number of at least 1, got ${levels}.`);
    this.info = info;
    this.prices = new DecimalGrid(info.tickSize);
    this.sizes = new DecimalGrid(info.lotSize);
    this.halfSpreadFraction = spreadBps / 20_000;
    this.levels = levels;
    this.minUnits = Math.max(1, Math.ceil(this.sizes.units(info.minSize) - 1e-9));
  }

  /** Pushes a book around `price` and its ticker (last = price); the touch holds at least `touchSize`. */
  quote(ts: number, price: number, touchSize: number, out: MarketEvent[]): void {
    const prices = this.prices;
    const center = this.center(price);
    const half = this.half(center);
    const step = 2 * half;
    const touchUnits = Math.max(this.minUnits, Math.ceil(this.sizes.units(touchSize) - 1e-9));
    const bids: BookLevel[] = [];
    const asks: BookLevel[] = [];
    for (let level = 0; level < this.levels; level++) {
      // Deeper levels hold more, as real books do: 1×, 2×, 3× the touch.
      const size = this.sizes.value(touchUnits * (level + 1));
      const bid = center - half - level * step;
      if (bid > 0) bids.push([prices.value(bid), size]);
      asks.push([prices.value(center + half + level * step), size]);
    }
    const symbol = this.info.symbol;
    out.push({ type: 'book', book: { symbol, ts, bids, asks } });
    out.push({ type: 'ticker', ticker: { symbol, ts, bid: this.bid(price), ask: asks[0][0], last: price } });
  }

  /** The book's best bid around `price`; undefined when no bid is left above zero (a price of a tick or two). */
  bookBid(price: number): number | undefined {
    const center = this.center(price);
    const units = center - this.half(center);
    return units > 0 ? this.prices.value(units) : undefined;
  }

  /** The ticker's bid around `price`: the book's best bid, or one tick when the book has none. */
  bid(price: number): number {
    const center = this.center(price);
    const units = center - this.half(center);
    return this.prices.value(units > 0 ? units : 1);
  }

  /** The book's best ask around `price` (the ticker's too). */
  ask(price: number): number {
    const center = this.center(price);
    return this.prices.value(center + this.half(center));
  }

  /** The ticker's mid around `price`, which the desk marks its positions at. */
  mid(price: number): number {
    const center = this.center(price);
    const half = this.half(center);
    const bid = center - half;
    return (this.prices.value(bid > 0 ? bid : 1) + this.prices.value(center + half)) / 2;
  }

  private center(price: number): number {
    return Math.round(this.prices.units(price));
  }

  private half(center: number): number {
    return Math.max(1, Math.round(center * this.halfSpreadFraction));
  }
}
