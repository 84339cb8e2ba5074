// Fixtures for the RiskEngine tests: market BTC/USDT orders and a calm risk context.
import type { OrderIntent, Side } from '../../../shared/trading.ts';
import type { RiskContext } from './risk-engine.ts';

/** Builds `intent(side, size, extra)` for manual BTC/USDT market orders stamped `ts`. */
export function intentsAt(ts: number): (side: Side, size: number, extra?: Partial<OrderIntent>) => OrderIntent {
  return (side, size, extra = {}) => ({ clientOrderId: 'c1', symbol: 'BTC/USDT', side, type: 'market', size, source: 'manual', ts, ...extra });
}

/** A flat 100,000 account, BTC/USDT at 50,000, a live feed and no losses, with `extra` on top. */
export function ctx(extra: Partial<RiskContext> = {}): RiskContext {
  return {
    position: 0,
    workingSameSide: 0,
    referencePrice: 50_000,
    equity: 100_000,
    grossExposure: 0,
    feedStale: false,
    symbolKnown: true,
    dailyLossFraction: 0,
    drawdown: 0,
    ...extra,
  };
}
