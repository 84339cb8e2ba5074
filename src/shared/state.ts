import type { Candle, FeedHealth, OrderBook, SymbolInfo, Ticker, Timeframe } from './market.ts';
import type { RiskEvent, RiskStatus } from './risk.ts';
import type { Settings } from './settings.ts';
import type { Signal, StrategyView } from './strategy.ts';
import type { AccountSummary, ClosedTrade, ExecutionStats, Fill, Order, Position } from './trading.ts';

/** The symbol and timeframe the UI is looking at: only these get book and candle updates. */
export interface Focus {
  symbol: string;
  timeframe: Timeframe;
}

export interface LogEntry {
  ts: number;
  level: 'info' | 'warn' | 'error';
  source: 'risk' | 'order' | 'strategy' | 'feed' | 'system';
  message: string;
}

/** Everything the UI shows, sent once on connect. */
export interface EngineSnapshot {
  symbols: SymbolInfo[];
  focus: Focus;
  tickers: Record<string, Ticker>;
  book: OrderBook | null;
  candles: Candle[]; // history for the focus
  openOrders: Order[];
  orderHistory: Order[]; // newest first, bounded
  fills: Fill[]; // newest first, bounded
  closedTrades: ClosedTrade[]; // newest first, bounded
  positions: Position[];
  account: AccountSummary;
  risk: RiskStatus;
  strategies: StrategyView[];
  signals: Signal[]; // newest first, bounded
  log: LogEntry[]; // newest first, bounded
  feed: FeedHealth;
  execution: ExecutionStats;
  settings: Settings;
}

/**
 * What changed since the previous delta. Batched: at most ~30 per second whatever the tick rate.
 * Collections are upserts keyed by their id; a position with size 0 is closed. Changes a delta cannot
 * express (an account reset) come as a fresh 'state.snapshot' event instead.
 */
export interface StateDelta {
  seq: number;
  ts: number;
  tickers?: Ticker[];
  book?: OrderBook;
  candles?: Candle[];
  orders?: Order[];
  fills?: Fill[];
  /** Round trips closed since the previous delta, oldest first. */
  closedTrades?: ClosedTrade[];
  positions?: Position[];
  account?: AccountSummary;
  risk?: RiskStatus;
  /** The whole list when any strategy changed: one missing from it was removed. */
  strategies?: StrategyView[];
  signals?: Signal[];
  log?: LogEntry[];
  riskEvents?: RiskEvent[];
  feed?: FeedHealth;
  execution?: ExecutionStats;
  settings?: Settings;
}
