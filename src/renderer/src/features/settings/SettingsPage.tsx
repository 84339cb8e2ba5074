import { useEffect, useState } from 'react';
import { SIM_SPEEDS, type Settings } from '../../../../shared/settings.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useCheckedSubmit } from '../../components/use-checked-submit.ts';
import { Message } from '../../components/Message.tsx';
import { formatMoney } from '../../format/number.ts';
import { describeError, resetAccount, updateSettings } from '../../store/actions.ts';
import { useTerminal } from '../../store/store.ts';
import { DisplaySection } from './DisplaySection.tsx';
import { ExchangeSection } from './ExchangeSection.tsx';
import { NotificationsSection } from './NotificationsSection.tsx';
import { UpdatesSection } from './UpdatesSection.tsx';
import {
  SETTINGS_FIELDS,
  checkSettingsForm,
  formFromSettings,
  type FieldSpec,
  type SettingsForm,
} from './settings-form.ts';

/** The preset speeds, plus a saved speed that is not one of them. */
function speedOptions(current: number): number[] {
  const presets: number[] = [...SIM_SPEEDS];
  return presets.includes(current) ? presets : [...presets, current].sort((a, b) => a - b);
}

function SettingsEditor({ settings, onClose }: { settings: Settings; onClose: () => void }) {
  const mode = useTerminal((s) => s.portfolio.account?.mode ?? settings.mode);
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(settings));
  const { errors, message, setMessage, busy, setBusy, submit: save } = useCheckedSubmit({
    check: () => checkSettingsForm(form, settings),
    send: updateSettings,
    saved: 'Settings saved.',
  });
  const [confirmReset, setConfirmReset] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A confirm dialog open anywhere on the page (reset, delete keys) takes Escape for itself.
      if (event.key === 'Escape' && !confirmReset && !document.querySelector('[role="alertdialog"]')) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [confirmReset, onClose]);


  const reset = async () => {
    setConfirmReset(false);
    setBusy(true);
    const result = await resetAccount();
    setBusy(false);
    setMessage(
      result.ok
        ? { kind: 'success', text: `Paper account reset: equity ${formatMoney(result.value.equity)}.` }
        : { kind: 'error', text: describeError(result) ?? '' },
    );
  };

  const renderField = (field: FieldSpec) => (
    <label key={field.name} className="field">
      <span className="field-label">
        {field.label} <span className="dim">({field.unit})</span>
      </span>
      <input
        className="input num"
        inputMode="decimal"
        data-testid={field.testId}
        data-unit={field.percent ? 'percent' : field.unit}
        aria-invalid={errors[field.name] !== undefined}
        value={form.values[field.name]}
        onChange={(e) => setForm({ ...form, values: { ...form.values, [field.name]: e.target.value } })}
      />
      {errors[field.name] ? (
        <span className="field-error" data-testid={`${field.testId}-error`}>
          {field.label} {errors[field.name]}
        </span>
      ) : null}
    </label>
  );

  return (
    <form className="settings-form" onSubmit={(e) => void save(e)} noValidate>
      <fieldset className="settings-group">
        <legend>Account &amp; market</legend>
        <div className="field">
          <span className="field-label">Mode</span>
          <span className={`mode-badge mode-${mode}`}>{mode.toUpperCase()}</span>
        </div>
        <label className="field">
          <span className="field-label">Simulated market speed</span>
          <select
            className="select"
            data-testid="settings-sim-speed"
            value={form.simSpeed}
            onChange={(e) => setForm({ ...form, simSpeed: Number(e.target.value) })}
          >
            {speedOptions(form.simSpeed).map((speed) => (
              <option key={speed} value={speed}>
                {speed}×
              </option>
            ))}
          </select>
          {errors.simSpeed ? <span className="field-error">{errors.simSpeed}</span> : null}
        </label>
        {SETTINGS_FIELDS.filter((f) => f.group === 'account').map(renderField)}
      </fieldset>
      <fieldset className="settings-group">
        <legend>Risk limits</legend>
        {SETTINGS_FIELDS.filter((f) => f.group === 'risk').map(renderField)}
        <label className="field field-check">
          <input
            type="checkbox"
            data-testid="settings-no-duplicate-position"
            checked={form.noDuplicatePosition}
            onChange={(e) => setForm({ ...form, noDuplicatePosition: e.target.checked })}
          />
          <span>Deny orders that add to a position in the same direction</span>
        </label>
      </fieldset>
      <Message message={message} testId="settings-message" />
      <div className="settings-actions">
        <button
          type="button"
          className="btn btn-danger-outline"
          data-testid="account-reset"
          disabled={busy || mode !== 'paper'}
          title={mode === 'paper' ? 'Start the paper account over from the starting capital' : 'Only a paper account can be reset'}
          onClick={() => setConfirmReset(true)}
        >
          Reset paper account
        </button>
        <div className="header-spacer" />
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" data-testid="settings-save" disabled={busy}>
          Save
        </button>
      </div>
      {confirmReset ? (
        <ConfirmDialog title="Reset paper account" confirmLabel="Reset account" onConfirm={() => void reset()} onCancel={() => setConfirmReset(false)}>
          Cancels open orders, clears positions and history, and restarts the paper account from its starting capital.
        </ConfirmDialog>
      ) : null}
    </form>
  );
}

export function SettingsPage({ onClose }: { onClose: () => void }) {
  // Read once: a settings delta arriving mid-edit must not overwrite what is being typed.
  const [settings] = useState(() => useTerminal.getState().settings);
  return (
    <div className="modal-backdrop">
      <section className="settings-page" role="dialog" aria-modal="true" aria-labelledby="settings-title" data-testid="settings-page">
        <header className="settings-head">
          <h2 id="settings-title">Settings</h2>
          <button type="button" className="btn btn-ghost" data-testid="settings-close" aria-label="Close settings" onClick={onClose}>
            ✕
          </button>
        </header>
        {settings ? (
          <div className="settings-body">
            <SettingsEditor settings={settings} onClose={onClose} />
            <ExchangeSection saved={settings.exchange ?? null} />
            <NotificationsSection />
            <DisplaySection />
            <UpdatesSection saved={settings.updates} />
          </div>
        ) : (
          <div className="empty">Waiting for the engine</div>
        )}
      </section>
    </div>
  );
}
