import { useTerminal } from '../../store/store.ts';

export function RiskStateBadge() {
  const state = useTerminal((s) => s.risk.status?.state ?? null);
  const reason = useTerminal((s) => s.risk.status?.reason ?? null);
  return (
    <span
      className={`risk-badge risk-${(state ?? 'unknown').toLowerCase()}`}
      data-testid="risk-state"
      data-state={state ?? ''}
      title={reason ?? undefined}
    >
      {state ?? '—'}
    </span>
  );
}
