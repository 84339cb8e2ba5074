// A venue simulated in-process: orders match against the latest public book and trade prints.
// Events go to the listener synchronously, so a backtest replays to the same fills every time.
import type { MarketEvent, SymbolInfo } from '../../../shared/market.ts';
import type { Order, Side } from '../../../shared/trading.ts';
import type { Broker, Clock, ExecutionEvent } from '../../engine/ports.ts';
import { OrderMatcher, type RestingFill } from './order-matcher.ts';
import { orderShapeProblem } from '../../engine/orders/venue-rules.ts';
import { toSteps } from '../../engine/quantity.ts';

export interface PaperBrokerOptions {
  symbols: SymbolInfo[];
  clock: Clock;
  /** 'shadow' matches the same way; only the mode reported to the engine differs. */
  mode?: 'paper' | 'shadow';
}

/** An order with size still working at the simulated venue. */
interface WorkingOrder {
  orderId: string;
  clientOrderId: string;
  info: SymbolInfo;
  side: Side;
  /** Cumulative filled size in lots; see tradeId in emitFill. */
  filledLots: number;
}

export class PaperBroker implements Broker {
  readonly mode: 'paper' | 'shadow';
  private readonly clock: Clock;
  private readonly symbols = new Map<string, SymbolInfo>();
  private readonly matcher: OrderMatcher;
  private readonly working = new Map<string, WorkingOrder>();
  private listener: (event: ExecutionEvent) => void = () => {};

  constructor(options: PaperBrokerOptions) {
    this.mode = options.mode ?? 'paper';
    this.clock = options.clock;
    for (const info of options.symbols) this.symbols.set(info.symbol, info);
    this.matcher = new OrderMatcher(options.symbols);
  }

  setListener(listener: (event: ExecutionEvent) => void): void {
    this.listener = listener;
  }

  submit(order: Order): void {
    const info = this.symbols.get(order.symbol);
    if (info === undefined) return this.reject(order, `Unknown symbol ${order.symbol}.`);
    const problem = this.working.has(order.clientOrderId)
      ? `Order ${order.clientOrderId} is already working.`
      : orderShapeProblem(order.size, order.type, order.price, info);
    if (problem !== null) return this.reject(order, problem);
    // As Binance's LIMIT_MAKER: refused rather than filled as a taker.
    if (order.postOnly === true && this.matcher.fillable(order.symbol, order.side, order.size, order.price) > 0) {
      return this.reject(order, `post-only: at ${order.price} it would take liquidity from the book at once`);
    }
    const work: WorkingOrder = {
      orderId: `P-${order.clientOrderId}`,
      clientOrderId: order.clientOrderId,
      info,
      side: order.side,
      filledLots: 0,
    };
    this.listener({ type: 'accepted', clientOrderId: order.clientOrderId, orderId: work.orderId, ts: this.clock.now() });

    const limit = order.type === 'limit' ? order.price : undefined;
    const timeInForce = order.timeInForce ?? 'GTC';
    if (timeInForce === 'FOK' && this.matcher.fillable(order.symbol, order.side, order.size, limit) < order.size * (1 - 1e-9)) {
      return this.cancelWith(order, `fill-or-kill: the book cannot fill all ${order.size} at once`);
    }
    const taken = this.matcher.take(order.symbol, order.side, order.size, limit);
    for (const fill of taken.fills) this.emitFill(work, fill.price, fill.size, 'taker');
    if (taken.remaining === 0) return;
    if (limit === undefined || timeInForce === 'IOC') {
      const why = limit === undefined ? 'not enough liquidity in the book' : 'immediate-or-cancel';
      return this.cancelWith(order, `${why}: ${taken.remaining} of ${order.size} unfilled`);
    }
    this.matcher.rest({ clientOrderId: order.clientOrderId, symbol: order.symbol, side: order.side, price: limit, size: taken.remaining });
    this.working.set(order.clientOrderId, work);
  }

  /** Only a working order produces an event; anything else is left for the engine to report as not found. */
  cancel(clientOrderId: string): void {
    if (!this.matcher.cancel(clientOrderId)) return;
    this.working.delete(clientOrderId);
    this.listener({ type: 'cancelled', clientOrderId, ts: this.clock.now() });
  }

  onMarket(event: MarketEvent): void {
    if (event.type === 'book') this.emitRestingFills(this.matcher.setBook(event.book));
    else if (event.type === 'trade') this.emitRestingFills(this.matcher.applyTrade(event.trade));
  }

  /**
   * Re-rests limit orders that were working before a restart, with their remaining size, without a
   * new 'accepted'. A market order cannot be working at a simulated venue after a restart, and an
   * order for a symbol no longer listed cannot match: both are cancelled with the reason.
   */
  restore(openOrders: Order[]): void {
    for (const order of openOrders) {
      const info = this.symbols.get(order.symbol);
      if (info === undefined) {
        this.cancelWith(order, `Unknown symbol ${order.symbol}; the order cannot be restored.`);
        continue;
      }
      if (order.type !== 'limit' || order.price === undefined) {
        this.cancelWith(order, 'A paper market order does not survive a restart.');
        continue;
      }
      const sizeLots = toSteps(order.size, info.lotSize);
      const filledLots = toSteps(order.filled, info.lotSize);
      if (filledLots >= sizeLots || this.working.has(order.clientOrderId)) continue;
      this.matcher.rest({
        clientOrderId: order.clientOrderId,
        symbol: order.symbol,
        side: order.side,
        price: order.price,
        size: (sizeLots - filledLots) * info.lotSize,
      });
      this.working.set(order.clientOrderId, {
        orderId: order.id === '' ? `P-${order.clientOrderId}` : order.id,
        clientOrderId: order.clientOrderId,
        info,
        side: order.side,
        filledLots,
      });
    }
  }

  private reject(order: Order, reason: string): void {
    this.listener({ type: 'rejected', clientOrderId: order.clientOrderId, ts: this.clock.now(), reason });
  }

  /** Ends an order the venue took but will not work (any further), with the reason. */
  private cancelWith(order: Order, reason: string): void {
    this.listener({ type: 'cancelled', clientOrderId: order.clientOrderId, ts: this.clock.now(), reason });
  }

  private emitRestingFills(fills: readonly RestingFill[]): void {
    for (const fill of fills) {
      const work = this.working.get(fill.clientOrderId);
      if (work === undefined) continue;
      this.emitFill(work, fill.price, fill.size, 'maker');
      if (fill.remaining === 0) this.working.delete(fill.clientOrderId);
    }
  }

  private emitFill(work: WorkingOrder, price: number, size: number, liquidity: 'maker' | 'taker'): void {
    // n in the tradeId is the order's cumulative filled size in lots after this fill. It rises with
    // every fill, so it is unique per order, and after a restart it is rebuilt from Order.filled alone,
    // which the journal already keeps: no extra counter to store or lose.
    work.filledLots += toSteps(size, work.info.lotSize);
    const { info } = work;
    const rate = liquidity === 'maker' ? info.makerFee : info.takerFee;
    // As on Binance spot, the fee is taken from what the trade brings in: a buy pays it in the coin bought.
    const inBase = info.market === 'spot' && work.side === 'buy';
    const feeAmount = inBase ? size * rate : price * size * rate;
    this.listener({
      type: 'fill',
      fill: {
        orderId: work.orderId,
        clientOrderId: work.clientOrderId,
        tradeId: `${work.orderId}:${work.filledLots}`,
        symbol: info.symbol,
        side: work.side,
        price,
        size,
        fee: inBase ? feeAmount * price : feeAmount,
        feeAsset: inBase ? info.base : info.quote,
        feeAmount,
        liquidity,
        ts: this.clock.now(),
      },
    });
  }
}
