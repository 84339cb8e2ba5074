import { AverageTrueRange } from '../../../shared/indicators/average-true-range.ts';
import { TIMEFRAME_MS, type Candle } from '../../../shared/market.ts';
import type { Signal, SignalDirection, StrategyConfig, StrategyStats } from '../../../shared/strategy.ts';
import { SignalLog } from './signal-log.ts';
import type { Strategy } from './strategy.ts';

/**
 * What every closed-candle strategy shares. It holds a view (flat at first), takes only closed
 * candles of its own symbol and timeframe that are newer than the last one it took, and emits a
 * signal only when the view changes. Subclasses own the indicators and decide the view.
 */
export abstract class CandleStrategy<Config extends StrategyConfig> implements Strategy {
  readonly config: Config;
  readonly #log = new SignalLog();
  readonly #timeframeMs: number;
  #view: SignalDirection = 'flat';
  #lastOpenTime = Number.NEGATIVE_INFINITY;
  /** Only for exits measured in ATR. */
  readonly #atr: AverageTrueRange | null;

  constructor(config: Config) {
    this.config = config;
    this.#timeframeMs = TIMEFRAME_MS[config.timeframe];
    const atrPeriod = config.params.atrPeriod ?? 0;
    this.#atr = atrPeriod > 0 ? new AverageTrueRange(atrPeriod) : null;
  }

  exitAtr(): number {
    return this.#atr?.value ?? Number.NaN;
  }

  onCandle(candle: Candle): Signal | null {
    const signal = this.#step(candle);
    if (signal) this.#log.record(signal);
    return signal;
  }

  /** As onCandle, without keeping the signal in the strategy's history (a backtest reads none). */
  signalFor(candle: Candle): Signal | null {
    return this.#step(candle);
  }

  warmUp(closedCandles: readonly Candle[]): void {
    for (const candle of closedCandles) this.#step(candle);
  }

  history(): readonly Signal[] {
    return this.#log.history();
  }

  stats(): StrategyStats {
    return this.#log.stats();
  }

  abstract indicators(): Record<string, number>;

  /** Feeds one close to the indicators and returns the view they call for (`view` to keep it). */
  protected abstract nextView(close: number, view: SignalDirection): SignalDirection;

  /** Strength 0..1 of the change to `direction` just decided by nextView. */
  protected abstract strength(close: number, direction: SignalDirection): number;

  /** The indicator values and settings behind the change just decided by nextView. */
  protected abstract meta(): Record<string, number>;

  #step(candle: Candle): Signal | null {
    if (!this.#accepts(candle)) return null;
    this.#lastOpenTime = candle.openTime;
    this.#atr?.update(candle.high, candle.low, candle.close);
    const direction = this.nextView(candle.close, this.#view);
    if (direction === this.#view) return null;
    this.#view = direction;
    return {
      strategyId: this.config.id,
      symbol: this.config.symbol,
      direction,
      strength: this.strength(candle.close, direction),
      price: candle.close,
      ts: candle.openTime + this.#timeframeMs,
      meta: this.meta(),
    };
  }

  /** A candle seen twice (a warm-up overlapping the live feed, a reconnect) must not count twice. */
  #accepts(candle: Candle): boolean {
    return (
      candle.closed &&
      candle.symbol === this.config.symbol &&
      candle.timeframe === this.config.timeframe &&
      candle.openTime > this.#lastOpenTime
    );
  }
}
