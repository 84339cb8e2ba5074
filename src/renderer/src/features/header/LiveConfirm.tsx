import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import type { LiveSummary } from './mode-switch.ts';

interface LiveConfirmProps {
  summary: LiveSummary;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The last look before real orders: where they go, with which key, for which markets. */
export function LiveConfirm({ summary, onConfirm, onCancel }: LiveConfirmProps) {
  return (
    <ConfirmDialog title="Switch to LIVE trading" confirmLabel="Go live" danger onConfirm={onConfirm} onCancel={onCancel}>
      <dl className="live-summary" data-testid="live-confirm">
        <dt>Exchange</dt>
        <dd data-testid="live-confirm-exchange">{summary.exchange}</dd>
        <dt>Account</dt>
        <dd data-testid="live-confirm-network" className={summary.network === 'REAL MONEY' ? 'is-real' : 'is-testnet'}>
          {summary.network}
        </dd>
        <dt>API key</dt>
        <dd data-testid="live-confirm-key" className="mono">
          {summary.maskedKey}
        </dd>
        <dt>Markets</dt>
        <dd data-testid="live-confirm-symbols">{summary.symbols}</dd>
      </dl>
      <p className="live-warning">Orders will be sent to the exchange.</p>
    </ConfirmDialog>
  );
}
