// What the engine tells risk about the world for one order, and what it reports for the status gauges.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { Side } from '../../../shared/trading.ts';

/** Sizes this close count as equal: an order closing 0.30000000000000004 with 0.3 still reduces. */
const SIZE_EPSILON = 1e-12;

/**
 * Filled in by the engine per check. Plain numbers and flags so one object can be reused for every
 * order without allocating.
 */
export interface RiskContext {
  /** The symbol's market as the venue lists it; null when it lists no such symbol. */
  info: SymbolInfo | null;
  /** Signed position in the order's symbol, base units: > 0 long, < 0 short. */
  position: number;
  /** The position is too small to sell: it does not count as one for DUPLICATE_POSITION. */
  positionIsDust: boolean;
  /** Unfilled size of working orders on the order's side and symbol: they may all fill, so limits count them. */
  workingSameSide: number;
  /** What an order on this side meets now: a sell's best bid, a buy's best ask; null with no market. */
  touch: number | null;
  /** The price the order can fill at (see measuredPrice); null when nothing measures it. */
  measuredPrice: number | null;
  /** Cash not promised to working buy orders. */
  freeCash: number;
  /** Cash plus marked positions. */
  equity: number;
  /** Σ |size| × mark of open positions plus the notional of working orders, before this order. */
  grossExposure: number;
  /** The symbol's market data is older than limits.staleFeedMs. */
  feedStale: boolean;
  /** Today's loss as a fraction of the UTC day's starting equity, 0 when the day is up. */
  dailyLossFraction: number;
  /** Fall from peak equity as a fraction of the peak. */
  drawdown: number;
}

/** Raw readings RiskEngine.status() turns into usage fractions of each limit. */
export interface RiskUsageInput {
  dailyLossFraction: number;
  drawdown: number;
  grossExposure: number;
  equity: number;
  largestPositionValue: number;
}

/** Reduces the absolute position without flipping past zero (closing exactly to zero counts). */
export function isReducingOrder(side: Side, size: number, position: number): boolean {
  if (position === 0) return false;
  const opposite = side === 'buy' ? position < 0 : position > 0;
  return opposite && size <= Math.abs(position) + SIZE_EPSILON;
}
