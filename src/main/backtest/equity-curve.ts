// The account's value at the close of every bar, with the drawdown from the peak so far.
import type { EquityPoint } from '../../shared/backtest.ts';

export class EquityCurve {
  readonly points: EquityPoint[] = [];
  private peak: number;

  constructor(startingCapital: number) {
    this.peak = startingCapital;
  }

  record(ts: number, equity: number): void {
    if (equity > this.peak) this.peak = equity;
    this.points.push({ ts, equity, drawdown: this.peak > 0 ? (this.peak - equity) / this.peak : 0 });
  }
}
