import type { BacktestMetrics, BacktestRequest, BacktestTrade, EquityPoint } from '../../shared/backtest.ts';
import type { Candle, MarketEvent, SymbolInfo } from '../../shared/market.ts';
import type { RiskLimits } from '../../shared/risk.ts';

/** Everything one run needs: history already turned into market events, in time order. */
export interface BacktestInput {
  request: BacktestRequest;
  symbol: SymbolInfo;
  riskLimits: RiskLimits;
  events: readonly MarketEvent[];
}

export interface BacktestOutcome {
  metrics: BacktestMetrics;
  trades: BacktestTrade[];
  equity: EquityPoint[];
  fills: { ts: number; side: 'buy' | 'sell'; price: number; size: number }[];
  /** The run's price, at most ~2,000 bars (see price-candles.ts). */
  candles: Candle[];
  events: number;
}

export interface BacktestControl {
  /** Called every progressEvery events (default 10,000) and at the end. */
  onProgress?: (processed: number, total: number) => void;
  /** Checked with each progress call; true stops the run early (the outcome covers what ran). */
  shouldStop?: () => boolean;
  progressEvery?: number;
}
