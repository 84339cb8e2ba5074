// The renderer's picture of the engine, one slice per panel family. Slices are replaced only when
// they change, so a panel selecting its slice re-renders only for its own data.
import type { BacktestProgress, BacktestRequest, BacktestResult, BacktestSummary, DatasetInfo, SweepProgress } from '../../../shared/backtest.ts';
import type { ExchangeInfo, KeyStatus } from '../../../shared/exchange.ts';
import type { Candle, FeedHealth, OrderBook, SymbolInfo, Ticker } from '../../../shared/market.ts';
import type { RiskEvent, RiskStatus } from '../../../shared/risk.ts';
import type { Settings } from '../../../shared/settings.ts';
import type { Focus, LogEntry } from '../../../shared/state.ts';
import type { Signal, StrategyView } from '../../../shared/strategy.ts';
import type { AccountSummary, ClosedTrade, ExecutionStats, Fill, Order, Position } from '../../../shared/trading.ts';

export interface MarketSlice {
  symbols: SymbolInfo[];
  focus: Focus | null;
  tickers: Record<string, Ticker>;
  book: OrderBook | null;
  /** History and live candles for the focus, oldest first. */
  candles: Candle[];
  /** Bumped whenever candles are replaced wholesale (snapshot, focus change): the chart calls setData then. */
  candleHistoryVersion: number;
  feed: FeedHealth | null;
}

export interface OrdersSlice {
  open: Order[];
  /** Finished orders, newest first. */
  history: Order[];
  /** Newest first. */
  fills: Fill[];
  execution: ExecutionStats | null;
}

export interface PortfolioSlice {
  positions: Position[];
  /** Round trips, newest first. */
  closedTrades: ClosedTrade[];
  account: AccountSummary | null;
}

export interface RiskSlice {
  status: RiskStatus | null;
  /** Newest first. */
  events: RiskEvent[];
}

export interface StrategiesSlice {
  list: StrategyView[];
}

export interface LogSlice {
  /** Newest first. */
  signals: Signal[];
  /** Newest first. */
  entries: LogEntry[];
}

/**
 * The exchanges the engine can trade on and what the renderer knows of their keys. Never a key or
 * secret itself: a KeyStatus only says whether one is set, its masked form and where it is stored.
 */
export interface ExchangeSlice {
  /** Null until 'exchanges.list' has answered. */
  list: ExchangeInfo[] | null;
  /** By exchange id, as 'keys.status' / 'keys.set' / 'keys.delete' last answered. */
  keys: Record<string, KeyStatus>;
}

/**
 * Backtests and sweeps. Not part of the engine's snapshot: filled by the backtest commands and the
 * 'backtest.progress' / 'sweep.progress' events, and kept across snapshots.
 */
export interface BacktestSlice {
  /** Null until 'backtest.datasets' has answered. */
  datasets: DatasetInfo[] | null;
  /** Past runs, newest first; null until 'backtest.list' has answered. */
  runs: BacktestSummary[] | null;
  /** The run this window started last: the progress bar follows it. */
  activeRunId: string | null;
  /** The latest progress of recent runs, oldest first, bounded. Kept by id, so an event that beats the run's own answer is not lost. */
  progress: BacktestProgress[];
  /** Full results fetched with 'backtest.get', least recently fetched first, bounded. */
  results: BacktestResult[];
  /** The run shown in the result view. */
  viewRunId: string | null;
  /** Up to two runs picked for side-by-side comparison, in the order picked. */
  compareIds: string[];
  /** The sweep this window started last. */
  activeSweepId: string | null;
  /** What the active sweep varies its cells on: a cell opened as a run, or used as a strategy, starts from it. */
  activeSweepBase: BacktestRequest | null;
  /** The latest progress of recent sweeps (each carries all its cells), oldest first, bounded. */
  sweeps: SweepProgress[];
}

export type TransportKind = 'ipc' | 'ws';
/** 'unauthorized': the desk refuses this tab's token; only opening the printed address again helps. */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'unauthorized';

export interface ConnectionSlice {
  transport: TransportKind | null;
  status: ConnectionStatus;
  /** Whether the current connection has delivered its snapshot yet. */
  synced: boolean;
  lastSeq: number | null;
  /** Reconnect attempts since the last successful connection. */
  attempts: number;
}

export interface TerminalState {
  market: MarketSlice;
  orders: OrdersSlice;
  portfolio: PortfolioSlice;
  risk: RiskSlice;
  strategies: StrategiesSlice;
  log: LogSlice;
  settings: Settings | null;
  exchange: ExchangeSlice;
  backtest: BacktestSlice;
  connection: ConnectionSlice;
}

/** Caps on the newest-first lists, so a long session does not grow without bound. */
export const LIST_LIMITS = {
  candles: 2_000,
  history: 300,
  fills: 500,
  closedTrades: 200,
  signals: 300,
  log: 500,
  riskEvents: 100,
  backtestProgress: 20,
  backtestResults: 6,
  sweeps: 4,
} as const;

export const initialBacktestSlice: BacktestSlice = {
  datasets: null,
  runs: null,
  activeRunId: null,
  progress: [],
  results: [],
  viewRunId: null,
  compareIds: [],
  activeSweepId: null,
  activeSweepBase: null,
  sweeps: [],
};

export const initialTerminalState: TerminalState = {
  market: { symbols: [], focus: null, tickers: {}, book: null, candles: [], candleHistoryVersion: 0, feed: null },
  orders: { open: [], history: [], fills: [], execution: null },
  portfolio: { positions: [], closedTrades: [], account: null },
  risk: { status: null, events: [] },
  strategies: { list: [] },
  log: { signals: [], entries: [] },
  settings: null,
  exchange: { list: null, keys: {} },
  backtest: initialBacktestSlice,
  connection: { transport: null, status: 'connecting', synced: false, lastSeq: null, attempts: 0 },
};
