import { useEffect, useState } from 'react';
import type { TradingMode } from '../../../../shared/trading.ts';
import { Message, type MessageState } from '../../components/Message.tsx';
import { describeError } from '../../store/actions.ts';
import { loadKeyStatus, switchMode } from '../../store/exchange-actions.ts';
import { selectMode } from '../../store/selectors.ts';
import { useTerminal } from '../../store/store.ts';
import { LiveConfirm } from './LiveConfirm.tsx';
import { liveSummary, modeOptions, modeStep, type ModeOption } from './mode-switch.ts';

const SUCCESS_SHOWN_MS = 4_000;

/** PAPER / SHADOW / LIVE. Live asks for confirmation; the engine answers with a fresh snapshot. */
export function ModeSwitch() {
  const current = useTerminal(selectMode);
  const settings = useTerminal((s) => s.settings);
  const synced = useTerminal((s) => s.connection.synced);
  const exchangeId = settings?.exchange?.id ?? null;
  const keys = useTerminal((s) => (exchangeId ? s.exchange.keys[exchangeId] : undefined));
  const info = useTerminal((s) => s.exchange.list?.find((e) => e.id === exchangeId));
  const [busy, setBusy] = useState(false);
  const [confirmLive, setConfirmLive] = useState(false);
  const [message, setMessage] = useState<MessageState | null>(null);

  // Whether shadow and live are possible depends on the saved exchange having keys.
  useEffect(() => {
    if (exchangeId && synced) void loadKeyStatus(exchangeId);
  }, [exchangeId, synced]);

  useEffect(() => {
    if (message?.kind !== 'success') return undefined;
    const timer = setTimeout(() => setMessage(null), SUCCESS_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [message]);

  const run = async (mode: TradingMode) => {
    setConfirmLive(false);
    setBusy(true);
    setMessage(null);
    const result = await switchMode(mode, mode === 'live');
    setBusy(false);
    setMessage(
      result.ok ? { kind: 'success', text: `Now in ${mode.toUpperCase()} mode.` } : { kind: 'error', text: describeError(result) ?? 'Mode not switched.' },
    );
  };

  const choose = (option: ModeOption) => {
    const step = modeStep(current, option, busy);
    if (step === 'confirm') setConfirmLive(true);
    else if (step === 'switch') void run(option.mode);
  };

  const summary = settings?.exchange ? liveSummary(settings.exchange, info, keys) : null;
  return (
    <div className="mode-switch-anchor">
      <div className={busy ? 'mode-switch is-busy' : 'mode-switch'} role="group" aria-label="Trading mode" aria-busy={busy} data-testid="mode-switch" data-busy={busy}>
        {modeOptions(settings, keys).map((option) => (
          <span key={option.mode} className="mode-seg-wrap" title={option.reason ?? `Switch to ${option.mode} mode`}>
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
      {message ? (
        <div
          className="mode-message"
          role="button"
          tabIndex={0}
          title={`${message.text} (click to dismiss)`}
          onClick={() => setMessage(null)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ' || e.key === 'Escape') setMessage(null);
          }}
        >
          <Message message={message} testId="mode-message" />
        </div>
      ) : null}
      {confirmLive && summary ? <LiveConfirm summary={summary} onConfirm={() => void run('live')} onCancel={() => setConfirmLive(false)} /> : null}
    </div>
  );
}
