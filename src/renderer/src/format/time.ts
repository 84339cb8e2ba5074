// Timestamps in UTC, the engine's clock for daily limits and candles.
function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** "14:03:27.120" */
export function formatClock(ts: number): string {
  const date = new Date(ts);
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`;
}

/** "14:03:27" */
export function formatTimeOfDay(ts: number): string {
  const date = new Date(ts);
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** "2024-05-01 14:03:27" */
export function formatDateTime(ts: number): string {
  const date = new Date(ts);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}
