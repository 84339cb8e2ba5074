import { useEffect, useState, type FormEvent } from 'react';
import type { ExchangeInfo } from '../../../../shared/exchange.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Message, type MessageState } from '../../components/Message.tsx';
import { describeError } from '../../store/actions.ts';
import { deleteKeys, loadKeyStatus, testConnection } from '../../store/exchange-actions.ts';
import { useTerminal } from '../../store/store.ts';
import {
  INITIAL_KEYS_FORM,
  describeConnectionTest,
  formatBalance,
  keyStatusText,
  keysUnavailable,
  storageLabel,
  submitKeysForm,
  type ConnectionTestView,
  type KeysDraft,
  type KeysFormState,
} from './keys-form.ts';

interface KeysSectionProps {
  exchangeId: string;
  exchange: ExchangeInfo | null;
  testnet: boolean;
}

/**
 * API keys of one exchange. Key, secret and passphrase stay in this component's state only (no
 * name attributes, so no native submit could carry them), and are cleared as soon as Save is pressed.
 */
export function KeysSection({ exchangeId, exchange, testnet }: KeysSectionProps) {
  const status = useTerminal((s) => s.exchange.keys[exchangeId]);
  const [form, setForm] = useState<KeysFormState>(INITIAL_KEYS_FORM);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [test, setTest] = useState<ConnectionTestView | null>(null);
  // A connection test speaks of the keys as they were: once they are saved or deleted, it is stale.
  const keysKey = `${status?.set}|${status?.maskedKey}|${status?.storage}`;
  useEffect(() => setTest(null), [keysKey]);
  const [actionMessage, setActionMessage] = useState<MessageState | null>(null);
  const [acting, setActing] = useState(false);

  useEffect(() => {
    void loadKeyStatus(exchangeId).then((result) => {
      if (!result.ok) setActionMessage({ kind: 'error', text: `Could not read the key status: ${describeError(result)}` });
    });
  }, [exchangeId]);

  const unavailable = keysUnavailable(status);
  const busy = form.busy || acting;
  const edit = (change: Partial<KeysDraft>) => setForm((s) => ({ ...s, draft: { ...s.draft, ...change } }));

  const save = (event: FormEvent) => {
    event.preventDefault();
    setActionMessage(null);
    void submitKeysForm(form.draft, { exchangeId, exchange, status }, setForm);
  };

  const remove = async () => {
    setConfirmDelete(false);
    setActing(true);
    const result = await deleteKeys(exchangeId);
    setActing(false);
    setForm((s) => ({ ...s, message: null }));
    setActionMessage(result.ok ? { kind: 'success', text: 'Keys deleted.' } : { kind: 'error', text: describeError(result) ?? '' });
  };

  // Keys typed and not saved yet are the ones tested: a trader checks them before storing them.
  const typed = form.draft.apiKey.trim() !== '' && form.draft.secret.trim() !== '';
  const runTest = async () => {
    setActing(true);
    setTest(null);
    const { apiKey, secret, password } = form.draft;
    const keys = typed ? { apiKey: apiKey.trim(), secret: secret.trim(), ...(password ? { password } : {}) } : undefined;
    const view = describeConnectionTest(await testConnection(exchangeId, testnet, keys));
    setActing(false);
    setTest(typed ? { ...view, text: `Typed keys, not saved yet: ${view.text}` } : view);
  };

  const name = exchange?.name ?? exchangeId;
  return (
    <form className="settings-form" onSubmit={save} autoComplete="off" noValidate>
      <fieldset className="settings-group" data-testid="settings-keys" disabled={unavailable !== null}>
        <legend>API keys — {name}</legend>
        <div className="field field-wide keys-status" data-testid="keys-status" data-set={status?.set ?? ''} data-storage={status?.storage ?? ''}>
          <span className={status?.set ? 'key-set' : 'dim'}>{keyStatusText(status)}</span>
          {status ? <span className="dim">Storage: {storageLabel(status.storage)}</span> : null}
        </div>
        {unavailable ? (
          <div className="field-wide message message-error" data-testid="keys-unavailable">
            {unavailable}
          </div>
        ) : null}
        <label className="field">
          <span className="field-label">API key</span>
          <input
            className="input"
            autoComplete="off"
            spellCheck={false}
            data-testid="keys-api-key"
            value={form.draft.apiKey}
            onChange={(e) => edit({ apiKey: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">Secret</span>
          <input
            className="input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            data-testid="keys-secret"
            value={form.draft.secret}
            onChange={(e) => edit({ secret: e.target.value })}
          />
        </label>
        {exchange?.needsPassword ? (
          <label className="field">
            <span className="field-label">Passphrase</span>
            <input
              className="input"
              type="password"
              autoComplete="off"
              spellCheck={false}
              data-testid="keys-password"
              value={form.draft.password}
              onChange={(e) => edit({ password: e.target.value })}
            />
          </label>
        ) : null}
        {status?.needsConsent ? (
          <label className="field field-check">
            <input
              type="checkbox"
              data-testid="keys-accept-weak"
              checked={form.draft.acceptWeak}
              onChange={(e) => edit({ acceptWeak: e.target.checked })}
            />
            <span>Store with weak encryption anyway (no OS keyring on this machine)</span>
          </label>
        ) : null}
        <div className="field-wide">
          <Message message={form.message ?? actionMessage} testId="keys-message" />
        </div>
        <div className="field-wide settings-inline-actions">
          <button
            type="button"
            className="btn btn-danger-outline"
            data-testid="keys-delete"
            disabled={busy || !status?.set}
            onClick={() => setConfirmDelete(true)}
          >
            Delete keys
          </button>
          <button type="button" className="btn" data-testid="keys-test" disabled={busy} onClick={() => void runTest()} title={typed ? 'Tests the keys typed above, without saving them' : 'Tests the stored keys'}>
            {typed ? 'Test these keys' : 'Test connection'}
          </button>
          <div className="header-spacer" />
          <button type="submit" className="btn btn-primary" data-testid="keys-save" disabled={busy}>
            Save keys
          </button>
        </div>
        {test ? (
          <div className={`field-wide message message-${test.kind}`} role="status" data-testid="connection-test-result" data-kind={test.kind}>
            <div>{test.text}</div>
            {test.balances.length ? (
              <ul className="balances">
                {test.balances.map((b) => (
                  <li key={b.asset} title={`free ${formatBalance(b.free)}`}>
                    <span className="num">{formatBalance(b.total)}</span> <span>{b.asset}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </fieldset>
      {confirmDelete ? (
        <ConfirmDialog title="Delete API keys" confirmLabel="Delete keys" onConfirm={() => void remove()} onCancel={() => setConfirmDelete(false)}>
          Deletes the stored keys for {name}. Shadow and live mode on {name} will not work until new keys are saved.
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
