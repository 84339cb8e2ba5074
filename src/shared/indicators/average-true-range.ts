/**
 * Average true range with Wilder's smoothing: the mean true range of the first `period` candles, then
 * atr = (atr × (period − 1) + trueRange) / period. True range is the widest of high − low and the
 * distances from the previous close to the high and the low (the first candle has no previous close).
 */
export class AverageTrueRange {
  readonly period: number;
  #count = 0;
  #sum = 0;
  #previousClose = Number.NaN;
  #value = Number.NaN;

  constructor(period: number) {
    if (!Number.isInteger(period) || period < 1) throw new RangeError(`AverageTrueRange period must be a positive integer, got ${period}`);
    this.period = period;
  }

  /** Adds a candle; true once `period` candles are in and the value is defined. */
  update(high: number, low: number, close: number): boolean {
    const previous = this.#previousClose;
    const trueRange = Number.isNaN(previous) ? high - low : Math.max(high - low, Math.abs(high - previous), Math.abs(low - previous));
    this.#previousClose = close;
    this.#count++;
    if (this.#count < this.period) {
      this.#sum += trueRange;
      return false;
    }
    this.#value = this.#count === this.period ? (this.#sum + trueRange) / this.period : (this.#value * (this.period - 1) + trueRange) / this.period;
    return true;
  }

  get ready(): boolean {
    return this.#count >= this.period;
  }

  /** NaN until ready. */
  get value(): number {
    return this.#value;
  }
}
