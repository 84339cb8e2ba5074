// Orders, fills, positions and the account: the money path's shapes.

export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit';
export type TradingMode = 'paper' | 'shadow' | 'live';

/**
 * pending: journaled, not yet acknowledged by the venue. unknown: the venue's answer was lost
 * (timeout, 5xx); never treated as failed until reconciled.
 */
export type OrderStatus =
  | 'pending'
  | 'open'
  | 'partially_filled'
  | 'filled'
  | 'cancelled'
  | 'rejected'
  | 'unknown';

export const TERMINAL_STATUSES: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected'];

/** 'manual' for the order ticket and UI buttons, otherwise the strategy instance id. */
export type OrderSource = 'manual' | 'kill-switch' | `strategy:${string}`;

export interface OrderIntent {
  clientOrderId: string;
  symbol: string;
  side: Side;
  type: OrderType;
  size: number;
  price?: number; // limit price; for market orders the reference price used by risk
  stopPrice?: number; // optional protective stop, used to measure risk per trade
  source: OrderSource;
  ts: number;
}

export interface Order extends OrderIntent {
  id: string; // venue order id ('' until accepted)
  status: OrderStatus;
  filled: number;
  avgFillPrice: number;
  fees: number;
  updatedAt: number;
  reason?: string; // rejection or cancel reason
}

export interface Fill {
  orderId: string;
  clientOrderId: string;
  tradeId: string;
  symbol: string;
  side: Side;
  price: number;
  size: number;
  /** The fee's value in quote currency (a fee taken in base is valued at the fill's price). */
  fee: number;
  /** The asset the venue took the fee in ('USDT', 'BTC', 'BNB') and how much of it, as the venue reported. */
  feeAsset: string;
  feeAmount: number;
  liquidity: 'maker' | 'taker';
  ts: number;
}

export interface Position {
  symbol: string;
  size: number; // signed: > 0 long, < 0 short
  avgPrice: number;
  markPrice: number;
  realizedPnl: number; // net of nothing: fees are tracked separately
  unrealizedPnl: number;
  fees: number;
  /** Too small to sell (below the minimum size or order value): not an open position for risk, Close or the kill switch. */
  dust: boolean;
  /** Some of it was found in the venue's balance rather than bought here: its cost is unknown, so avgPrice counts it at the mark when found. */
  importedAtMark: boolean;
}

export interface AccountSummary {
  mode: TradingMode;
  startingCapital: number;
  cash: number;
  equity: number; // cash + marked positions
  realizedPnl: number;
  unrealizedPnl: number;
  feesPaid: number;
  peakEquity: number;
  drawdown: number; // fraction of peak, 0.05 = 5%
  dayStartEquity: number;
  dailyPnl: number;
}

export interface ExecutionStats {
  orders: number;
  filledOrders: number;
  fillRatio: number; // filled size / ordered size over finished orders
  avgSlippageBps: number; // market orders: fill vs reference price
  feesPaid: number;
}
