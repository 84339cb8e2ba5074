// Stops, take-profits, trailing stops, OCO pairs and brackets the desk holds for the venue: armed when
// placed (a bracket's exits as its entry fills, sized to what filled), journaled at every change, fired
// once by the exit book, withdrawn with their position.
import type { OrderBook, SymbolInfo } from '../../../shared/market.ts';
import type { BracketExits, Order, OrderIntent, OrderType, Side } from '../../../shared/trading.ts';
import type { ExecutionEvent } from '../ports.ts';
import { formatAmount, formatQuantity } from '../risk/format.ts';
import { ExitBook, type FiredExit } from './exit-book.ts';
import { kindName } from './exit-names.ts';
import { firedType, trailingTriggerAt } from './trigger-rules.ts';

export interface ExitsDeps {
  now(): number;
  info(symbol: string): SymbolInfo | undefined;
  /** Signed position size. */
  position(symbol: string): number;
  /** Unfilled size of the symbol's working orders on a side (exits still armed at the desk left out). */
  workingOnSide(symbol: string, side: Side): number;
  /** What an order's fills brought into the position: their size, less fees the venue took in the base asset. */
  received(clientOrderId: string): number;
  /** The largest size not above `size` that the venue takes. */
  sendableSize(symbol: string, size: number): number;
  /** The price an order on this side would meet now (a sell's bid, a buy's ask); undefined with no market. */
  touch(symbol: string, side: Side): number | undefined;
  /** Trading is ACTIVE: only then may an exit that adds to a position go out. */
  tradingActive(): boolean;
  /** Silence longer than this before a firing price is reported as a gap. */
  gapMs(): number;
  /** Journals, tracks and publishes a new order (as the engine's send does), without sending it. */
  record(intent: OrderIntent): Order;
  /** Journals and publishes a changed order. */
  changed(order: Order): void;
  /** An execution event for an order the desk holds, handled as a venue's would be. */
  emit(event: ExecutionEvent): void;
  submit(order: Order): void;
  /** The conditional kinds (and 'oco') the venue keeps itself for this symbol. */
  nativeExits(symbol: string): ReadonlySet<string>;
  submitOco: ((stop: Order, target: Order) => void) | undefined;
  cancelAtVenue(clientOrderId: string): void;
  /** An order the desk knows, working or recently finished. */
  order(clientOrderId: string): Order | undefined;
  isWorking(clientOrderId: string): boolean;
  openOrders(): Order[];
  log(level: 'info' | 'warn', message: string): void;
}

/** A bracket's exits in the order they are armed (the first armed wins when one price fires two). */
const EXIT_SUFFIX = { stopLoss: 'sl', trailingStop: 'ts', takeProfit: 'tp' } as const;

export class Exits {
  private readonly deps: ExitsDeps;
  private readonly book: ExitBook;

  constructor(deps: ExitsDeps) {
    this.deps = deps;
    this.book = new ExitBook({
      moved: (order) => deps.changed(order),
      triggered: (order) => this.triggered(order),
      withdrawn: (order, firedBy) =>
        deps.emit({ type: 'cancelled', clientOrderId: order.clientOrderId, ts: deps.now(), reason: `the other order of its OCO pair (${firedBy.clientOrderId}) fired` }),
    });
  }

  /** A conditional order just journaled: armed here, acknowledged as the desk's own. */
  hold(order: Order): void {
    if (order.type === 'trailing_stop' && order.triggerPrice === undefined && order.trailing?.activationPrice === undefined) {
      const touch = this.deps.touch(order.symbol, order.side);
      if (touch !== undefined) order.triggerPrice = trailingTriggerAt(order.trailing!, order.side, touch);
    }
    this.book.arm(order);
    this.deps.emit({ type: 'accepted', clientOrderId: order.clientOrderId, orderId: `D-${order.clientOrderId}`, ts: this.deps.now() });
  }

  /** True when the desk held the order and withdrew it; false leaves it to the venue. */
  cancel(clientOrderId: string, reason?: string): boolean {
    if (!this.book.disarm(clientOrderId)) return false;
    this.deps.emit({ type: 'cancelled', clientOrderId, ts: this.deps.now(), reason });
    return true;
  }

  holds(clientOrderId: string): boolean {
    return this.book.holds(clientOrderId);
  }

  /** Nothing is armed or waiting for a book: no print or book can fire or move anything the desk holds. */
  idle(): boolean {
    return this.book.idle();
  }

  /**
   * After a restart: desk-held orders not yet fired are armed again; those that fired but never reached
   * an in-process venue go out with the next book. Returns the fired ones a real venue may hold.
   */
  restore(open: Order[], venueKeepsOrders: boolean): Order[] {
    const atVenue: Order[] = [];
    // One of an OCO group fired before the stop: the others stay withdrawn, whatever the journal caught of that.
    const firedGroups = new Set(open.filter((o) => o.triggeredAt !== undefined && o.ocoGroup !== undefined).map((o) => o.ocoGroup));
    // Fired ones go out in the order they fired (a sort keeps journal order among those fired together).
    const inOrder = [...open].sort((a, b) => (a.triggeredAt ?? 0) - (b.triggeredAt ?? 0));
    for (const order of inOrder) {
      if (order.heldBy === 'desk' && order.triggeredAt === undefined && firedGroups.has(order.ocoGroup)) {
        this.deps.emit({ type: 'cancelled', clientOrderId: order.clientOrderId, ts: this.deps.now(), reason: 'the other order of its OCO pair fired before the restart' });
        continue;
      }
      if (order.heldBy !== 'desk') continue;
      if (order.triggeredAt === undefined) {
        this.book.arm(order);
        // Journaled, then killed before the desk took it: it takes it now.
        if (order.status === 'pending') this.deps.emit({ type: 'accepted', clientOrderId: order.clientOrderId, orderId: `D-${order.clientOrderId}`, ts: this.deps.now() });
      } else if (venueKeepsOrders || order.id !== '') {
        atVenue.push(order); // a real venue may hold it; an in-process one acknowledged it (a limit resting there)
      } else {
        this.book.release(order); // fired, never reached the in-process venue
      }
    }
    return atVenue;
  }

  onTrade(symbol: string, price: number, ts: number): void {
    this.book.onTrade(symbol, price, ts);
  }

  onBook(book: OrderBook): void {
    this.book.onBook(book, this.send);
  }

  /** A quiet market: exits fired by a print go out without waiting longer for a book. */
  housekeeping(): void {
    for (const fired of this.book.drainWaiting()) this.fire(fired);
  }

  /**
   * An order filled (some): a bracket's exits follow its entry. Reduce-only exits of a position that is gone
   * are withdrawn, and so are those of a position that flipped (a margin long sold into a short): a sell
   * stop no longer protects a short, it would only be cancelled when it fired.
   */
  afterFill(order: Order | undefined, symbol: string): void {
    if (order?.exits !== undefined) this.followEntry(order);
    const position = this.deps.position(symbol);
    const held = position !== 0 && this.deps.sendableSize(symbol, Math.abs(position)) >= (this.deps.info(symbol)?.minSize ?? 0);
    for (const exit of this.deps.openOrders()) {
      if (exit.symbol !== symbol || exit.reduceOnly !== true) continue;
      if (held && (exit.side === 'sell') === position > 0) continue;
      if (this.book.holds(exit.clientOrderId)) this.cancel(exit.clientOrderId, held ? 'the position it protected flipped to the other side' : 'the position it protected is closed');
      else if (exit.heldBy === 'exchange') this.deps.cancelAtVenue(exit.clientOrderId);
    }
  }

  /**
   * A bracket's entry is done: its exits no longer change size, so those the venue can keep go there (a stop
   * and a take-profit as an OCO list, or a lone stop), where they protect with the desk closed. A trailing
   * stop, or a pair the venue cannot link, stays with the desk. A fill of the entry comes first (afterFill).
   */
  afterEnded(entry: Order): void {
    if (entry.exits === undefined || entry.filled <= 0 || this.deps.isWorking(entry.clientOrderId)) return;
    const legs = this.deps.openOrders().filter((o) => o.parentId === entry.clientOrderId);
    const armed = legs.filter((o) => o.triggeredAt === undefined && this.book.holds(o.clientOrderId));
    if (armed.length === 0 || armed.length !== legs.length) return;
    const native = this.deps.nativeExits(entry.symbol);
    const stop = armed.find((o) => o.type === 'stop_market' || o.type === 'stop_limit');
    const target = armed.find((o) => o.type === 'take_profit_market' || o.type === 'take_profit_limit');
    if (armed.length === 2 && stop !== undefined && target !== undefined && native.has('oco') && this.deps.submitOco !== undefined) {
      this.handOver(stop);
      this.handOver(target);
      this.deps.submitOco(stop, target);
    } else if (armed.length === 1 && native.has(armed[0]!.type)) {
      this.handOver(armed[0]!);
      this.deps.submit(armed[0]!);
    } else {
      return;
    }
    this.deps.log('info', `The exits of ${entry.clientOrderId} went to the exchange, which keeps them with the desk closed.`);
  }

  /** Journaled as the exchange's, pending, before the venue is asked: a restart looks it up there. */
  private handOver(order: Order): void {
    this.book.disarm(order.clientOrderId);
    order.heldBy = 'exchange';
    order.status = 'pending';
    order.id = '';
    this.deps.changed(order);
  }

  /**
   * Creates a bracket's exits once its entry has filled, or resizes them to what has filled since. Idempotent,
   * so a restart after a crash between a fill and its exits creates the missing ones (`resize` false: a
   * restart changes no size). Once one exit has fired or
   * ended, the bracket is over and nothing is armed or resized again.
   */
  followEntry(entry: Order, resize = true): void {
    const exits = entry.exits;
    if (exits === undefined || entry.filled <= 0) return;
    const legs = (Object.keys(EXIT_SUFFIX) as (keyof BracketExits)[]).filter((leg) => exits[leg] !== undefined);
    const ids = legs.map((leg) => `${entry.clientOrderId}-${EXIT_SUFFIX[leg]}`);
    const known = ids.map((id) => this.deps.order(id));
    if (known.some((o) => o !== undefined && (o.triggeredAt !== undefined || !this.deps.isWorking(o.clientOrderId)))) return;
    const position = this.deps.position(entry.symbol);
    const held = entry.side === 'buy' ? Math.max(0, position) : Math.max(0, -position);
    // What this entry brought in, never coins held before it (a venue that takes its fee in the coin bought
    // leaves less than the entry's size).
    const size = this.deps.sendableSize(entry.symbol, Math.min(this.deps.received(entry.clientOrderId), held));
    if (!(size > 0)) return;
    const side: Side = entry.side === 'buy' ? 'sell' : 'buy';
    legs.forEach((leg, i) => {
      const existing = known[i];
      if (existing === undefined) {
        this.hold(this.deps.record(exitIntent(entry, leg, ids[i]!, side, size, legs.length > 1, this.deps.now())));
      } else if (resize && existing.size !== size) {
        existing.size = size;
        this.deps.changed(existing);
      }
    });
  }

  /**
   * The moment an exit fires (a print's goes out with the next book, a book's at once): journaled as fired,
   * so a restart sends it rather than arming it again, and a bracket's trade is over, so what is left of its
   * entry is not bought any more.
   */
  private triggered(order: Order): void {
    order.triggeredAt = this.deps.now();
    // The desk's own id goes with the desk's hold: the venue's comes with its acknowledgement, and until then
    // a restart looks the order up by its clientOrderId.
    order.id = '';
    this.deps.changed(order);
    if (order.parentId !== undefined && this.deps.isWorking(order.parentId)) this.deps.cancelAtVenue(order.parentId);
  }

  private readonly send = (fired: FiredExit): void => this.fire(fired);

  private fire(fired: FiredExit): void {
    const { order } = fired;
    const deps = this.deps;
    // A book's exit is fired and sent in one step: the exits it fired beside it are not working orders yet.
    if (!fired.firedEarlier) this.triggered(order);
    const reduces = order.reduceOnly === true;
    let size = order.size - order.filled;
    if (reduces) {
      // What the position holds less what other working orders already sell of it: spot never goes below zero.
      const position = deps.position(order.symbol);
      const others = deps.workingOnSide(order.symbol, order.side) - size;
      const held = (order.side === 'sell' ? Math.max(0, position) : Math.max(0, -position)) - others;
      size = deps.sendableSize(order.symbol, Math.min(size, held));
      if (!(size > 0) || size < (deps.info(order.symbol)?.minSize ?? 0)) {
        deps.emit({ type: 'cancelled', clientOrderId: order.clientOrderId, ts: deps.now(), reason: 'it fired with no position left to close' });
        return;
      }
    } else if (!deps.tradingActive()) {
      deps.emit({ type: 'cancelled', clientOrderId: order.clientOrderId, ts: deps.now(), reason: 'it fired while trading was not active, and it would add to a position' });
      return;
    }
    if (order.size !== order.filled + size) {
      order.size = order.filled + size;
      deps.changed(order); // journaled as it goes out, before the venue can know it
    }
    deps.log('info', firedMessage(order, fired, deps.gapMs()));
    deps.submit(executable(order));
  }
}

/** What the venue receives when a desk-held order fires: a plain market or limit order for what is left. */
export function executable(order: Order): Order {
  const type = firedType(order.type);
  return { ...order, type, price: type === 'limit' ? order.price : undefined, size: order.size - order.filled, filled: 0 };
}

function exitIntent(entry: Order, leg: keyof BracketExits, clientOrderId: string, side: Side, size: number, oco: boolean, now: number): OrderIntent {
  const exits = entry.exits!;
  const base = { clientOrderId, symbol: entry.symbol, side, size, reduceOnly: true, parentId: entry.clientOrderId, source: entry.source, ts: now };
  const group = oco ? { ocoGroup: entry.clientOrderId } : {};
  if (leg === 'trailingStop') return { ...base, ...group, type: 'trailing_stop', trailing: exits.trailingStop };
  const terms = exits[leg]!;
  const type: OrderType = leg === 'stopLoss' ? (terms.price === undefined ? 'stop_market' : 'stop_limit') : terms.price === undefined ? 'take_profit_market' : 'take_profit_limit';
  return { ...base, ...group, type, triggerPrice: terms.triggerPrice, price: terms.price };
}

function firedMessage(order: Order, fired: FiredExit, gapMs: number): string {
  const what = `${order.side === 'sell' ? 'Sell' : 'Buy'} ${kindName(order.type)} ${order.clientOrderId} on ${order.symbol} at ${formatAmount(order.triggerPrice ?? fired.price)} fired`;
  const how = firedType(order.type) === 'limit' ? `a limit order for ${formatQuantity(order.size - order.filled)} at ${formatAmount(order.price!)}` : `a market order for ${formatQuantity(order.size - order.filled)}`;
  if (fired.silentMs <= gapMs) return `${what} on a price of ${formatAmount(fired.price)}: ${how} was sent.`;
  const gap = Number.isFinite(fired.silentMs) ? `after ${Math.round(fired.silentMs / 1000)} s without market data` : 'on the first price since the desk started';
  return `${what} ${gap}: the market was already at ${formatAmount(fired.price)}, past the trigger, so ${how} was sent and fills at the price the market offers now.`;
}
