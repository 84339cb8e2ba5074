import type { RiskLimits, RiskStatus } from '../../../../shared/risk.ts';
import { Panel } from '../../components/Panel.tsx';
import { formatMoney, formatPercent } from '../../format/number.ts';
import { formatClock, useTimeZone } from '../../format/time.ts';
import { useTerminal } from '../../store/store.ts';

type UsageKey = keyof RiskStatus['usage'];

/** The panel shares its column with strategies and logs: only the latest few events. */
const RECENT_EVENTS = 4;

const LIMITS: { key: UsageKey; label: string; limit: (l: RiskLimits) => string }[] = [
  { key: 'dailyLoss', label: 'Daily loss', limit: (l) => formatPercent(l.dailyLossLimit) },
  { key: 'drawdown', label: 'Drawdown', limit: (l) => formatPercent(l.maxDrawdown) },
  { key: 'grossExposure', label: 'Gross exposure', limit: (l) => `${l.maxGrossExposure}× equity` },
  { key: 'largestPosition', label: 'Largest position', limit: (l) => formatMoney(l.maxPositionValue) },
];

function tone(usage: number): string {
  if (usage >= 1) return 'is-bad';
  if (usage >= 0.75) return 'is-warn';
  return 'is-ok';
}

function UsageBar({ label, usage, limit, name }: { label: string; usage: number; limit: string; name: UsageKey }) {
  const clamped = Math.max(0, Math.min(1, usage));
  return (
    <div className={`usage ${tone(usage)}`} data-testid={`risk-usage-${name}`} data-usage={usage}>
      <div className="usage-text">
        <span>{label}</span>
        <span className="num">
          {formatPercent(usage, 0)} <span className="dim">of {limit}</span>
        </span>
      </div>
      <div
        className="usage-track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={1}
        aria-valuenow={Number(clamped.toFixed(3))}
      >
        <div className="usage-fill" style={{ width: `${(clamped * 100).toFixed(1)}%` }} />
      </div>
    </div>
  );
}

export function RiskPanel() {
  const zone = useTimeZone((z) => z.zone);
  const status = useTerminal((s) => s.risk.status);
  const events = useTerminal((s) => s.risk.events);
  return (
    <Panel
      title="Risk"
      testId="risk-panel"
      className="risk-panel"
      actions={
        <span className={`risk-badge risk-${(status?.state ?? 'unknown').toLowerCase()}`} data-state={status?.state ?? ''}>
          {status?.state ?? '—'}
        </span>
      }
    >
      {status?.reason ? (
        <div className="risk-reason" data-testid="risk-reason">
          {status.reasonCode ? <code>{status.reasonCode}</code> : null} {status.reason}
        </div>
      ) : null}
      {status ? (
        <div className="usage-list">
          {LIMITS.map(({ key, label, limit }) => (
            <UsageBar key={key} name={key} label={label} usage={status.usage[key]} limit={limit(status.limits)} />
          ))}
        </div>
      ) : (
        <div className="empty">Waiting for the engine</div>
      )}
      {status && status.staleSymbols.length > 0 ? (
        <div className="risk-stale">Stale feed: {status.staleSymbols.join(', ')}</div>
      ) : null}
      {events.length > 0 ? (
        <ul className="risk-events">
          {events.slice(0, RECENT_EVENTS).map((event, i) => (
            <li key={`${event.ts}-${i}`} className={`risk-event risk-event-${event.kind}`}>
              <span className="num dim">{formatClock(event.ts, zone)}</span> <code>{event.code}</code> {event.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}
