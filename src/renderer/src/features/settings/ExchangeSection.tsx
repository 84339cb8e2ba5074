import { useEffect, useState } from 'react';
import type { ExchangeSettings } from '../../../../shared/exchange.ts';
import { useCheckedSubmit } from '../../components/use-checked-submit.ts';
import { Message } from '../../components/Message.tsx';
import { describeError } from '../../store/actions.ts';
import { loadExchanges, saveExchange } from '../../store/exchange-actions.ts';
import { useTerminal } from '../../store/store.ts';
import {
  checkExchangeForm,
  exchangeLabel,
  filterExchanges,
  formFromExchange,
  pickExchange,
  type ExchangeForm,
  type ExchangeFormError,
} from './exchange-form.ts';
import { KeysSection } from './KeysSection.tsx';

/** The exchange for shadow and live mode, and below it the API keys of the exchange picked. */
export function ExchangeSection({ saved }: { saved: ExchangeSettings | null }) {
  const list = useTerminal((s) => s.exchange.list);
  const [form, setForm] = useState<ExchangeForm>(() => formFromExchange(saved));
  const [query, setQuery] = useState('');
  const { errors, message, setMessage, busy, submit: save } = useCheckedSubmit<ExchangeFormError, ExchangeSettings, 'settings.update'>({
    check: () => checkExchangeForm(form, list),
    send: saveExchange,
    saved: 'Exchange saved.',
    onSaved: (result) => setForm(formFromExchange(result.value.exchange)),
  });

  useEffect(() => {
    if (list) return;
    void loadExchanges().then((result) => {
      if (!result.ok) setMessage({ kind: 'error', text: `Could not list exchanges: ${describeError(result)}` });
    });
  }, [list]);

  const info = list?.find((e) => e.id === form.id) ?? null;
  const options = filterExchanges(list ?? [], query, form.id);
  // A saved exchange the list does not (yet) hold is still shown as picked.
  const unknownPick = form.id !== '' && !options.some((e) => e.id === form.id);


  return (
    <>
      <form className="settings-form" onSubmit={(e) => void save(e)} noValidate>
        <fieldset className="settings-group" data-testid="settings-exchange-section">
          <legend>Exchange (shadow &amp; live)</legend>
          <label className="field">
            <span className="field-label">Search</span>
            <input
              className="input"
              type="search"
              placeholder={list ? `${list.length} exchanges` : 'Loading exchanges…'}
              data-testid="settings-exchange-search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
          <label className="field">
            <span className="field-label">Exchange</span>
            <select
              className="select"
              data-testid="settings-exchange"
              aria-invalid={errors.id !== undefined}
              value={form.id}
              onChange={(e) => setForm(pickExchange(form, e.target.value, list))}
            >
              <option value="">{list ? 'Pick an exchange…' : 'Loading…'}</option>
              {unknownPick ? <option value={form.id}>{form.id}</option> : null}
              {options.map((e) => (
                <option key={e.id} value={e.id}>
                  {exchangeLabel(e)}
                </option>
              ))}
            </select>
            {errors.id ? <span className="field-error">{errors.id}</span> : null}
          </label>
          {info ? (
            <div className="exchange-tags" data-testid="settings-exchange-info">
              <span className={info.websockets ? 'tag tag-ws' : 'tag'} data-testid="exchange-ws" title={info.websockets ? 'Streams over WebSocket' : 'Polls over REST'}>
                {info.websockets ? 'WS' : 'REST'}
              </span>
              <span className={info.testnet ? 'tag tag-testnet' : 'tag tag-off'} data-testid="exchange-testnet">
                {info.testnet ? 'testnet' : 'no testnet'}
              </span>
              {info.needsPassword ? <span className="tag">passphrase</span> : null}
            </div>
          ) : null}
          <div className="field field-check">
            <button
              type="button"
              role="switch"
              className="switch"
              aria-checked={form.testnet}
              aria-label="Use the testnet"
              data-testid="settings-exchange-testnet"
              disabled={info !== null && !info.testnet}
              onClick={() => setForm({ ...form, testnet: !form.testnet })}
            />
            <span>{form.testnet ? 'Testnet (sandbox money)' : 'Real account (real money)'}</span>
            {errors.testnet ? <span className="field-error">{errors.testnet}</span> : null}
          </div>
          <label className="field field-wide">
            <span className="field-label">Markets (comma-separated, up to 10)</span>
            <input
              className="input"
              placeholder="BTC/USDT, ETH/USDT"
              spellCheck={false}
              data-testid="settings-exchange-symbols"
              aria-invalid={errors.symbols !== undefined}
              value={form.symbols}
              onChange={(e) => setForm({ ...form, symbols: e.target.value })}
            />
            {errors.symbols ? (
              <span className="field-error" data-testid="settings-exchange-symbols-error">
                {errors.symbols}
              </span>
            ) : null}
          </label>
          <div className="field-wide settings-inline-actions">
            <Message message={message} testId="settings-exchange-message" />
            <button type="submit" className="btn btn-primary" data-testid="settings-exchange-save" disabled={busy}>
              Save exchange
            </button>
          </div>
        </fieldset>
      </form>
      {/* Remounted per exchange: a half-typed key never carries over to another exchange. */}
      {form.id !== '' ? <KeysSection key={form.id} exchangeId={form.id} exchange={info} testnet={form.testnet} /> : null}
    </>
  );
}
