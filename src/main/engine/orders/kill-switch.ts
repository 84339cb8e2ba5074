// The kill switch flattens every position, bypassing risk. A book too thin to absorb a position at once
// does not end it: what is left is sold on each following book of that symbol, one order at a time,
// until only dust remains or the trader resumes trading.
import type { KillSwitchReport } from '../../../shared/contract.ts';
import type { SymbolInfo } from '../../../shared/market.ts';
import type { Order, OrderSource, Position, Side } from '../../../shared/trading.ts';
import { formatQuantity } from '../risk/format.ts';

export interface KillSwitchDeps {
  now(): number;
  info(symbol: string): SymbolInfo | undefined;
  /** The symbol's position, null when none was ever held. */
  position(symbol: string): Position | null;
  positions(): Position[];
  /** A working order on the symbol from that source: the next close waits for the kill switch's own to finish. */
  hasWorkingOrder(symbol: string, source: OrderSource): boolean;
  /** Unfilled size of the symbol's working orders per side: what the trader already offers is not sold twice. */
  workingSize(symbol: string): { buy: number; sell: number };
  /** The largest size not above `size` the venue takes (lot grid, then its own precision). */
  sendableSize(symbol: string, size: number): number;
  /** Journals and sends a market order from the kill switch, bypassing risk. */
  sendClose(symbol: string, side: Side, size: number): Order;
}

/** After a refused close, wait this long before the next (doubling, up to the cap): never a retry storm. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

export class KillSwitch {
  readonly #deps: KillSwitchDeps;
  /** Symbols whose last close was refused, with when to try again and how long the next wait is. */
  readonly #retry = new Map<string, { notBefore: number; waitMs: number }>();

  constructor(deps: KillSwitchDeps) {
    this.#deps = deps;
  }

  /** Sends the first close of every sellable position; the engine has halted and cancelled everything. */
  engage(cancelled: number): Omit<KillSwitchReport, 'strategiesStopped'> {
    this.#retry.clear();
    const sent = new Map<string, Order>();
    const toClose = this.#deps.positions().filter((p) => !p.dust);
    for (const position of toClose) {
      const order = this.#close(position);
      if (order !== null) sent.set(position.symbol, order);
    }
    const remaining: KillSwitchReport['remaining'] = [];
    for (const position of this.#deps.positions()) {
      remaining.push({ symbol: position.symbol, size: position.size, reason: this.#whyLeft(position, sent.get(position.symbol)) });
    }
    const closed = toClose.filter((p) => {
      const after = this.#deps.position(p.symbol);
      return after === null || after.size === 0 || after.dust;
    }).length;
    return { cancelled, closed, remaining };
  }

  /** A new book of `symbol` while the kill switch holds: the next close of what is left, if one is due. */
  onBook(symbol: string): void {
    const position = this.#deps.position(symbol);
    if (position === null || position.size === 0 || position.dust || this.#deps.hasWorkingOrder(symbol, 'kill-switch')) return;
    const retry = this.#retry.get(symbol);
    if (retry !== undefined && this.#deps.now() < retry.notBefore) return;
    this.#close(position);
  }

  /** A kill-switch order finished: a refusal delays the next attempt on that symbol. */
  onFinished(order: Order): void {
    if (order.source !== 'kill-switch') return;
    if (order.status !== 'rejected') {
      this.#retry.delete(order.symbol);
      return;
    }
    const waitMs = this.#retry.get(order.symbol)?.waitMs ?? FIRST_RETRY_MS;
    this.#retry.set(order.symbol, { notBefore: this.#deps.now() + waitMs, waitMs: Math.min(MAX_RETRY_MS, waitMs * 2) });
  }

  /** A market order for what is free of the position (less the trader's own working orders on that side), on the lot grid. */
  #close(position: Position): Order | null {
    const info = this.#deps.info(position.symbol);
    const side: Side = position.size > 0 ? 'sell' : 'buy';
    const free = Math.abs(position.size) - this.#deps.workingSize(position.symbol)[side];
    const size = this.#deps.sendableSize(position.symbol, free);
    if (size <= 0 || (info !== undefined && size < info.minSize * (1 - 1e-9))) return null;
    return this.#deps.sendClose(position.symbol, side, size);
  }

  #whyLeft(position: Position, order: Order | undefined): string {
    const info = this.#deps.info(position.symbol);
    const held = `${formatQuantity(Math.abs(position.size))} ${info?.base ?? ''}`.trim();
    if (position.dust) {
      const minimum = info === undefined ? 'the minimum order' : `the minimum order of ${formatQuantity(info.minSize)} ${info.base}${info.minNotional > 0 ? ` or ${info.minNotional} ${info.quote}` : ''}`;
      return `${held} is dust: below ${minimum}, no order can sell it.`;
    }
    if (order === undefined) return `${held} is left and no close could be sent.`;
    if (order.status === 'rejected') return `The venue refused the close (${order.reason ?? 'no reason given'}); it is tried again on later books.`;
    if (order.status === 'cancelled' || order.status === 'filled') {
      return `The book absorbed ${formatQuantity(order.filled)} of ${formatQuantity(order.size)}; the other ${held} is sold on each new book until flat.`;
    }
    return `A market ${order.side} of ${formatQuantity(order.size)} is working at the venue; anything it leaves is sold on later books.`;
  }
}
