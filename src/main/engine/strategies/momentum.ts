import { RateOfChange } from '../../../shared/indicators/rate-of-change.ts';
import type { SignalDirection, StrategyConfig } from '../../../shared/strategy.ts';
import { atOrAbove } from '../tolerance.ts';
import { CandleStrategy } from './candle-strategy.ts';

export type MomentumConfig = Extract<StrategyConfig, { kind: 'momentum' }>;

/**
 * Follows the move: long once the rate of change over `lookback` candles reaches +threshold,
 * short once it reaches −threshold, and holds that view in between (never flat once it has one).
 */
export class MomentumStrategy extends CandleStrategy<MomentumConfig> {
  readonly #roc: RateOfChange;

  constructor(config: MomentumConfig) {
    super(config);
    this.#roc = new RateOfChange(config.params.lookback);
  }

  indicators(): Record<string, number> {
    return this.#roc.ready ? { roc: this.#roc.value } : {};
  }

  protected nextView(close: number, view: SignalDirection): SignalDirection {
    if (!this.#roc.update(close)) return view;
    const { threshold } = this.config.params;
    // 30,030 / 30,000 − 1 computes as 0.00099999999999988: an exact tie must count as at the threshold.
    if (atOrAbove(this.#roc.value, threshold)) return 'long';
    if (atOrAbove(-this.#roc.value, threshold)) return 'short';
    return view;
  }

  /** Full strength at twice the threshold. */
  protected strength(): number {
    return Math.min(1, Math.abs(this.#roc.value) / (2 * this.config.params.threshold));
  }

  protected meta(): Record<string, number> {
    const { threshold, lookback } = this.config.params;
    return { roc: this.#roc.value, threshold, lookback };
  }
}
