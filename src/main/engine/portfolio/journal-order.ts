import type { Fill } from '../../../shared/trading.ts';
import type { Adjustment, JournaledAdjustment } from '../ports.ts';

/** Visits a journal's fills and adjustments in the order they were journaled: each adjustment after its first `afterFills` fills. */
export function inJournalOrder(fills: readonly Fill[], adjustments: readonly JournaledAdjustment[], visit: { fill(fill: Fill): void; adjustment(adjustment: Adjustment): void }): void {
  let next = 0;
  fills.forEach((fill, i) => {
    while (next < adjustments.length && adjustments[next]!.afterFills <= i) visit.adjustment(adjustments[next++]!);
    visit.fill(fill);
  });
  while (next < adjustments.length) visit.adjustment(adjustments[next++]!);
}
