import { describe, expect, it } from 'vitest';
import { formatClock, formatDateTime, formatTimeOfDay } from './time.ts';

const ts = Date.UTC(2024, 4, 1, 9, 3, 7, 45);

describe('time formatting', () => {
  it('shows log timestamps in UTC with milliseconds', () => {
    expect(formatClock(ts)).toBe('09:03:07.045');
  });

  it('shows table times in UTC to the second, and dates in full', () => {
    expect(formatTimeOfDay(ts)).toBe('09:03:07');
    expect(formatDateTime(ts)).toBe('2024-05-01 09:03:07');
  });
});
