// Price-time matching of one account's orders against a venue's public book and trade prints.
// Pure logic (no clock, ids, fees or events) so that paper trading and shadow mode share it.
import type { BookLevel, OrderBook, SymbolInfo, Trade } from '../../../shared/market.ts';
import type { Side } from '../../../shared/trading.ts';
import { fromSteps, grid, stepsWithin, toSteps, type Grid } from '../../engine/quantity.ts';

/** One book level consumed by an order taking liquidity, at that level's price. */
export interface TakerFill {
  price: number;
  size: number;
}

export interface TakeResult {
  fills: TakerFill[];
  /** Size left over: no book, book exhausted, or nothing left at or better than the limit. */
  remaining: number;
}

/** A resting order filled as maker at its own limit price. */
export interface RestingFill {
  clientOrderId: string;
  price: number;
  size: number;
  /** Size still resting after this fill; 0 means the order is done and no longer tracked. */
  remaining: number;
}

export interface RestRequest {
  clientOrderId: string;
  symbol: string;
  side: Side;
  price: number;
  size: number;
}

interface RestingOrder {
  clientOrderId: string;
  symbol: string;
  side: Side;
  price: number;
  remainingSteps: number;
}

interface SymbolBook {
  lot: Grid;
  book: OrderBook | null;
  /** Lots taken from each level of the current snapshot, by price; a new snapshot clears them. */
  takenBids: Map<number, number>;
  takenAsks: Map<number, number>;
  buys: RestingOrder[]; // highest price first, then oldest
  sells: RestingOrder[]; // lowest price first, then oldest
}

const NO_FILLS: readonly RestingFill[] = [];

export class OrderMatcher {
  private readonly books = new Map<string, SymbolBook>();
  private readonly resting = new Map<string, RestingOrder>();

  constructor(symbols: SymbolInfo[]) {
    for (const info of symbols) {
      this.books.set(info.symbol, {
        lot: grid(info.lotSize),
        book: null,
        takenBids: new Map(),
        takenAsks: new Map(),
        buys: [],
        sells: [],
      });
    }
  }

  /**
   * Takes liquidity from the latest snapshot for a market order (no limit) or the marketable part of
   * a limit order: one fill per level, at the level's price. What is taken stays taken until the next
   * snapshot replaces the book, so two orders cannot both consume the same level.
   */
  take(symbol: string, side: Side, size: number, limit: number | undefined): TakeResult {
    const state = this.state(symbol);
    const fills: TakerFill[] = [];
    const wanted = toSteps(size, state.lot.step);
    const bound = limit ?? (side === 'buy' ? Infinity : -Infinity);
    const taken = this.consume(state, side, wanted, bound, fills);
    return { fills, remaining: fromSteps(wanted - taken, state.lot) };
  }

  /** Lots the latest snapshot could fill at once, up to `size`, at or better than `limit` (nothing is taken). */
  fillable(symbol: string, side: Side, size: number, limit: number | undefined): number {
    const state = this.state(symbol);
    const wanted = toSteps(size, state.lot.step);
    const bound = limit ?? (side === 'buy' ? Infinity : -Infinity);
    return fromSteps(this.consume(state, side, wanted, bound, null, false), state.lot);
  }

  rest(request: RestRequest): void {
    const state = this.state(request.symbol);
    const order: RestingOrder = {
      clientOrderId: request.clientOrderId,
      symbol: request.symbol,
      side: request.side,
      price: request.price,
      remainingSteps: toSteps(request.size, state.lot.step),
    };
    const queue = request.side === 'buy' ? state.buys : state.sells;
    // After every order at the same price: time priority.
    let at = queue.findIndex((o) => (request.side === 'buy' ? o.price < order.price : o.price > order.price));
    if (at === -1) at = queue.length;
    queue.splice(at, 0, order);
    this.resting.set(order.clientOrderId, order);
  }

  /** Removes a resting order; false when it is not resting (unknown, filled or already cancelled). */
  cancel(clientOrderId: string): boolean {
    const order = this.resting.get(clientOrderId);
    if (order === undefined) return false;
    const state = this.state(order.symbol);
    const queue = order.side === 'buy' ? state.buys : state.sells;
    queue.splice(queue.indexOf(order), 1);
    this.resting.delete(clientOrderId);
    return true;
  }

  /**
   * Replaces the symbol's book, then fills resting orders the new book crosses: a buy against the
   * ask levels at or below its limit (a sell against bids at or above), at the order's own price.
   * One fill per order per snapshot, since every level fills it at the same price.
   */
  setBook(book: OrderBook): readonly RestingFill[] {
    const state = this.books.get(book.symbol);
    if (state === undefined) return NO_FILLS;
    state.book = book;
    // Map.clear() allocates a new table even when empty: most snapshots follow one where nothing was taken.
    if (state.takenBids.size > 0) state.takenBids.clear();
    if (state.takenAsks.size > 0) state.takenAsks.clear();
    if (state.buys.length === 0 && state.sells.length === 0) return NO_FILLS;
    const fills: RestingFill[] = [];
    for (const order of state.buys) {
      const steps = this.consume(state, 'buy', order.remainingSteps, order.price, null);
      if (steps === 0) break; // lower bids cannot cross either
      this.fillResting(state, order, steps, fills);
    }
    for (const order of state.sells) {
      const steps = this.consume(state, 'sell', order.remainingSteps, order.price, null);
      if (steps === 0) break;
      this.fillResting(state, order, steps, fills);
    }
    this.dropFinished(state.buys);
    this.dropFinished(state.sells);
    return fills;
  }

  /**
   * A print at or through a resting order's price fills it, up to the print's size; the print's size
   * is shared among our orders on that side in price-time priority, so one print is never counted twice.
   */
  applyTrade(trade: Trade): readonly RestingFill[] {
    const state = this.books.get(trade.symbol);
    if (state === undefined || (state.buys.length === 0 && state.sells.length === 0)) return NO_FILLS;
    const fills: RestingFill[] = [];
    const printed = stepsWithin(trade.size, state.lot.step);
    let budget = printed;
    for (const order of state.buys) {
      if (budget === 0 || order.price < trade.price) break;
      const steps = Math.min(budget, order.remainingSteps);
      budget -= steps;
      this.fillResting(state, order, steps, fills);
    }
    budget = printed;
    for (const order of state.sells) {
      if (budget === 0 || order.price > trade.price) break;
      const steps = Math.min(budget, order.remainingSteps);
      budget -= steps;
      this.fillResting(state, order, steps, fills);
    }
    this.dropFinished(state.buys);
    this.dropFinished(state.sells);
    return fills;
  }

  private state(symbol: string): SymbolBook {
    const state = this.books.get(symbol);
    // The broker validates symbols before matching; reaching here with an unknown one is a bug.
    if (state === undefined) throw new Error(`OrderMatcher has no symbol ${symbol}`);
    return state;
  }

  /**
   * Walks the opposite side of the book from the best level while prices are within the bound,
   * taking up to `wanted` lots. Pushes one taker fill per level when `out` is given. Returns lots taken;
   * with `take` false only counts them, leaving the levels as they were.
   */
  private consume(state: SymbolBook, side: Side, wanted: number, bound: number, out: TakerFill[] | null, take = true): number {
    if (state.book === null) return 0;
    const levels: BookLevel[] = side === 'buy' ? state.book.asks : state.book.bids;
    const takenByPrice = side === 'buy' ? state.takenAsks : state.takenBids;
    let taken = 0;
    for (const [price, size] of levels) {
      if (taken === wanted) break;
      if (side === 'buy' ? price > bound : price < bound) break;
      const already = takenByPrice.get(price) ?? 0;
      const available = stepsWithin(size, state.lot.step) - already;
      if (available <= 0) continue;
      const steps = Math.min(available, wanted - taken);
      if (take) takenByPrice.set(price, already + steps);
      taken += steps;
      out?.push({ price, size: fromSteps(steps, state.lot) });
    }
    return taken;
  }

  private fillResting(state: SymbolBook, order: RestingOrder, steps: number, out: RestingFill[]): void {
    order.remainingSteps -= steps;
    out.push({
      clientOrderId: order.clientOrderId,
      price: order.price,
      size: fromSteps(steps, state.lot),
      remaining: fromSteps(order.remainingSteps, state.lot),
    });
  }

  private dropFinished(queue: RestingOrder[]): void {
    let kept = 0;
    for (const order of queue) {
      if (order.remainingSteps > 0) queue[kept++] = order;
      else this.resting.delete(order.clientOrderId);
    }
    queue.length = kept;
  }
}
