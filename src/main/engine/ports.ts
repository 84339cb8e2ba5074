// The engine's only view of the outside world. Adapters (sim, paper, ccxt, sqlite) implement these;
// the engine imports no venue, database or Electron code.
import type { Candle, FeedHealth, MarketEvent, SymbolInfo, Timeframe } from '../../shared/market.ts';
import type { RiskEvent } from '../../shared/risk.ts';
import type { Signal } from '../../shared/strategy.ts';
import type { Fill, Order, TradingMode } from '../../shared/trading.ts';

export interface Clock {
  now(): number;
}

export interface MarketFeed {
  readonly source: string;
  symbols(): SymbolInfo[];
  /** One listener, called synchronously for every event in time order. */
  setListener(listener: (event: MarketEvent) => void): void;
  start(): void;
  stop(): void;
  /** Candles before now for the chart, oldest first. */
  history(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]>;
  health(): FeedHealth;
  /** Simulated feeds only: market speed, 1x..100x. */
  setSpeed?(speed: number): void;
  /**
   * Feeds that can tell a broken stream (a dropped socket, a book out of sequence) call this at once,
   * rather than waiting for silence to show it; trading on the symbol resumes with its next event.
   */
  setStaleListener?(listener: (symbol: string, reason: string) => void): void;
}

export type ExecutionEvent =
  | { type: 'accepted'; clientOrderId: string; orderId: string; ts: number }
  | { type: 'fill'; fill: Fill }
  | { type: 'cancelled'; clientOrderId: string; ts: number; reason?: string }
  | { type: 'rejected'; clientOrderId: string; ts: number; reason: string }
  /** The venue's answer was lost (timeout, 5xx): the order may or may not exist until looked up. */
  | { type: 'unknown'; clientOrderId: string; ts: number; reason: string }
  /**
   * A problem with the venue itself, not one order: bad keys, an order the exchange does not know
   * after a restart. With halt, trading stops until the trader resolves it.
   */
  | { type: 'venue-problem'; ts: number; code: VenueProblemCode; message: string; halt: boolean };

export type VenueProblemCode = 'AUTHENTICATION' | 'ORPHAN_ORDER' | 'RATE_LIMIT' | 'CONNECTION' | 'RECONCILED';

export interface Broker {
  readonly mode: TradingMode;
  /** One listener for acks, fills, cancels and rejects. Paper brokers call it synchronously. */
  setListener(listener: (event: ExecutionEvent) => void): void;
  /** The order is already journaled as 'pending'. */
  submit(order: Order): void;
  cancel(clientOrderId: string): void;
  /** Market data, in time order, for brokers that match locally (paper, shadow). */
  onMarket(event: MarketEvent): void;
  /** Orders still working at the venue after a restart (paper: re-rest them; live: reconcile). */
  restore(openOrders: Order[]): void;
}

/** Durable state kept beside the journal: settings that change how the account is valued. */
export interface AccountState {
  startingCapital: number;
  peakEquity: number;
  dayStartEquity: number;
  day: string; // UTC date 'YYYY-MM-DD' that dayStartEquity belongs to
  halted: { code: 'MANUAL_HALT' | 'DAILY_LOSS_LIMIT' | 'MAX_DRAWDOWN' | 'KILL_SWITCH'; reason: string; state: 'HALTED' | 'REDUCING' } | null;
  /** Bumped by account.reset: fills from earlier epochs no longer count. */
  epoch: number;
}

export interface JournalContents {
  account: AccountState | null;
  /** Every fill of the current epoch, oldest first: positions and cash are rebuilt from these. */
  fills: Fill[];
  openOrders: Order[]; // pending, open, partially_filled, unknown
  recentOrders: Order[]; // newest first, bounded
  recentSignals: Signal[];
  recentRiskEvents: RiskEvent[];
  strategies: unknown[]; // saved strategy configs, validated by the engine on load
}

/** Synchronous on purpose: an order is written before it leaves the process. */
export interface Journal {
  upsertOrder(order: Order): void;
  /** False when (orderId, tradeId) was already recorded: duplicates change nothing. */
  recordFill(fill: Fill): boolean;
  recordSignal(signal: Signal): void;
  recordRiskEvent(event: RiskEvent): void;
  saveAccount(state: AccountState): void;
  saveStrategies(configs: unknown[]): void;
  load(recentLimit: number): JournalContents;
  close(): void;
}
