import { useTerminal } from '../../store/store.ts';
import type { ConnectionStatus as Status } from '../../store/terminal-state.ts';

const LABELS: Record<Status, string> = { connecting: 'Connecting', open: 'Connected', reconnecting: 'Reconnecting', closed: 'Disconnected', unauthorized: 'Token refused' };

/** Link to the engine: the transport and whether the state shown is current. */
export function ConnectionStatus() {
  const transport = useTerminal((s) => s.connection.transport);
  const status = useTerminal((s) => s.connection.status);
  const synced = useTerminal((s) => s.connection.synced);
  const attempts = useTerminal((s) => s.connection.attempts);
  const healthy = status === 'open' && synced;
  const label = status === 'open' && !synced ? 'Syncing' : LABELS[status];
  return (
    <span
      className={`status-chip ${healthy ? 'is-ok' : status === 'closed' || status === 'unauthorized' ? 'is-bad' : 'is-warn'}`}
      data-testid="connection-status"
      data-status={status}
      data-synced={synced}
      data-transport={transport ?? ''}
      title={attempts > 0 ? `Reconnect attempt ${attempts}` : undefined}
    >
      <span className="dot" />
      {transport ? transport.toUpperCase() : ''}
      {/* A narrow screen says only what is wrong: the dot's colour tells a healthy link. */}
      <span className={healthy ? 'narrow-hidden' : undefined}>
        {transport ? ' · ' : ''}
        {label}
      </span>
    </span>
  );
}
