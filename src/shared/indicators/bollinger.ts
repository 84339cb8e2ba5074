import { CompensatedSum } from './compensated-sum.ts';
import { RingBuffer } from './ring-buffer.ts';

/**
 * Bollinger bands over the last `period` values: middle = mean, upper/lower = mean ± stdMultiplier·std.
 * The standard deviation is the population one (divided by period), as most charting tools draw it.
 *
 * Each update is O(1) from a rolling sum and sum of squares. Both hold deviations from a reference
 * value rather than raw values: at a price of 60 000 moving by cents, raw sums of squares would
 * cancel away every significant digit of the variance. The reference is moved to the newest value
 * once every `period` updates (an O(period) recompute, so O(1) amortized), which keeps it inside the
 * window and also clears whatever rounding the rolling sums have gathered.
 */
export class Bollinger {
  readonly period: number;
  readonly stdMultiplier: number;
  readonly #window: RingBuffer;
  readonly #deviationSum = new CompensatedSum();
  readonly #squaredDeviationSum = new CompensatedSum();
  #reference = 0;
  #updatesUntilRebase = 1;
  #middle = Number.NaN;
  #std = Number.NaN;

  constructor(period: number, stdMultiplier: number) {
    if (!Number.isInteger(period) || period < 1) {
      throw new RangeError(`Bollinger period must be a positive integer, got ${period}`);
    }
    if (!Number.isFinite(stdMultiplier) || stdMultiplier < 0) {
      throw new RangeError(`Bollinger stdMultiplier must be a finite number >= 0, got ${stdMultiplier}`);
    }
    this.period = period;
    this.stdMultiplier = stdMultiplier;
    this.#window = new RingBuffer(period);
  }

  /** Adds a value; true once `period` values are in and the bands are defined. */
  update(value: number): boolean {
    const evicting = this.#window.full;
    const evicted = evicting ? this.#window.oldest : 0;
    this.#window.push(value);

    this.#updatesUntilRebase -= 1;
    if (this.#updatesUntilRebase === 0) {
      this.#rebase(value);
    } else {
      this.#addDeviation(value - this.#reference, 1);
      if (evicting) this.#addDeviation(evicted - this.#reference, -1);
    }

    if (!this.#window.full) return false;
    const meanDeviation = this.#deviationSum.value / this.period;
    const variance = this.#squaredDeviationSum.value / this.period - meanDeviation * meanDeviation;
    this.#middle = this.#reference + meanDeviation;
    // Rounding can leave a flat window with a variance a hair below zero.
    this.#std = Math.sqrt(Math.max(0, variance));
    return true;
  }

  get ready(): boolean {
    return this.#window.full;
  }

  /** NaN until ready, like the other bands. */
  get middle(): number {
    return this.#middle;
  }

  get upper(): number {
    return this.#middle + this.stdMultiplier * this.#std;
  }

  get lower(): number {
    return this.#middle - this.stdMultiplier * this.#std;
  }

  get std(): number {
    return this.#std;
  }

  #addDeviation(deviation: number, sign: 1 | -1): void {
    this.#deviationSum.add(sign * deviation);
    this.#squaredDeviationSum.add(sign * deviation * deviation);
  }

  #rebase(reference: number): void {
    this.#reference = reference;
    this.#deviationSum.reset();
    this.#squaredDeviationSum.reset();
    for (let i = 0; i < this.#window.length; i += 1) {
      this.#addDeviation(this.#window.at(i) - reference, 1);
    }
    this.#updatesUntilRebase = this.period;
  }
}
