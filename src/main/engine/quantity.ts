// Sizes and prices arrive as floats; matching and rounding count whole steps (lots, ticks) so that
// partial fills add up exactly (three fills of 0.1 leave nothing behind, not 1e-17).

/** How far from a whole number of steps still counts as on the grid, in steps. */
const GRID_TOLERANCE = 1e-6;

/** A step (lot or tick) and the decimals needed to print a multiple of it exactly. */
export interface Grid {
  step: number;
  decimals: number;
}

/** Every order rounds its size on a grid of one of a few lot sizes: each grid is worked out once. */
const grids = new Map<number, Readonly<Grid>>();

export function grid(step: number): Readonly<Grid> {
  let known = grids.get(step);
  if (known === undefined) {
    // toExponential gives '2.5e-1' for 0.25: mantissa decimals minus the exponent.
    const [mantissa, exponent] = step.toExponential().split('e');
    const mantissaDecimals = (mantissa.split('.')[1] ?? '').length;
    known = Object.freeze({ step, decimals: Math.min(100, Math.max(0, mantissaDecimals - Number(exponent))) });
    grids.set(step, known);
  }
  return known;
}

export function isOnGrid(value: number, step: number): boolean {
  const steps = value / step;
  // The division's own error grows with the quotient, so the tolerance does too.
  return Math.abs(steps - Math.round(steps)) <= Math.max(GRID_TOLERANCE, Math.abs(steps) * 4 * Number.EPSILON);
}

/** Whole steps in a value already on the grid (order sizes, filled amounts). */
export function toSteps(value: number, step: number): number {
  return Math.round(value / step);
}

/** Whole steps that fit in any amount (book levels, trade prints, holdings): a partial lot cannot trade. */
export function stepsWithin(value: number, step: number): number {
  return Math.floor(value / step + GRID_TOLERANCE);
}

/** Steps back to a number without float residue: 3 lots of 0.1 are 0.3, not 0.30000000000000004. */
export function fromSteps(steps: number, g: Grid): number {
  return Number((steps * g.step).toFixed(g.decimals));
}

/**
 * The largest size on the lot grid that is not more than `size`: what can be sold of a holding, or
 * sent for a strategy's size. Never rounds up past what was asked or is held.
 */
export function roundDownToLot(size: number, lotSize: number): number {
  return fromSteps(stepsWithin(size, lotSize), grid(lotSize));
}

/** Why a size is off the lot grid, with the two sizes on either side of it; null when it is on it. */
export function offLotProblem(size: number, lotSize: number, symbol: string): string | null {
  if (isOnGrid(size, lotSize)) return null;
  const g = grid(lotSize);
  const below = fromSteps(stepsWithin(size, lotSize), g);
  const above = fromSteps(stepsWithin(size, lotSize) + 1, g);
  const nearest = below > 0 ? `${below} or ${above}` : `${above}`;
  return `Size ${size} is not a multiple of the ${symbol} lot size ${lotSize}; use ${nearest}.`;
}
