// A real engine for the bench: ReplayFeed (caller-driven, no timers), the paper broker and a journal
// (a file is the live configuration: the append log with SQLite as its projection; ':memory:' is SQLite
// alone), risk limits loose enough that almost every intent passes. Two shapes:
//   openFixture:       the simulated market's three symbols, the stress set (strategies on 1s candles
//                      with small lookbacks, orders frequent) or the desk's defaults (UI and latency);
//   openCandleFixture: BTC/USDT alone with one strategy at the desk's defaults on 1m candles (per candle).
import { FileJournal } from '../src/main/adapters/journal/file-journal.ts';
import { SqliteJournal } from '../src/main/adapters/journal/sqlite-journal.ts';
import { PaperBroker } from '../src/main/adapters/paper/paper-broker.ts';
import { ReplayFeed } from '../src/main/adapters/replay/replay-feed.ts';
import { SIM_STEP_MS, SimulatedMarket } from '../src/main/adapters/sim/simulated-market.ts';
import { DEFAULT_STRATEGIES } from '../src/main/engine/default-strategies.ts';
import { Engine } from '../src/main/engine/engine.ts';
import type { Broker, Journal } from '../src/main/engine/ports.ts';
import type { MarketEvent, SymbolInfo } from '../src/shared/market.ts';
import { DEFAULT_SETTINGS, type Settings } from '../src/shared/settings.ts';
import type { StrategyConfig } from '../src/shared/strategy.ts';

export const START = Date.UTC(2026, 0, 5, 0, 0, 0);

export const BENCH_SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  startingCapital: 1_000_000_000,
  riskLimits: {
    maxPositionValue: 1e12,
    maxGrossExposure: 10,
    riskPerTrade: 1,
    defaultStopPct: 0.02,
    noDuplicatePosition: false,
    dailyLossLimit: 0.5,
    maxDrawdown: 0.5,
    staleFeedMs: 60_000,
  },
};

type NewStrategy = Omit<StrategyConfig, 'id' | 'active'>;

/** Order sizes a small fraction of the touch, so market orders fill instead of running out of book. */
const ORDER_SIZE: Record<string, number> = { 'BTC/USDT': 0.01, 'ETH/USDT': 0.1, 'SOL/USDT': 1 };

function strategiesFor(symbol: string): NewStrategy[] {
  const orderSize = ORDER_SIZE[symbol] ?? 1;
  return [
    { kind: 'momentum', symbol, timeframe: '1s', params: { lookback: 2, threshold: 0.00001, orderSize } },
    { kind: 'momentum', symbol, timeframe: '1s', params: { lookback: 3, threshold: 0.00002, orderSize } },
    { kind: 'mean-reversion', symbol, timeframe: '1s', params: { period: 3, stdMultiplier: 0.5, orderSize } },
    { kind: 'mean-reversion', symbol, timeframe: '1s', params: { period: 5, stdMultiplier: 0.8, orderSize } },
  ];
}

/** The simulated market's event stream, cut into chunks generated ahead of (and apart from) any timing. */
export class EventSource {
  private readonly sim: SimulatedMarket;
  private readonly into: MarketEvent[] = [];
  private readonly emit = (event: MarketEvent): void => void this.into.push(event);

  constructor(seed: number) {
    this.sim = new SimulatedMarket({ seed, startTime: START });
  }

  /** Whole simulation steps until at least `count` events; the array is reused by the next call. */
  next(count: number): readonly MarketEvent[] {
    this.into.length = 0;
    while (this.into.length < count) this.sim.advance(this.sim.now() + SIM_STEP_MS, this.emit);
    return this.into;
  }

  /** Drops the last chunk, so a memory reading shows the engines, not the bench's events. */
  clear(): void {
    this.into.length = 0;
  }
}

export interface Fixture {
  engine: Engine;
  feed: ReplayFeed;
  journal: Journal;
  strategies: number;
  /** What the app's housekeeping timer runs each second (src/main/runtime.ts), the journal's projection included. */
  housekeeping(): void;
}

/** A file is the live configuration (the append log with SQLite as its projection); ':memory:' is SQLite alone. */
function openJournal(path: string): SqliteJournal | FileJournal {
  return path === ':memory:' ? new SqliteJournal(':memory:') : new FileJournal(path);
}

function housekeeper(engine: Engine, journal: SqliteJournal | FileJournal): () => void {
  return () => {
    engine.housekeeping();
    engine.checkpoint();
    if (journal instanceof FileJournal) journal.project();
  };
}

/**
 * 'stress': four strategies per symbol (2 momentum + 2 mean-reversion) on 1s candles with tiny
 * lookbacks and thresholds, an order every ~20 events. 'default': the desk's two default strategies
 * (momentum BTC, mean-reversion ETH, 1m candles) switched on, as a trader would.
 */
export type StrategySet = 'stress' | 'default';

export interface FixtureOptions {
  strategies: StrategySet;
  journalPath: string;
  /** Wrap the real broker / journal (instrumentation); identity when omitted. */
  wrapBroker?: (broker: PaperBroker) => Broker;
  wrapJournal?: (journal: Journal) => Journal;
}

export async function openFixture(options: FixtureOptions): Promise<Fixture> {
  const symbols = new SimulatedMarket({ seed: 0, startTime: START }).symbols();
  const feed = new ReplayFeed({ symbols, source: 'simulated', startTime: START });
  const journal = openJournal(options.journalPath);
  const paper = new PaperBroker({ symbols, clock: feed.clock });
  const engine = new Engine({
    feed,
    broker: options.wrapBroker ? options.wrapBroker(paper) : paper,
    journal: options.wrapJournal ? options.wrapJournal(journal) : journal,
    clock: feed.clock,
    settings: BENCH_SETTINGS,
  });
  await engine.start();
  let strategies = 0;
  if (options.strategies === 'default') {
    for (const { id } of DEFAULT_STRATEGIES) {
      engine.setStrategyActive(id, true);
      strategies++;
    }
  } else {
    for (const { symbol } of symbols) {
      for (const config of strategiesFor(symbol)) {
        engine.setStrategyActive(engine.createStrategy(config), true);
        strategies++;
      }
    }
  }
  return { engine, feed, journal, strategies, housekeeping: housekeeper(engine, journal) };
}

export type CandleStrategy = 'momentum' | 'mean-reversion';
/** The desk's default strategies' parameters, on BTC/USDT 1m; the order size of BTC's default (0.05) for both. */
export const CANDLE_ORDER_SIZE = 0.05;

export interface CandleFixtureOptions {
  strategy: CandleStrategy;
  journalPath: string;
  /** Overrides of the desk's default parameters (the allocation pass uses one that never signals). */
  params?: Record<string, number>;
  wrapBroker?: (broker: PaperBroker) => Broker;
  wrapJournal?: (journal: Journal) => Journal;
}

/**
 * The per-candle engine: one symbol (BTC/USDT, the simulated market's info), one strategy active with the
 * desk's default parameters on 1m candles, BENCH_SETTINGS' loose risk limits so its orders go out.
 */
export async function openCandleFixture(options: CandleFixtureOptions, info: SymbolInfo): Promise<Fixture> {
  const symbols = [info];
  const feed = new ReplayFeed({ symbols, source: 'simulated', startTime: START });
  const journal = openJournal(options.journalPath);
  const paper = new PaperBroker({ symbols, clock: feed.clock });
  const engine = new Engine({
    feed,
    broker: options.wrapBroker ? options.wrapBroker(paper) : paper,
    journal: options.wrapJournal ? options.wrapJournal(journal) : journal,
    clock: feed.clock,
    settings: BENCH_SETTINGS,
  });
  await engine.start();
  // A fresh journal loads the desk's defaults (inactive, one on ETH): replaced by the one strategy under test.
  for (const view of engine.snapshot().strategies) engine.removeStrategy(view.config.id);
  const defaults = DEFAULT_STRATEGIES.find((s) => s.kind === options.strategy)!;
  const params = { ...defaults.params, orderSize: CANDLE_ORDER_SIZE, ...options.params };
  engine.setStrategyActive(engine.createStrategy({ kind: options.strategy, symbol: info.symbol, timeframe: '1m', params }), true);
  return { engine, feed, journal, strategies: 1, housekeeping: housekeeper(engine, journal) };
}

/** A broker that forwards everything to `inner` and calls `onSubmit` first, the moment the engine sends. */
export function tapBroker(inner: Broker, onSubmit: () => void): Broker {
  return {
    get mode() {
      return inner.mode;
    },
    setListener: (listener) => inner.setListener(listener),
    submit(order) {
      onSubmit();
      inner.submit(order);
    },
    cancel: (clientOrderId) => inner.cancel(clientOrderId),
    onMarket: (event) => inner.onMarket(event),
    restore: (openOrders) => inner.restore(openOrders),
  };
}

/**
 * A journal that forwards everything to `inner`. `onNewOrder` runs when a new order ('pending',
 * nothing filled) is about to be written: in the engine that is the first step after risk allowed
 * the intent. `onDenied` counts intents risk turned down; `onSignal` runs for every signal a strategy emits.
 */
export function tapJournal(inner: Journal, taps: { onNewOrder?: () => void; onDenied?: () => void; onSignal?: () => void }): Journal {
  return {
    upsertOrder(order) {
      if (order.status === 'pending' && order.id === '' && order.filled === 0) taps.onNewOrder?.();
      inner.upsertOrder(order);
    },
    recordFill: (fill) => inner.recordFill(fill),
    recordAdjustment: (adjustment) => inner.recordAdjustment(adjustment),
    recordSignal(signal) {
      taps.onSignal?.();
      inner.recordSignal(signal);
    },
    recordRiskEvent(event) {
      if (event.kind === 'denied') taps.onDenied?.();
      inner.recordRiskEvent(event);
    },
    saveAccount: (state) => inner.saveAccount(state),
    saveStrategies: (configs) => inner.saveStrategies(configs),
    commit: () => inner.commit(),
    load: (limit) => inner.load(limit),
    close: () => inner.close(),
  };
}
