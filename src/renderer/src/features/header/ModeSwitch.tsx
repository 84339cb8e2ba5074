import { useEffect, useState } from 'react';
import type { TradingMode } from '../../../../shared/trading.ts';
import { describeError } from '../../store/actions.ts';
import { loadKeyStatus, switchMode } from '../../store/exchange-actions.ts';
import { selectMode } from '../../store/selectors.ts';
import { useTerminal } from '../../store/store.ts';
import { notify } from '../notices/notices.ts';
import { LiveConfirm } from './LiveConfirm.tsx';
import { liveSummary, modeOptions, modeStep, shadowNote, type ModeOption } from './mode-switch.ts';

/**
 * PAPER / SHADOW / LIVE. Live asks for confirmation; the engine answers with a fresh snapshot. The
 * outcome is a toast: it expires, and covers nothing of the chart while it is up.
 */
export function ModeSwitch() {
  const current = useTerminal(selectMode);
  const settings = useTerminal((s) => s.settings);
  const synced = useTerminal((s) => s.connection.synced);
  const exchangeId = settings?.exchange?.id ?? null;
  const keys = useTerminal((s) => (exchangeId ? s.exchange.keys[exchangeId] : undefined));
  const info = useTerminal((s) => s.exchange.list?.find((e) => e.id === exchangeId));
  const [busy, setBusy] = useState(false);
  const [confirmLive, setConfirmLive] = useState(false);

  // Whether shadow and live are possible depends on the saved exchange having keys.
  useEffect(() => {
    if (exchangeId && synced) void loadKeyStatus(exchangeId);
  }, [exchangeId, synced]);

  const run = async (mode: TradingMode) => {
    setConfirmLive(false);
    setBusy(true);
    const result = await switchMode(mode, mode === 'live');
    setBusy(false);
    if (result.ok) notify('success', `Now in ${mode.toUpperCase()} mode.`);
    else notify('error', describeError(result) ?? 'Mode not switched.');
  };

  const choose = (option: ModeOption) => {
    const step = modeStep(current, option, busy);
    if (step === 'confirm') setConfirmLive(true);
    else if (step === 'switch') void run(option.mode);
  };

  const summary = settings?.exchange ? liveSummary(settings.exchange, info, keys) : null;
  return (
    <>
      <div className={busy ? 'mode-switch is-busy' : 'mode-switch'} role="group" aria-label="Trading mode" aria-busy={busy} data-testid="mode-switch" data-busy={busy}>
        {modeOptions(settings, keys).map((option) => (
          <span key={option.mode} className="mode-seg-wrap" title={option.reason ?? (option.mode === 'shadow' ? (shadowNote(keys) ?? 'Switch to shadow mode') : `Switch to ${option.mode} mode`)}>
            <button
              type="button"
              className={`mode-seg mode-seg-${option.mode}${option.mode === current ? ' is-current' : ''}`}
              aria-pressed={option.mode === current}
              data-testid={`mode-switch-${option.mode}`}
              data-reason={option.reason ?? undefined}
              disabled={busy || !option.enabled}
              onClick={() => choose(option)}
            >
              {option.mode.toUpperCase()}
            </button>
          </span>
        ))}
        {busy ? (
          <span className="mode-busy" data-testid="mode-switch-busy">
            Switching…
          </span>
        ) : null}
      </div>
      {confirmLive && summary ? <LiveConfirm summary={summary} onConfirm={() => void run('live')} onCancel={() => setConfirmLive(false)} /> : null}
    </>
  );
}
