import type { Candle, FeedHealth, OrderBook, Ticker } from '../../shared/market.ts';
import type { RiskEvent, RiskStatus } from '../../shared/risk.ts';
import type { Settings } from '../../shared/settings.ts';
import type { LogEntry, StateDelta } from '../../shared/state.ts';
import type { Signal, StrategyView } from '../../shared/strategy.ts';
import type { AccountSummary, ClosedTrade, ExecutionStats, Fill, Order, Position } from '../../shared/trading.ts';

/** What the engine reads when a delta is due; only dirty parts are read. */
export interface PublishedState {
  account(): AccountSummary;
  positions(): Position[];
  risk(): RiskStatus;
  strategies(): StrategyView[];
  feed(): FeedHealth;
  execution(): ExecutionStats;
  settings(): Settings;
  formingCandle(): Candle | undefined;
}

/**
 * Collects changes between flushes and turns them into one StateDelta, so the UI gets at most one
 * message per flush interval however fast the market ticks. Marking is O(1) per event.
 */
export class StatePublisher {
  /**
   * Off while nobody listens (backtests, benchmarks): marking then costs one branch and nothing piles
   * up between flushes that never come. A listener gets a snapshot first, so nothing is missed.
   */
  collecting = false;
  private seq = 0;
  private readonly tickers = new Map<string, Ticker>();
  private book: OrderBook | undefined;
  private closedCandles: Candle[] = [];
  private candleDirty = false;
  private readonly orders = new Map<string, Order>();
  private fills: Fill[] = [];
  private closedTrades: ClosedTrade[] = [];
  private signals: Signal[] = [];
  private log: LogEntry[] = [];
  private riskEvents: RiskEvent[] = [];
  private closedPositions: Position[] = [];
  private accountDirty = false;
  private riskDirty = false;
  private strategiesDirty = false;
  private feedDirty = false;
  private executionDirty = false;
  private settingsDirty = false;

  ticker(ticker: Ticker): void {
    if (!this.collecting) return;
    this.tickers.set(ticker.symbol, ticker);
    this.accountDirty = true;
  }
  focusBook(book: OrderBook): void {
    if (!this.collecting) return;
    this.book = book;
  }
  /** Copied here: the aggregator reuses a candle object once it leaves its history. */
  focusCandleClosed(candle: Candle): void {
    if (!this.collecting) return;
    this.closedCandles.push({ ...candle });
  }
  focusCandleChanged(): void {
    if (!this.collecting) return;
    this.candleDirty = true;
  }
  order(order: Order): void {
    if (!this.collecting) return;
    this.orders.set(order.clientOrderId, order);
  }
  fill(fill: Fill): void {
    if (!this.collecting) return;
    this.fills.push(fill);
    this.accountDirty = true;
    this.executionDirty = true;
  }
  closedTrade(trade: ClosedTrade): void {
    if (!this.collecting) return;
    this.closedTrades.push(trade);
  }
  positionClosed(position: Position): void {
    if (!this.collecting) return;
    this.closedPositions.push(position);
  }
  signal(signal: Signal): void {
    if (!this.collecting) return;
    this.signals.push(signal);
    this.strategiesDirty = true;
  }
  entry(entry: LogEntry): void {
    if (!this.collecting) return;
    this.log.push(entry);
  }
  riskEvent(event: RiskEvent): void {
    if (!this.collecting) return;
    this.riskEvents.push(event);
    this.riskDirty = true;
  }
  accountChanged(): void {
    if (!this.collecting) return;
    this.accountDirty = true;
  }
  riskChanged(): void {
    if (!this.collecting) return;
    this.riskDirty = true;
  }
  strategiesChanged(): void {
    if (!this.collecting) return;
    this.strategiesDirty = true;
  }
  feedChanged(): void {
    if (!this.collecting) return;
    this.feedDirty = true;
  }
  executionChanged(): void {
    if (!this.collecting) return;
    this.executionDirty = true;
  }
  settingsChanged(): void {
    if (!this.collecting) return;
    this.settingsDirty = true;
  }

  /** Builds the delta of everything marked since the last flush, or null when nothing changed. */
  flush(now: number, state: PublishedState): StateDelta | null {
    const delta: StateDelta = { seq: 0, ts: now };
    let changed = false;
    if (this.tickers.size > 0) {
      delta.tickers = [...this.tickers.values()];
      this.tickers.clear();
      changed = true;
    }
    if (this.book) {
      delta.book = this.book;
      this.book = undefined;
      changed = true;
    }
    if (this.closedCandles.length > 0 || this.candleDirty) {
      const forming = state.formingCandle();
      delta.candles = forming ? [...this.closedCandles, { ...forming }] : this.closedCandles;
      this.closedCandles = [];
      this.candleDirty = false;
      changed = true;
    }
    if (this.orders.size > 0) {
      delta.orders = [...this.orders.values()].map((o) => ({ ...o }));
      this.orders.clear();
      changed = true;
    }
    if (this.fills.length > 0) {
      delta.fills = this.fills;
      this.fills = [];
      changed = true;
    }
    if (this.closedTrades.length > 0) {
      delta.closedTrades = this.closedTrades;
      this.closedTrades = [];
      changed = true;
    }
    if (this.signals.length > 0) {
      delta.signals = this.signals;
      this.signals = [];
      changed = true;
    }
    if (this.log.length > 0) {
      delta.log = this.log;
      this.log = [];
      changed = true;
    }
    if (this.riskEvents.length > 0) {
      delta.riskEvents = this.riskEvents;
      this.riskEvents = [];
      changed = true;
    }
    if (this.accountDirty) {
      delta.account = state.account();
      delta.positions = [...this.closedPositions, ...state.positions()];
      this.closedPositions = [];
      this.riskDirty = true; // usage figures move with equity
      this.accountDirty = false;
      changed = true;
    }
    if (this.riskDirty) {
      delta.risk = state.risk();
      this.riskDirty = false;
      changed = true;
    }
    if (this.strategiesDirty) {
      delta.strategies = state.strategies();
      this.strategiesDirty = false;
      changed = true;
    }
    if (this.feedDirty) {
      delta.feed = state.feed();
      this.feedDirty = false;
      changed = true;
    }
    if (this.executionDirty) {
      delta.execution = state.execution();
      this.executionDirty = false;
      changed = true;
    }
    if (this.settingsDirty) {
      delta.settings = state.settings();
      this.settingsDirty = false;
      changed = true;
    }
    if (!changed) return null;
    delta.seq = ++this.seq;
    return delta;
  }
}
