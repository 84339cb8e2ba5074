import type { Candle, OrderBook, Ticker, Trade } from '../../../shared/market.ts';
import type { Signal, StrategyConfig, StrategyStats } from '../../../shared/strategy.ts';

/**
 * A strategy turns market events into signals; the engine turns signals into orders and sends them
 * through risk. Candle callbacks receive closed candles of the strategy's own symbol and timeframe
 * only, so no strategy can look ahead. Callbacks return a signal when the strategy's view changes,
 * null otherwise.
 */
export interface Strategy {
  readonly config: StrategyConfig;
  onCandle(candle: Candle): Signal | null;
  /**
   * Feeds closed candles from before activation, oldest first: indicators fill and the view is
   * set, but no signal is returned or recorded, so a fresh instance never fires on old data.
   */
  warmUp(closedCandles: readonly Candle[]): void;
  onTicker?(ticker: Ticker): Signal | null;
  onBook?(book: OrderBook): Signal | null;
  onTrade?(trade: Trade): Signal | null;
  /** Newest first, bounded. */
  history(): readonly Signal[];
  stats(): StrategyStats;
  /** Latest indicator values by name, e.g. { roc: 0.0031 } or { middle, upper, lower }. */
  indicators(): Record<string, number>;
  /** The average true range its exits are measured in (params.atrPeriod > 0); NaN otherwise or until ready. */
  exitAtr(): number;
}
