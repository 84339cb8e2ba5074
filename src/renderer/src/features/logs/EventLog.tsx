import { Panel } from '../../components/Panel.tsx';
import { formatClock, useTimeZone } from '../../format/time.ts';
import { useTerminal } from '../../store/store.ts';

const SHOWN = 150;

export function EventLog() {
  const zone = useTimeZone((z) => z.zone);
  const entries = useTerminal((s) => s.log.entries);
  return (
    <Panel title="Event log" testId="event-log" className="log-panel">
      <ol className="log-list">
        {entries.slice(0, SHOWN).map((entry, i) => (
          <li
            key={`${entry.ts}-${i}`}
            className={`log-line level-${entry.level}`}
            data-testid="log-row"
            data-level={entry.level}
            data-source={entry.source}
          >
            <span className="num dim">{formatClock(entry.ts, zone)}</span>
            <span className="log-source">{entry.source}</span>
            <span className="log-message">{entry.message}</span>
          </li>
        ))}
      </ol>
      {entries.length === 0 ? <div className="empty">Nothing logged yet</div> : null}
    </Panel>
  );
}
