import { selectMode } from '../store/selectors.ts';
import { useTerminal } from '../store/store.ts';

/** In shadow mode, orders and fills are simulated against live prices: say so where they are listed. */
export function ShadowHint() {
  const shadow = useTerminal((s) => selectMode(s) === 'shadow');
  if (!shadow) return null;
  return (
    <span
      className="shadow-hint"
      data-testid="shadow-hint"
      title="Shadow mode: orders are matched locally against live exchange prices and never sent to the exchange."
    >
      SHADOW — not sent
    </span>
  );
}
