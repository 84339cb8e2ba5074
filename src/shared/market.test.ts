import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barOpen, isBarOpen, TIMEFRAME_MS } from './market.ts';

const WEEK = TIMEFRAME_MS['1w'];

/** The Monday 00:00 UTC on or before `ts`, worked out from the calendar rather than from the epoch's weekday. */
function mondayOf(ts: number): number {
  const d = new Date(ts);
  const daysSinceMonday = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - daysSinceMonday);
}

describe('barOpen', () => {
  it('opens weekly bars on Monday 00:00 UTC, as exchanges do', () => {
    // Thursday 3 December 2026 belongs to the week of Monday 30 November.
    expect(barOpen(Date.UTC(2026, 11, 3, 15, 30), WEEK)).toBe(Date.UTC(2026, 10, 30));
    expect(barOpen(Date.UTC(2026, 11, 6, 23, 59, 59, 999), WEEK)).toBe(Date.UTC(2026, 10, 30));
    expect(barOpen(Date.UTC(2026, 11, 7), WEEK)).toBe(Date.UTC(2026, 11, 7));
    expect(isBarOpen(Date.UTC(2026, 11, 7), WEEK)).toBe(true);
    expect(isBarOpen(Date.UTC(2026, 11, 3), WEEK)).toBe(false);
  });

  it('puts every moment in the week of its calendar Monday', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ts) => {
        expect(barOpen(ts, WEEK)).toBe(mondayOf(ts));
      }),
    );
  });

  it('opens shorter bars on whole multiples of their length: days at midnight, 4h at 00, 04, ... UTC', () => {
    expect(barOpen(Date.UTC(2026, 11, 3, 15, 30), TIMEFRAME_MS['1d'])).toBe(Date.UTC(2026, 11, 3));
    expect(barOpen(Date.UTC(2026, 11, 3, 15, 30), TIMEFRAME_MS['4h'])).toBe(Date.UTC(2026, 11, 3, 12));
    expect(barOpen(Date.UTC(2026, 11, 3, 15, 30, 10, 5), TIMEFRAME_MS['1s'])).toBe(Date.UTC(2026, 11, 3, 15, 30, 10));
  });
});
