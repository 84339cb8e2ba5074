// The engine's only view of the outside world. Adapters (sim, paper, ccxt, sqlite) implement these;
// the engine imports no venue, database or Electron code.
import type { Candle, FeedHealth, MarketEvent, SymbolInfo, Timeframe } from '../../shared/market.ts';
import type { RiskEvent } from '../../shared/risk.ts';
import type { Signal } from '../../shared/strategy.ts';
import type { Fill, Order, OrderType, TradingMode } from '../../shared/trading.ts';

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
   * Simulated feeds only: continue the market from where the journal left off, at or after `from.ts` and
   * at its prices, rather than from the seed's start. Called before start() and history().
   */
  resume?(from: MarketCheckpoint): void;
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
  | { type: 'venue-problem'; ts: number; code: VenueProblemCode; message: string; halt: boolean }
  /**
   * What the account holds at the venue, per asset, read while none of the desk's orders was in flight:
   * the desk's positions and cash are brought to it (holdings no fill explains are imported).
   */
  | { type: 'holdings'; ts: number; totals: Record<string, number> };

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
  /**
   * Venues only: after the computer slept, asks the venue what its working orders and the balance are
   * now, passing on what changed (fills, cancels, holdings) before it resolves.
   */
  reconcile?(): Promise<void>;
  /**
   * Exchanges only: the size and price as the venue itself would send them (ccxt's amountToPrecision,
   * which truncates, and priceToPrecision), so that what is journaled is exactly what is sent, on
   * significant-digit markets too; null when the venue takes no such number at any rounding.
   */
  venuePrecision?(symbol: string, size: number, price: number | undefined): { size: number; price: number | undefined } | null;
  /**
   * Venues that keep stops themselves: the conditional order types (and 'oco' for one-cancels-the-other
   * lists) this symbol's market takes. The desk holds every other exit itself.
   */
  nativeExits?(symbol: string): ReadonlySet<OrderType | 'oco'>;
  /** A stop and a take-profit as one OCO list at the venue (when nativeExits has 'oco'). Both are journaled. */
  submitOco?(stop: Order, target: Order): void;
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
  /** Shadow: the venue's holdings were taken in once, when the account began; its fills are simulated after that. */
  holdingsImported?: boolean;
  /** The market when the account was last saved: a restart marks positions at these prices. */
  market?: MarketCheckpoint;
}

/** Where the market stood: the time and each symbol's mark. */
export interface MarketCheckpoint {
  ts: number;
  marks: Record<string, number>;
}

/**
 * Holdings that came or went without a trade: a deposit or withdrawal, coins the venue holds that no
 * fill explains. `amount` is signed, in `asset` (a symbol's base, or the quote when symbol is null);
 * `price` values base coins in quote.
 */
export interface Adjustment {
  ts: number;
  asset: string;
  symbol: string | null;
  amount: number;
  price: number;
}

/** An adjustment as the journal replays it: after the first `afterFills` fills of the epoch. */
export interface JournaledAdjustment extends Adjustment {
  afterFills: number;
}

export interface JournalContents {
  account: AccountState | null;
  /** Every fill of the current epoch in the order it was journaled: positions and cash are rebuilt from these. */
  fills: Fill[];
  /** The epoch's adjustments, each placed among the fills where it was journaled. */
  adjustments: JournaledAdjustment[];
  openOrders: Order[]; // pending, open, partially_filled, unknown
  recentOrders: Order[]; // newest first, bounded
  recentSignals: Signal[];
  recentRiskEvents: RiskEvent[];
  strategies: unknown[]; // saved strategy configs, validated by the engine on load
  /** The latest time anything was journaled (a fill, an order update, a risk event, a signal); null when empty. */
  latestTime: number | null;
}

/**
 * Synchronous on purpose: an order is written before it leaves the process. A journal may hold what it
 * is given until commit(); the engine commits before anything leaves the process (an order or a cancel
 * to the broker, a delta to the UI, a command's answer) and at the end of every event it handles.
 */
export interface Journal {
  upsertOrder(order: Order): void;
  /** False when (orderId, tradeId) was already recorded: duplicates change nothing. */
  recordFill(fill: Fill): boolean;
  recordAdjustment(adjustment: Adjustment): void;
  recordSignal(signal: Signal): void;
  recordRiskEvent(event: RiskEvent): void;
  saveAccount(state: AccountState): void;
  saveStrategies(configs: unknown[]): void;
  /** Makes everything recorded so far survive the process being killed. */
  commit(): void;
  load(recentLimit: number): JournalContents;
  close(): void;
}
