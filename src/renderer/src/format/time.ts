// Timestamps as the trader chose to read them: UTC (the engine's clock for daily limits and candles,
// and the default) or this machine's local time. The choice is kept in the browser's storage; every
// component that shows a time reads it through useTimeZone, so a switch redraws them at once.
import { create } from 'zustand';
import { storedChoice } from '../store/stored-choice.ts';

export type TimeZoneChoice = 'utc' | 'local';

const stored = storedChoice<TimeZoneChoice>('hft-desk.time-zone', ['utc', 'local'], 'utc');

export const useTimeZone = create<{ zone: TimeZoneChoice }>()(() => ({ zone: stored.initial }));

export function setTimeZone(zone: TimeZoneChoice): void {
  useTimeZone.setState({ zone });
  stored.save(zone);
}

/** "UTC" or "local", for labels. */
export function timeZoneLabel(zone: TimeZoneChoice = useTimeZone.getState().zone): string {
  return zone === 'utc' ? 'UTC' : 'local';
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
  ms: number;
}

function parts(ts: number, zone: TimeZoneChoice): Parts {
  const d = new Date(ts);
  return zone === 'utc'
    ? { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hours: d.getUTCHours(), minutes: d.getUTCMinutes(), seconds: d.getUTCSeconds(), ms: d.getUTCMilliseconds() }
    : { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hours: d.getHours(), minutes: d.getMinutes(), seconds: d.getSeconds(), ms: d.getMilliseconds() };
}

/** "14:03:27.120" */
export function formatClock(ts: number, zone: TimeZoneChoice = useTimeZone.getState().zone): string {
  const p = parts(ts, zone);
  return `${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)}.${pad(p.ms, 3)}`;
}

/** "14:03:27" */
export function formatTimeOfDay(ts: number, zone: TimeZoneChoice = useTimeZone.getState().zone): string {
  const p = parts(ts, zone);
  return `${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)}`;
}

/** "2024-05-01 14:03:27" */
export function formatDateTime(ts: number, zone: TimeZoneChoice = useTimeZone.getState().zone): string {
  const p = parts(ts, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)}`;
}

/** "14:03" or "May 1" for a chart's time axis: the day at midnight, the time otherwise. */
export function formatAxisTime(ts: number, zone: TimeZoneChoice = useTimeZone.getState().zone): string {
  const p = parts(ts, zone);
  if (p.hours === 0 && p.minutes === 0 && p.seconds === 0) return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  return p.seconds === 0 ? `${pad(p.hours)}:${pad(p.minutes)}` : `${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)}`;
}
