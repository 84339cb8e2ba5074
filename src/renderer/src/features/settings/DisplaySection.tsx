import { setTimeZone, useTimeZone } from '../../format/time.ts';
import { setTheme, useTheme } from '../theme/theme.ts';

/** How the screen looks and reads times: preferences of this screen, saved on change. */
export function DisplaySection() {
  const theme = useTheme((t) => t.theme);
  const zone = useTimeZone((z) => z.zone);
  return (
    <div className="settings-form">
      <fieldset className="settings-group" data-testid="settings-display">
        <legend>Display</legend>
        <label className="field">
          <span className="field-label">Theme</span>
          <select className="select" data-testid="settings-theme" value={theme} onChange={(e) => setTheme(e.target.value === 'light' ? 'light' : 'dark')}>
            <option value="dark">Dark</option>
            <option value="light">Light</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Times</span>
          <select className="select" data-testid="settings-time-zone" value={zone} onChange={(e) => setTimeZone(e.target.value === 'local' ? 'local' : 'utc')}>
            <option value="utc">UTC (the engine’s clock)</option>
            <option value="local">This machine’s local time</option>
          </select>
        </label>
      </fieldset>
    </div>
  );
}
