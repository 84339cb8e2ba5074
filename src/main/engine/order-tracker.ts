import type { ExecutionEvent } from './ports.ts';
import { isConditional, TERMINAL_STATUSES, type Fill, type Order, type OrderSource } from '../../shared/trading.ts';

/**
 * A reduce-only conditional order the desk holds and has not fired: it can only shrink the position and
 * is sized down to it when it fires, so it promises no cash or coins and adds no exposure. (One the
 * exchange keeps locks its coins there, so it counts like any working order.)
 */
function isArmedExit(order: Order): boolean {
  return order.reduceOnly === true && order.heldBy === 'desk' && isConditional(order.type) && order.triggeredAt === undefined;
}

/** Working orders by clientOrderId and a bounded newest-first history of finished ones. */
export class OrderTracker {
  private readonly working = new Map<string, Order>();
  private finished: Order[] = [];
  private readonly historyLimit: number;

  constructor(historyLimit = 200) {
    this.historyLimit = historyLimit;
  }

  restore(open: Order[], recent: Order[]): void {
    for (const order of open) this.working.set(order.clientOrderId, order);
    this.finished = recent.filter((o) => TERMINAL_STATUSES.includes(o.status)).slice(0, this.historyLimit);
  }

  add(order: Order): void {
    this.working.set(order.clientOrderId, order);
  }

  get(clientOrderId: string): Order | undefined {
    return this.working.get(clientOrderId) ?? this.finished.find((o) => o.clientOrderId === clientOrderId);
  }

  isWorking(clientOrderId: string): boolean {
    return this.working.has(clientOrderId);
  }

  open(): Order[] {
    return [...this.working.values()];
  }

  history(): Order[] {
    return this.finished;
  }

  /** Open orders' signed size still to fill on a symbol (buys positive). */
  workingSize(symbol: string): { buy: number; sell: number } {
    let buy = 0;
    let sell = 0;
    for (const order of this.working.values()) {
      if (order.symbol !== symbol || isArmedExit(order)) continue;
      const remaining = order.size - order.filled;
      if (order.side === 'buy') buy += remaining;
      else sell += remaining;
    }
    return { buy, sell };
  }

  /** A working order on the symbol from that source. */
  hasWorking(symbol: string, source: OrderSource): boolean {
    for (const order of this.working.values()) if (order.symbol === symbol && order.source === source) return true;
    return false;
  }

  /** Value of all working orders at their reference prices. */
  workingValue(): number {
    let value = 0;
    for (const order of this.working.values()) if (!isArmedExit(order)) value += (order.size - order.filled) * (order.price ?? order.triggerPrice ?? 0);
    return value;
  }

  /** Cash promised to working buy orders: what is unfilled of each, at its price. */
  workingBuyValue(): number {
    let value = 0;
    for (const order of this.working.values()) if (order.side === 'buy' && !isArmedExit(order)) value += (order.size - order.filled) * (order.price ?? order.triggerPrice ?? 0);
    return value;
  }

  /** Applies an execution event; returns the updated order, or undefined if it is not ours. */
  apply(event: Exclude<ExecutionEvent, { type: 'venue-problem' | 'holdings' }>): Order | undefined {
    const clientOrderId = event.type === 'fill' ? event.fill.clientOrderId : event.clientOrderId;
    const order = this.working.get(clientOrderId);
    if (!order) return undefined;
    switch (event.type) {
      case 'accepted':
        order.id = event.orderId;
        if (order.status === 'pending' || order.status === 'unknown') order.status = 'open';
        order.updatedAt = event.ts;
        break;
      case 'fill':
        this.applyFill(order, event.fill);
        break;
      case 'cancelled':
        order.status = 'cancelled';
        order.reason = event.reason;
        order.updatedAt = event.ts;
        break;
      case 'rejected':
        order.status = 'rejected';
        order.reason = event.reason;
        order.updatedAt = event.ts;
        break;
      case 'unknown':
        order.status = 'unknown';
        order.reason = event.reason;
        order.updatedAt = event.ts;
        break;
    }
    if (TERMINAL_STATUSES.includes(order.status)) this.finish(order);
    return order;
  }

  private applyFill(order: Order, fill: Fill): void {
    const filled = order.filled + fill.size;
    order.avgFillPrice = (order.avgFillPrice * order.filled + fill.price * fill.size) / filled;
    order.filled = filled;
    order.fees += fill.fee;
    if (order.id === '') order.id = fill.orderId;
    // Float sums of partial fills may land a hair under the order size.
    order.status = filled >= order.size * (1 - 1e-9) ? 'filled' : 'partially_filled';
    order.updatedAt = fill.ts;
  }

  private finish(order: Order): void {
    this.working.delete(order.clientOrderId);
    this.finished.unshift(order);
    if (this.finished.length > this.historyLimit) this.finished.pop();
  }
}

/**
 * After a crash between recording a fill and updating its order, the journal's fills are the truth:
 * recompute each working order's filled size, average price and fees from them.
 */
export function reconcileWithFills(orders: Order[], fills: readonly Fill[]): Order[] {
  const byOrder = new Map<string, Fill[]>();
  for (const fill of fills) {
    const list = byOrder.get(fill.clientOrderId);
    if (list) list.push(fill);
    else byOrder.set(fill.clientOrderId, [fill]);
  }
  return orders.map((order) => {
    const own = byOrder.get(order.clientOrderId);
    if (!own) return order;
    const filled = own.reduce((sum, f) => sum + f.size, 0);
    const avgFillPrice = own.reduce((sum, f) => sum + f.price * f.size, 0) / filled;
    const fees = own.reduce((sum, f) => sum + f.fee, 0);
    const status = filled >= order.size * (1 - 1e-9) ? 'filled' : 'partially_filled';
    return { ...order, filled, avgFillPrice, fees, status };
  });
}
