import type { Candle, Timeframe } from '../../shared/market.ts';
import {
  STRATEGY_PARAM_SCHEMAS,
  strategyConfigSchema,
  type Signal,
  type StrategyConfig,
  type StrategyView,
} from '../../shared/strategy.ts';
import { createStrategy } from './strategies/create-strategy.ts';
import type { Strategy } from './strategies/strategy.ts';

/**
 * Holds the strategy instances, routes closed candles to the active ones and hands their signals on.
 * A parameter change or an activation builds a fresh instance warmed up on recent candles, so a
 * strategy never trades on a half-filled indicator and never fires on old data.
 */
export class StrategyHost {
  private readonly strategies = new Map<string, Strategy>();
  /** The config of record (an instance keeps the config it was built with, active or not). */
  private readonly configsById = new Map<string, StrategyConfig>();
  /** By symbol, then timeframe: routing a closed candle builds no key string. */
  private readonly activeByStream = new Map<string, Map<Timeframe, Strategy[]>>();
  private readonly onSignal: (strategy: Strategy, signal: Signal) => void;
  private readonly onError: (id: string, message: string) => void;
  private readonly recentCandles: (symbol: string, timeframe: StrategyConfig['timeframe']) => Candle[];

  constructor(deps: {
    onSignal: (strategy: Strategy, signal: Signal) => void;
    onError: (id: string, message: string) => void;
    recentCandles: (symbol: string, timeframe: StrategyConfig['timeframe']) => Candle[];
  }) {
    this.onSignal = deps.onSignal;
    this.onError = deps.onError;
    this.recentCandles = deps.recentCandles;
  }

  /** Saved configs from the journal; returns sentences for any that no longer validate. */
  load(saved: unknown[]): string[] {
    const problems: string[] = [];
    for (const raw of saved) {
      const parsed = strategyConfigSchema.safeParse(raw);
      if (parsed.success) this.install(parsed.data);
      else problems.push(`A saved strategy was dropped: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return problems;
  }

  has(id: string): boolean {
    return this.strategies.has(id);
  }

  configs(): StrategyConfig[] {
    return [...this.configsById.values()];
  }

  view(id: string): StrategyView {
    const strategy = this.require(id);
    return { config: this.configsById.get(id)!, stats: strategy.stats(), indicators: strategy.indicators() };
  }

  views(): StrategyView[] {
    return [...this.strategies.keys()].map((id) => this.view(id));
  }

  history(): Signal[] {
    return [...this.strategies.values()].flatMap((s) => [...s.history()]).sort((a, b) => b.ts - a.ts);
  }

  create(config: StrategyConfig): void {
    if (this.strategies.has(config.id)) throw new Error(`A strategy named ${config.id} already exists.`);
    this.install(config);
  }

  /** Validates the merged parameters with the kind's schema; throws a sentence naming the field. */
  updateParams(id: string, params: Record<string, number>): void {
    this.require(id);
    const current = this.configsById.get(id)!;
    const schema = STRATEGY_PARAM_SCHEMAS[current.kind];
    const parsed = schema.strict().safeParse({ ...current.params, ...params });
    if (!parsed.success) {
      throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    this.install({ ...this.configsById.get(id)!, params: parsed.data } as StrategyConfig);
  }

  /** Deactivating keeps the instance and its signal history; activating starts a fresh, warmed-up one. */
  setActive(id: string, active: boolean): void {
    this.require(id);
    const config = { ...this.configsById.get(id)!, active };
    if (active) {
      this.install(config);
      return;
    }
    this.unsubscribe(this.strategies.get(id)!);
    this.configsById.set(id, config);
  }

  /** Switches every active strategy off; returns how many were on. */
  stopAll(): number {
    const active = [...this.configsById.values()].filter((config) => config.active);
    for (const config of active) this.setActive(config.id, false);
    return active.length;
  }

  remove(id: string): void {
    this.require(id);
    this.uninstall(id);
  }

  /** Hot path: closed candles go to the active strategies of that symbol and timeframe. */
  onClosedCandle(candle: Candle): void {
    const listeners = this.activeByStream.get(candle.symbol)?.get(candle.timeframe);
    if (!listeners) return;
    for (const strategy of listeners) {
      try {
        const signal = strategy.onCandle(candle);
        if (signal) this.onSignal(strategy, signal);
      } catch (error) {
        // One failing strategy must not stop the market path for the others: switch it off and say why.
        this.setActive(strategy.config.id, false);
        this.onError(strategy.config.id, error instanceof Error ? error.message : String(error));
      }
    }
  }

  private install(config: StrategyConfig): void {
    const existing = this.strategies.get(config.id);
    if (existing) this.unsubscribe(existing);
    const strategy = createStrategy(config);
    // Set over an existing id, so a strategy switched on or edited keeps its place in the list.
    this.strategies.set(config.id, strategy);
    this.configsById.set(config.id, config);
    if (!config.active) return;
    strategy.warmUp(this.recentCandles(config.symbol, config.timeframe).filter((c) => c.closed));
    const byTimeframe = this.activeByStream.get(config.symbol) ?? new Map<Timeframe, Strategy[]>();
    byTimeframe.set(config.timeframe, [...(byTimeframe.get(config.timeframe) ?? []), strategy]);
    this.activeByStream.set(config.symbol, byTimeframe);
  }

  private uninstall(id: string): void {
    const existing = this.strategies.get(id);
    if (!existing) return;
    this.strategies.delete(id);
    this.configsById.delete(id);
    this.unsubscribe(existing);
  }

  private unsubscribe(existing: Strategy): void {
    const { symbol, timeframe } = existing.config;
    const byTimeframe = this.activeByStream.get(symbol);
    const list = byTimeframe?.get(timeframe)?.filter((s) => s !== existing) ?? [];
    if (list.length > 0) byTimeframe!.set(timeframe, list);
    else byTimeframe?.delete(timeframe);
  }

  private require(id: string): Strategy {
    const strategy = this.strategies.get(id);
    if (!strategy) throw new NotFoundError(`No strategy named ${id}.`);
    return strategy;
  }
}

export class NotFoundError extends Error {}
