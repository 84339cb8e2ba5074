// The live broker's memory of orders it has sent or restored and not yet finished: what the exchange
// has confirmed, which trades were already passed on, and trades that arrived before their order's ack.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { Order, OrderType, Side } from '../../../shared/trading.ts';
import type { CcxtTrade } from './ccxt-module.ts';

export type Phase =
  | 'sending' // createOrder in flight
  | 'unknown' // no answer: being looked up, never resent
  | 'working' // acknowledged by the exchange
  | 'done';

export type FinalStatus = 'closed' | 'canceled' | 'expired';

export interface WorkingOrder {
  clientOrderId: string;
  symbol: string;
  info: SymbolInfo;
  side: Side;
  type: OrderType;
  size: number;
  price?: number;
  /** Stops and take-profits the venue keeps: where they trigger. */
  triggerPrice?: number;
  timeInForce?: Order['timeInForce'];
  postOnly?: boolean;
  sentAt: number;
  orderId: string;
  phase: Phase;
  /** 'accepted' was passed to the engine (or the journal already had it before a restart). */
  accepted: boolean;
  /** Trade ids passed on as fills, and their total size. */
  tradeIds: Set<string>;
  filled: number;
  /** The filled size the exchange last reported; above `filled` means fills are still to come. */
  exchangeFilled: number;
  final: FinalStatus | null;
  cancelRequested: boolean;
  cancelling: boolean;
  /** A REST fetch of this order's trades in flight, if any. */
  fillFetch: Promise<void> | null;
  /** The trade list was read after the order was reported closed short of its size. */
  tradesVerified: boolean;
  /** Streamed trades, by id, that the order's reported filled size does not cover yet. */
  unconfirmed: Map<string, CcxtTrade>;
}

/** Ids of finished orders remembered, so a late duplicate of their last trade is recognised. */
const DONE_MEMORY = 1_000;
/** Trades for order ids we do not know yet (their ack is still in flight), kept at most. */
const STRAY_LIMIT = 500;

export class WorkingOrders {
  private readonly byClient = new Map<string, WorkingOrder>();
  private readonly byOrderId = new Map<string, WorkingOrder>();
  private readonly done = new Set<string>();
  private readonly strays = new Map<string, CcxtTrade[]>();
  private strayCount = 0;

  /** An order as this broker tracks it: sent now, restored from the journal, or an orphan found again. */
  add(
    order: Pick<Order, 'clientOrderId' | 'symbol' | 'side' | 'type' | 'size' | 'price' | 'triggerPrice' | 'timeInForce' | 'postOnly'>,
    info: SymbolInfo,
    state: Pick<WorkingOrder, 'sentAt' | 'orderId' | 'phase' | 'accepted'>,
  ): WorkingOrder {
    const working: WorkingOrder = {
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      info,
      side: order.side,
      type: order.type,
      size: order.size,
      price: order.price,
      triggerPrice: order.triggerPrice,
      timeInForce: order.timeInForce,
      postOnly: order.postOnly,
      ...state,
      tradeIds: new Set(),
      filled: 0,
      exchangeFilled: 0,
      final: null,
      cancelRequested: false,
      cancelling: false,
      fillFetch: null,
      tradesVerified: false,
      unconfirmed: new Map(),
    };
    this.byClient.set(working.clientOrderId, working);
    if (working.orderId !== '') this.byOrderId.set(working.orderId, working);
    return working;
  }

  get(clientOrderId: string): WorkingOrder | undefined {
    return this.byClient.get(clientOrderId);
  }

  withOrderId(orderId: string): WorkingOrder | undefined {
    return this.byOrderId.get(orderId);
  }

  setOrderId(order: WorkingOrder, orderId: string): void {
    order.orderId = orderId;
    this.byOrderId.set(orderId, order);
  }

  all(): WorkingOrder[] {
    return [...this.byClient.values()];
  }

  finish(order: WorkingOrder): void {
    order.phase = 'done';
    this.byClient.delete(order.clientOrderId);
    if (order.orderId !== '') {
      this.byOrderId.delete(order.orderId);
      this.done.add(order.orderId);
      if (this.done.size > DONE_MEMORY) this.done.delete(this.done.values().next().value!);
      this.strays.delete(order.orderId);
    }
  }

  isDone(orderId: string): boolean {
    return this.done.has(orderId);
  }

  /** Keeps a trade whose order id is not known yet; the oldest go first when too many pile up. */
  keepStray(trade: CcxtTrade): void {
    const orderId = String(trade.order);
    const list = this.strays.get(orderId);
    if (list) list.push(trade);
    else this.strays.set(orderId, [trade]);
    if (++this.strayCount > STRAY_LIMIT) {
      const oldest = this.strays.keys().next().value!;
      this.strayCount -= this.strays.get(oldest)!.length;
      this.strays.delete(oldest);
    }
  }

  takeStrays(orderId: string): CcxtTrade[] {
    const list = this.strays.get(orderId) ?? [];
    this.strays.delete(orderId);
    this.strayCount -= list.length;
    return list;
  }
}
