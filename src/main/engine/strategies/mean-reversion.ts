import { Bollinger } from '../../../shared/indicators/bollinger.ts';
import type { SignalDirection, StrategyConfig } from '../../../shared/strategy.ts';
import { CandleStrategy } from './candle-strategy.ts';

export type MeanReversionConfig = Extract<StrategyConfig, { kind: 'mean-reversion' }>;

/**
 * Fades the bands: long on a close below the lower band, short on a close above the upper band,
 * and back to flat once the close returns to the middle. A close beyond the opposite band
 * reverses the view directly.
 */
export class MeanReversionStrategy extends CandleStrategy<MeanReversionConfig> {
  readonly #bands: Bollinger;

  constructor(config: MeanReversionConfig) {
    super(config);
    this.#bands = new Bollinger(config.params.period, config.params.stdMultiplier);
  }

  indicators(): Record<string, number> {
    return this.#bands.ready ? this.meta() : {};
  }

  protected nextView(close: number, view: SignalDirection): SignalDirection {
    if (!this.#bands.update(close)) return view;
    const bands = this.#bands;
    if (close < bands.lower) return 'long';
    if (close > bands.upper) return 'short';
    if ((view === 'long' && close >= bands.middle) || (view === 'short' && close <= bands.middle)) return 'flat';
    return view;
  }

  /**
   * Entries: how far the close is beyond the band, in standard deviations, capped at 1 (the close is
   * strictly beyond the band, so this is above 0). Exits are always full strength: the view is gone.
   */
  protected strength(close: number, direction: SignalDirection): number {
    if (direction === 'flat') return 1;
    const beyondBand = direction === 'long' ? this.#bands.lower - close : close - this.#bands.upper;
    return Math.min(1, beyondBand / this.#bands.std);
  }

  protected meta(): Record<string, number> {
    const bands = this.#bands;
    return { middle: bands.middle, upper: bands.upper, lower: bands.lower, std: bands.std };
  }
}
