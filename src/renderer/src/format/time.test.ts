import { describe, expect, it } from 'vitest';
import { formatAxisTime, formatClock, formatDateTime, formatTimeOfDay } from './time.ts';

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

describe('local time', () => {
  it('shows the same moment in this machine’s time zone when the trader picks local', () => {
    const local = new Date(ts);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(formatTimeOfDay(ts, 'local')).toBe(`${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}`);
    expect(formatTimeOfDay(ts, 'utc')).toBe('09:03:07');
  });

  it('marks midnight on the chart axis with the date, other times with the clock', () => {
    expect(formatAxisTime(Date.UTC(2024, 4, 2), 'utc')).toBe('2024-05-02');
    expect(formatAxisTime(Date.UTC(2024, 4, 2, 13, 45), 'utc')).toBe('13:45');
    expect(formatAxisTime(Date.UTC(2024, 4, 2, 13, 45, 10), 'utc')).toBe('13:45:10');
  });
});
