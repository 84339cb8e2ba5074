import { setTimeZone, timeZoneLabel, useTimeZone } from '../../format/time.ts';

/** Says in which time every time on screen is, and switches between UTC and this machine's local time. */
export function TimeZoneToggle() {
  const zone = useTimeZone((z) => z.zone);
  return (
    <button
      type="button"
      className="status-chip time-zone"
      data-testid="time-zone-toggle"
      data-zone={zone}
      title={zone === 'utc' ? 'Times are in UTC, the engine’s clock for candles and the daily loss limit. Click for local time.' : 'Times are in this machine’s local time. Click for UTC.'}
      onClick={() => setTimeZone(zone === 'utc' ? 'local' : 'utc')}
    >
      <span className="narrow-hidden">Times: </span>
      {timeZoneLabel(zone)}
    </button>
  );
}
