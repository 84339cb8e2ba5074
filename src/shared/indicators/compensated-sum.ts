/**
 * Running sum with Neumaier compensation. In a rolling window every value is added once and
 * subtracted once; with a plain sum the rounding of values long gone stays behind, and in a sum of
 * squares that residue shows up as band width in a flat market. Compensated, the residue is of the
 * order of eps² of the terms seen, not eps.
 */
export class CompensatedSum {
  #sum = 0;
  /** The low-order bits the plain sum has rounded away so far. */
  #compensation = 0;

  add(value: number): void {
    const total = this.#sum + value;
    this.#compensation +=
      Math.abs(this.#sum) >= Math.abs(value) ? this.#sum - total + value : value - total + this.#sum;
    this.#sum = total;
  }

  get value(): number {
    return this.#sum + this.#compensation;
  }

  reset(): void {
    this.#sum = 0;
    this.#compensation = 0;
  }
}
