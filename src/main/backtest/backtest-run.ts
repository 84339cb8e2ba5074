import type { BacktestMetrics, BacktestRequest, BacktestTrade, EquityPoint } from '../../shared/backtest.ts';
import type { Candle, MarketEvent, SymbolInfo } from '../../shared/market.ts';
import type { RiskLimits } from '../../shared/risk.ts';
import type { CandleColumns } from './candle-columns.ts';
import type { TradeColumns } from './trade-columns.ts';

/**
 * Everything one run needs: the history as market events in time order (the simulated market), or for
 * recorded data its candles or trade prints as columns, which the run turns into fills without building
 * events.
 */
export type BacktestInput = EventInput | CandleInput | TradeInput;

interface RunTerms {
  request: BacktestRequest;
  symbol: SymbolInfo;
  riskLimits: RiskLimits;
}

export interface EventInput extends RunTerms {
  events: readonly MarketEvent[];
  candles?: undefined;
  trades?: undefined;
}

export interface CandleInput extends RunTerms {
  candles: CandleColumns;
  events?: undefined;
  trades?: undefined;
}

export interface TradeInput extends RunTerms {
  trades: TradeColumns;
  events?: undefined;
  candles?: undefined;
}

export interface BacktestOutcome {
  metrics: BacktestMetrics;
  trades: BacktestTrade[];
  equity: EquityPoint[];
  fills: { ts: number; side: 'buy' | 'sell'; price: number; size: number }[];
  /** The run's price, at most ~2,000 bars (see price-candles.ts). */
  candles: Candle[];
  /** Market data replayed: candles for a candle input, prints for a trade input, events otherwise. */
  events: number;
}

export interface BacktestControl {
  /** Called every progressEvery events, candles or prints (default 10,000) and at the end. */
  onProgress?: (processed: number, total: number) => void;
  /** Checked with each progress call; true stops the run early (the outcome covers what ran). */
  shouldStop?: () => boolean;
  progressEvery?: number;
}
