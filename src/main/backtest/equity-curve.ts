// The account's value at the close of every bar, with the drawdown from the peak so far. Kept as
// columns of numbers: a long run has a point per bar (half a million for a year of minutes), and
// that many small objects would cost the run more to allocate and collect than to compute.
import type { EquityPoint } from '../../shared/backtest.ts';

const INITIAL_CAPACITY = 1_024;

export class EquityCurve {
  #ts = new Float64Array(INITIAL_CAPACITY);
  #equity = new Float64Array(INITIAL_CAPACITY);
  #drawdown = new Float64Array(INITIAL_CAPACITY);
  #length = 0;
  #peak: number;

  constructor(startingCapital: number) {
    this.#peak = startingCapital;
  }

  get length(): number {
    return this.#length;
  }

  record(ts: number, equity: number): void {
    if (this.#length === this.#ts.length) this.#grow();
    if (equity > this.#peak) this.#peak = equity;
    const i = this.#length++;
    this.#ts[i] = ts;
    this.#equity[i] = equity;
    this.#drawdown[i] = this.#peak > 0 ? (this.#peak - equity) / this.#peak : 0;
  }

  tsAt(i: number): number {
    return this.#ts[i];
  }

  equityAt(i: number): number {
    return this.#equity[i];
  }

  point(i: number): EquityPoint {
    return { ts: this.#ts[i], equity: this.#equity[i], drawdown: this.#drawdown[i] };
  }

  #grow(): void {
    const grown = (column: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const bigger = new Float64Array(column.length * 2);
      bigger.set(column);
      return bigger;
    };
    this.#ts = grown(this.#ts);
    this.#equity = grown(this.#equity);
    this.#drawdown = grown(this.#drawdown);
  }
}
