import { useEffect, useState } from 'react';
import type { CommandName, CommandResult } from '../../../../shared/contract.ts';
import type { StrategyView } from '../../../../shared/strategy.ts';
import { Message } from '../../components/Message.tsx';
import { formatClock, useTimeZone } from '../../format/time.ts';
import { describeError, removeStrategy, setStrategyActive, updateStrategy } from '../../store/actions.ts';
import { KIND_LABELS, PARAM_LABELS, checkParams, paramNames, paramsAsText } from './strategy-form.ts';

function formatIndicator(value: number): string {
  return Math.abs(value) >= 1000 ? value.toFixed(2) : value.toPrecision(5);
}

export function StrategyRow({ view }: { view: StrategyView }) {
  const zone = useTimeZone((z) => z.zone);
  const { config, stats, indicators } = view;
  const [values, setValues] = useState(() => paramsAsText(config.params));
  const [dirty, setDirty] = useState(false);
  const [engineError, setEngineError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Follow the engine's params until the user starts editing.
  useEffect(() => {
    if (!dirty) setValues(paramsAsText(config.params));
  }, [config.params, dirty]);

  const check = checkParams(config.kind, values);
  const fieldErrors = check.ok ? {} : check.errors;
  const validation = Object.entries(fieldErrors).map(([name, text]) => `${PARAM_LABELS[name]?.label ?? name} ${text}`);
  const shownError = dirty && validation.length > 0 ? validation.join('; ') : engineError;

  const run = async (action: () => Promise<CommandResult<CommandName>>) => {
    setBusy(true);
    const result = await action();
    setBusy(false);
    setEngineError(describeError(result));
    return result.ok;
  };

  const onSave = async () => {
    if (!check.ok) return;
    if (await run(() => updateStrategy(config.id, check.params))) setDirty(false);
  };

  return (
    <li className="strategy" data-testid="strategy-row" data-strategy-id={config.id} data-active={config.active}>
      <div className="strategy-head">
        <button
          type="button"
          role="switch"
          className="switch"
          aria-checked={config.active}
          aria-label={config.active ? 'Deactivate' : 'Activate'}
          data-testid="strategy-toggle"
          disabled={busy}
          onClick={() => void run(() => setStrategyActive(config.id, !config.active))}
        />
        <span className={`kind-badge kind-${config.kind}`}>{KIND_LABELS[config.kind]}</span>
        <span className="strategy-market">
          {config.symbol} · {config.timeframe}
        </span>
        <span className="strategy-id dim" title={config.id}>
          {config.id}
        </span>
      </div>
      <div className="strategy-params">
        {paramNames(config.kind).map((name) => (
          <label key={name} className="field field-compact" title={PARAM_LABELS[name]?.hint}>
            <span className="field-label">{PARAM_LABELS[name]?.label ?? name}</span>
            <input
              className="input num"
              inputMode="decimal"
              data-testid={`strategy-param-${name}`}
              aria-invalid={dirty && name in fieldErrors}
              value={values[name] ?? ''}
              onChange={(e) => {
                setValues({ ...values, [name]: e.target.value });
                setDirty(true);
                setEngineError(null);
              }}
            />
          </label>
        ))}
      </div>
      <div className="strategy-foot">
        <span className="strategy-stats dim">
          {stats.signals} signals ({stats.longSignals}↑ {stats.shortSignals}↓)
          {stats.lastSignalTs !== null ? ` · last ${formatClock(stats.lastSignalTs, zone)}` : ''}
          {Object.entries(indicators).map(([name, value]) => ` · ${name} ${formatIndicator(value)}`)}
        </span>
        <button
          type="button"
          className={`btn btn-small${dirty ? ' btn-primary' : ''}`}
          data-testid="strategy-save"
          disabled={busy}
          onClick={() => void onSave()}
        >
          Save
        </button>
        <button
          type="button"
          className="btn btn-small"
          data-testid="strategy-remove"
          disabled={busy}
          onClick={() => void run(() => removeStrategy(config.id))}
        >
          Remove
        </button>
      </div>
      <Message message={shownError ? { kind: 'error', text: shownError } : null} testId="strategy-error" />
    </li>
  );
}
