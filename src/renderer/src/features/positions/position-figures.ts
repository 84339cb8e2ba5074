// Figures of an open position the table shows beside what the engine sends.
import type { Position } from '../../../../shared/trading.ts';

/** Unrealized PnL as a fraction of what the position cost at its average price; null with no cost known. */
export function pnlPercent(position: Position): number | null {
  const cost = Math.abs(position.size) * position.avgPrice;
  return cost > 0 ? position.unrealizedPnl / cost : null;
}
