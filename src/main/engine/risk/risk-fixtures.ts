// Fixtures for the RiskEngine tests: market BTC/USDT orders and a calm risk context.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { OrderIntent, Side } from '../../../shared/trading.ts';
import type { RiskContext } from './risk-engine.ts';

/** BTC/USDT on a margin market, so the limit rules can be tested on shorts too; SPOT_BTC holds only what it bought. */
export const MARGIN_BTC: SymbolInfo = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  market: 'margin',
  tickSize: 0.01,
  lotSize: 0.0001,
  minSize: 0.0001,
  minNotional: 0,
  makerFee: 0.0002,
  takerFee: 0.0005,
};
export const SPOT_BTC: SymbolInfo = { ...MARGIN_BTC, market: 'spot', minNotional: 5 };

/** Builds `intent(side, size, extra)` for manual BTC/USDT market orders stamped `ts`. */
export function intentsAt(ts: number): (side: Side, size: number, extra?: Partial<OrderIntent>) => OrderIntent {
  return (side, size, extra = {}) => ({ clientOrderId: 'c1', symbol: 'BTC/USDT', side, type: 'market', size, source: 'manual', ts, ...extra });
}

/** A flat 100,000 account, BTC/USDT at 50,000, a live feed and no losses, with `extra` on top. */
export function ctx(extra: Partial<RiskContext> = {}): RiskContext {
  return {
    info: MARGIN_BTC,
    position: 0,
    positionIsDust: false,
    workingSameSide: 0,
    touch: null,
    measuredPrice: 50_000,
    freeCash: 100_000,
    equity: 100_000,
    grossExposure: 0,
    feedStale: false,
    dailyLossFraction: 0,
    drawdown: 0,
    ...extra,
  };
}
