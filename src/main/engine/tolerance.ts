// Float slack for rules that fire "at or over" a threshold: 30,030 / 30,000 − 1 computes as
// 0.00099999999999988 and a 5% loss as 0.049999999999999996, and both must count as exactly at it.
// Far below a cent, a lot or a basis point.
export const THRESHOLD_EPSILON = 1e-12;

/** value ≥ threshold, give or take float noise. */
export function atOrAbove(value: number, threshold: number): boolean {
  return value >= threshold - THRESHOLD_EPSILON * Math.max(1, Math.abs(threshold));
}

/** value > limit by more than float noise: an amount exactly at a limit passes. */
export function exceeds(value: number, limit: number): boolean {
  return value > limit + THRESHOLD_EPSILON * Math.max(1, Math.abs(limit));
}
