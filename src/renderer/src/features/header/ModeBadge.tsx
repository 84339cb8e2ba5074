import { useTerminal } from '../../store/store.ts';

/** The account's trading mode; each has its own colour so LIVE is never mistaken for PAPER. */
export function ModeBadge() {
  const mode = useTerminal((s) => s.portfolio.account?.mode ?? s.settings?.mode ?? null);
  return (
    <span className={`mode-badge mode-${mode ?? 'unknown'}`} data-testid="mode-badge" data-mode={mode ?? ''}>
      {mode ? mode.toUpperCase() : '—'}
    </span>
  );
}
