import { selectMode } from '../../store/selectors.ts';
import { useTerminal } from '../../store/store.ts';

/** The account's trading mode; each has its own colour so LIVE is never mistaken for PAPER. */
export function ModeBadge() {
  const mode = useTerminal(selectMode);
  return (
    <span className={`mode-badge mode-${mode ?? 'unknown'}`} data-testid="mode-badge" data-mode={mode ?? ''}>
      {mode ? mode.toUpperCase() : '—'}
    </span>
  );
}
