/**
 * Prices and sizes live on a grid (tick size, lot size). Working in whole grid units and converting
 * back by dividing by an integer gives the exact nearest double of the decimal (0.01 * 3 would give
 * 0.030000000000000002; 3 / 100 gives 0.03).
 */
export class DecimalGrid {
  readonly step: number;
  private readonly unitsPerOne: number;

  constructor(step: number) {
    if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(`grid step must be positive, got ${step}`);
    this.step = step;
    const inverse = 1 / step;
    if (step < 1 && Math.abs(inverse - Math.round(inverse)) > 1e-9) {
      throw new RangeError(`grid step ${step} below 1 must divide 1 evenly`);
    }
    this.unitsPerOne = step < 1 ? Math.round(inverse) : 0;
  }

  /** How many steps `value` is, not rounded. */
  units(value: number): number {
    return this.unitsPerOne > 0 ? value * this.unitsPerOne : value / this.step;
  }

  value(units: number): number {
    return this.unitsPerOne > 0 ? units / this.unitsPerOne : units * this.step;
  }

  round(value: number): number {
    return this.value(Math.round(this.units(value)));
  }
}
