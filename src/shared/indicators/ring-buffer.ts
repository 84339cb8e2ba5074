/**
 * Fixed-capacity ring of numbers on a Float64Array: pushing onto a full ring overwrites the oldest
 * value, so a rolling window costs no allocation after construction.
 */
export class RingBuffer {
  readonly capacity: number;
  readonly #values: Float64Array;
  /** Slot of the oldest value. */
  #start = 0;
  #length = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`RingBuffer capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.#values = new Float64Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  get full(): boolean {
    return this.#length === this.capacity;
  }

  push(value: number): void {
    if (this.full) {
      this.#values[this.#start] = value;
      this.#start = this.#start + 1 === this.capacity ? 0 : this.#start + 1;
      return;
    }
    this.#values[this.#slot(this.#length)] = value;
    this.#length += 1;
  }

  /** The value `index` places after the oldest (0 is the oldest, length - 1 the newest). */
  at(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.#length) {
      throw new RangeError(`RingBuffer index ${index} is outside 0..${this.#length - 1}`);
    }
    return this.#values[this.#slot(index)];
  }

  get oldest(): number {
    return this.at(0);
  }

  get newest(): number {
    return this.at(this.#length - 1);
  }

  #slot(index: number): number {
    const slot = this.#start + index;
    return slot >= this.capacity ? slot - this.capacity : slot;
  }
}
