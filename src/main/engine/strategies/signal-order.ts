// What a strategy's change of view asks the venue for. On spot the account can only hold coins or
// not: a short view means holding none (sell what is held), never selling what it does not have.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { SignalDirection } from '../../../shared/strategy.ts';
import type { Side } from '../../../shared/trading.ts';

export interface SignalOrder {
  side: Side;
  size: number;
}

/**
 * The market order that takes `position` to the strategy's new view, sized as the venue takes it
 * (`sendable` rounds down) and never past what is held; null when there is nothing to send (already
 * flat, or only dust is left).
 */
export function signalOrder(direction: SignalDirection, position: number, orderSize: number, info: SymbolInfo, sendable: (size: number) => number): SignalOrder | null {
  const spot = info.market === 'spot';
  let side: Side;
  let size: number;
  if (direction === 'long') {
    side = 'buy';
    size = orderSize + Math.max(0, -position);
  } else if (direction === 'short' && !spot) {
    side = 'sell';
    size = orderSize + Math.max(0, position);
  } else {
    if (position === 0) return null;
    side = position > 0 ? 'sell' : 'buy';
    size = Math.abs(position);
  }
  const rounded = sendable(size);
  return rounded >= info.minSize * (1 - 1e-9) ? { side, size: rounded } : null;
}
