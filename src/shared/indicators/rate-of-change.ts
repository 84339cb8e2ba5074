import { RingBuffer } from './ring-buffer.ts';

/** Rate of change: close / close `lookback` values ago − 1 (0.01 = up 1%). */
export class RateOfChange {
  readonly lookback: number;
  /** The current close and the `lookback` before it. */
  readonly #closes: RingBuffer;
  #value = Number.NaN;

  constructor(lookback: number) {
    if (!Number.isInteger(lookback) || lookback < 1) {
      throw new RangeError(`RateOfChange lookback must be a positive integer, got ${lookback}`);
    }
    this.lookback = lookback;
    this.#closes = new RingBuffer(lookback + 1);
  }

  /** Adds a close; true once lookback + 1 closes are in and the value is defined. */
  update(close: number): boolean {
    this.#closes.push(close);
    if (!this.#closes.full) return false;
    this.#value = this.#closes.newest / this.#closes.oldest - 1;
    return true;
  }

  get ready(): boolean {
    return this.#closes.full;
  }

  /** NaN until ready. */
  get value(): number {
    return this.#value;
  }
}
