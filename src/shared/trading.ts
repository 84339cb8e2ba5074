// Orders, fills, positions and the account: the money path's shapes.

export type Side = 'buy' | 'sell';
/**
 * market and limit go to the venue at once. The others wait for a trigger price: a stop when the market
 * falls to it (a sell) or rises to it (a buy), a take-profit the other way, a trailing stop at a distance
 * behind the best price since it was armed. On trigger, the *_market kinds and trailing_stop become a
 * market order, the *_limit kinds a limit order at `price`.
 */
export const ORDER_TYPES = ['market', 'limit', 'stop_market', 'stop_limit', 'take_profit_market', 'take_profit_limit', 'trailing_stop'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
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

/** A trailing stop's distance behind the best price, and the price that arms it (none: armed at once). */
export interface TrailingTerms {
  distance: number;
  unit: 'amount' | 'percent';
  activationPrice?: number;
}

/** One exit of a bracket: it triggers at triggerPrice and then sells (or buys) at market, or at `price` as a limit. */
export interface ExitLeg {
  triggerPrice: number;
  price?: number;
}

/** The exits an entry order carries: armed as it fills, sized to what filled, one cancelling the others. */
export interface BracketExits {
  stopLoss?: ExitLeg;
  takeProfit?: ExitLeg;
  trailingStop?: TrailingTerms;
}

export interface OrderIntent {
  clientOrderId: string;
  symbol: string;
  side: Side;
  type: OrderType;
  size: number;
  /** Limit price (limit, stop_limit, take_profit_limit); for the market kinds, the reference price risk used. */
  price?: number;
  /** Where a stop or take-profit triggers; a trailing stop's current trigger once armed. */
  triggerPrice?: number;
  trailing?: TrailingTerms;
  /** Limit orders only; GTC when absent. */
  timeInForce?: TimeInForce;
  /** A limit order that would take liquidity is refused rather than filled. */
  postOnly?: boolean;
  /** May only reduce the position: sized down to it when it fires, cancelled when the position is gone. */
  reduceOnly?: boolean;
  /** Orders sharing a group cancel each other: the first to trigger or fill cancels the rest (OCO). */
  ocoGroup?: string;
  /** An exit of this entry order (clientOrderId), armed as the entry fills. */
  parentId?: string;
  exits?: BracketExits;
  source: OrderSource;
  ts: number;
}

export function isConditional(type: OrderType): boolean {
  return type !== 'market' && type !== 'limit';
}

export interface Order extends OrderIntent {
  id: string; // venue order id ('' until accepted)
  status: OrderStatus;
  filled: number;
  avgFillPrice: number;
  fees: number;
  updatedAt: number;
  reason?: string; // rejection or cancel reason
  /**
   * Conditional orders: 'exchange' when it rests on the venue (it protects with the desk closed), 'desk'
   * when the venue has no such order type and the desk sends it on trigger (only while the desk runs).
   */
  heldBy?: 'desk' | 'exchange';
  /** When a desk-held order triggered and went to the venue as a market or limit order. */
  triggeredAt?: number;
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

/** A trade from flat back to flat (or through zero): what one position made, net of every fee it paid. */
export interface RoundTrip {
  side: 'long' | 'short';
  entryTs: number;
  exitTs: number;
  /** The largest size the position reached. */
  size: number;
  /** Size-weighted prices of what opened it and of what closed it. */
  entryPrice: number;
  exitPrice: number;
  pnl: number; // net of fees
  fees: number;
}

/** A round trip of the desk's account, listed with its symbol. */
export interface ClosedTrade extends RoundTrip {
  symbol: string;
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
