import type { ExecutionStats, Order } from '../../shared/trading.ts';

/** Running execution quality figures over finished orders. */
export class ExecutionStatsTracker {
  private orders = 0;
  private filledOrders = 0;
  private orderedSize = 0;
  private filledSize = 0;
  private slippageBpsSum = 0;
  private slippageSamples = 0;
  private feesPaid = 0;

  onSubmitted(): void {
    this.orders++;
  }

  /** The figures of a restarted desk: every order it still knows was submitted, and the finished ones count. */
  restore(open: readonly Order[], finished: readonly Order[]): void {
    this.orders += open.length + finished.length;
    for (const order of finished) this.onFinished(order);
  }

  onFinished(order: Order): void {
    this.orderedSize += order.size;
    this.filledSize += order.filled;
    this.feesPaid += order.fees;
    if (order.status === 'filled') this.filledOrders++;
    // Slippage is measured for market orders against the price seen when the order was sent.
    if (order.type === 'market' && order.filled > 0 && order.price) {
      const sign = order.side === 'buy' ? 1 : -1;
      this.slippageBpsSum += (sign * (order.avgFillPrice - order.price) * 10_000) / order.price;
      this.slippageSamples++;
    }
  }

  stats(): ExecutionStats {
    return {
      orders: this.orders,
      filledOrders: this.filledOrders,
      fillRatio: this.orderedSize > 0 ? this.filledSize / this.orderedSize : 0,
      avgSlippageBps: this.slippageSamples > 0 ? this.slippageBpsSum / this.slippageSamples : 0,
      feesPaid: this.feesPaid,
    };
  }
}
