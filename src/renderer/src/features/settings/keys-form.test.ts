import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandResult } from '../../../../shared/contract.ts';
import type { ExchangeInfo, KeyStatus } from '../../../../shared/exchange.ts';
import { installFakeEngine, type FakeEngine } from '../../store/fake-engine.ts';
import { useTerminal } from '../../store/store.ts';
import { initialTerminalState } from '../../store/terminal-state.ts';
import {
  EMPTY_KEYS,
  INITIAL_KEYS_FORM,
  checkKeysDraft,
  describeConnectionTest,
  keyStatusText,
  keysUnavailable,
  storageLabel,
  submitKeysForm,
  type KeysContext,
  type KeysDraft,
  type KeysFormState,
} from './keys-form.ts';

const API_KEY = 'AKIA-live-key-1234567890';
const SECRET = 'SECRET-do-not-leak-9f8e7d6c5b4a';
const PASSPHRASE = 'PASSPHRASE-do-not-leak-77';

const okx: ExchangeInfo = { id: 'okx', name: 'OKX', websockets: true, testnet: true, needsPassword: true };
const binance: ExchangeInfo = { id: 'binance', name: 'Binance', websockets: true, testnet: true, needsPassword: false };
const noKey = (overrides: Partial<KeyStatus> = {}): KeyStatus => ({
  exchangeId: 'okx',
  set: false,
  maskedKey: null,
  storage: 'os-keychain',
  needsConsent: false,
  ...overrides,
});
const saved: KeyStatus = { exchangeId: 'okx', set: true, maskedKey: 'AKIA…7890', storage: 'os-keychain', needsConsent: false };
const draft = (overrides: Partial<KeysDraft> = {}): KeysDraft => ({ apiKey: API_KEY, secret: SECRET, password: PASSPHRASE, acceptWeak: false, ...overrides });
const okxContext = (status: KeyStatus = noKey()): KeysContext => ({ exchangeId: 'okx', exchange: okx, status });

/** The form's state as React would hold it, driven through the same updater functions. */
function formHarness() {
  let state: KeysFormState = { ...INITIAL_KEYS_FORM, draft: draft() };
  const history: KeysFormState[] = [];
  const update = (change: (s: KeysFormState) => KeysFormState) => {
    state = change(state);
    history.push(state);
  };
  return { update, history, current: () => state };
}

class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  dump() {
    return JSON.stringify([...this.items]);
  }
}

let fake: FakeEngine;
let local: MemoryStorage;
let session: MemoryStorage;
const ADDRESS = 'http://127.0.0.1:7420/';
let location: { href: string };
const consoleSpies: { mock: { calls: unknown[][] }; mockRestore: () => void }[] = [];

beforeEach(() => {
  useTerminal.setState(initialTerminalState, true);
  fake = installFakeEngine();
  local = new MemoryStorage();
  session = new MemoryStorage();
  location = { href: ADDRESS };
  vi.stubGlobal('localStorage', local);
  vi.stubGlobal('sessionStorage', session);
  vi.stubGlobal('window', { localStorage: local, sessionStorage: session, location });
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    consoleSpies.push(vi.spyOn(console, method).mockImplementation(() => undefined));
  }
});

afterEach(() => {
  vi.unstubAllGlobals();
  for (const spy of consoleSpies.splice(0)) spy.mockRestore();
});

/** Every place in the renderer a secret could linger, as one string. */
function everywhere(): string {
  const logged = consoleSpies.flatMap((spy) => spy.mock.calls.flat().map((arg: unknown) => (typeof arg === 'string' ? arg : JSON.stringify(arg))));
  return [JSON.stringify(useTerminal.getState()), local.dump(), session.dump(), location.href, ...logged].join('\n');
}

describe('saving API keys', () => {
  it('sends key, secret and passphrase to the engine once and leaves no trace of them in the store, storage, address or log', async () => {
    fake.answer('keys.set', () => ({ ok: true, value: saved }));
    const form = formHarness();
    await submitKeysForm(form.current().draft, okxContext(), form.update);

    expect(fake.calls).toEqual([{ command: 'keys.set', payload: { exchangeId: 'okx', apiKey: API_KEY, secret: SECRET, password: PASSPHRASE } }]);
    expect(form.current()).toEqual({ draft: EMPTY_KEYS, busy: false, message: { kind: 'success', text: 'Keys saved (OS keychain).' } });
    expect(useTerminal.getState().exchange.keys.okx).toEqual(saved);
    const traces = everywhere();
    for (const material of [SECRET, PASSPHRASE, API_KEY]) expect(traces).not.toContain(material);
    expect(local.length + session.length).toBe(0);
    expect(location.href).toBe(ADDRESS);
  });

  it('clears the form before the engine answers, and keeps it clear when the engine refuses', async () => {
    let answer: (result: CommandResult<'keys.set'>) => void = () => undefined;
    fake.answer('keys.set', () => new Promise((resolve) => (answer = resolve)));
    const form = formHarness();
    const pending = submitKeysForm(form.current().draft, okxContext(), form.update);

    expect(form.current()).toMatchObject({ draft: EMPTY_KEYS, busy: true });
    await vi.waitFor(() => expect(fake.calls).toHaveLength(1));
    answer({ ok: false, error: { code: 'REFUSED', message: `The exchange rejected ${SECRET}` } });
    await pending;

    expect(form.current().draft).toEqual(EMPTY_KEYS);
    expect(form.current().message).toEqual({ kind: 'error', text: 'The exchange rejected •••' });
    // No state of the form after Save was pressed held the secret.
    expect(form.history.some((s) => JSON.stringify(s).includes(SECRET))).toBe(false);
    expect(everywhere()).not.toContain(SECRET);
  });

  it('clears the form when the draft fails its own check, sending nothing', async () => {
    const form = formHarness();
    await submitKeysForm(draft({ secret: 'short' }), okxContext(), form.update);
    expect(fake.calls).toEqual([]);
    expect(form.current().draft).toEqual(EMPTY_KEYS);
    expect(form.current().message).toEqual({ kind: 'error', text: 'Secret must be at least 8.' });
  });

  it('clears the form even when the transport throws', async () => {
    fake.answer('keys.set', () => Promise.reject(new Error(`socket died holding ${SECRET}`)));
    const form = formHarness();
    await submitKeysForm(form.current().draft, okxContext(), form.update);
    expect(form.current()).toMatchObject({ draft: EMPTY_KEYS, busy: false, message: { kind: 'error' } });
    expect(everywhere()).not.toContain(SECRET);
  });
});

describe('the keys draft check', () => {
  it('sends a passphrase only to exchanges that need one', () => {
    const check = checkKeysDraft(draft(), { exchangeId: 'binance', exchange: binance, status: noKey({ exchangeId: 'binance' }) });
    expect(check.ok && check.request).toEqual({ exchangeId: 'binance', apiKey: API_KEY, secret: SECRET });
  });

  it('requires the passphrase where the exchange needs one', () => {
    expect(checkKeysDraft(draft({ password: ' ' }), okxContext())).toEqual({ ok: false, error: 'Passphrase is required for this exchange.' });
  });

  it('refuses weak storage until the trader ticks the consent box, then sends the consent', () => {
    const weak = okxContext(noKey({ storage: 'basic-text', needsConsent: true }));
    const refused = checkKeysDraft(draft(), weak);
    expect(refused.ok).toBe(false);
    const accepted = checkKeysDraft(draft({ acceptWeak: true }), weak);
    expect(accepted.ok && accepted.request.acceptWeakStorage).toBe(true);
  });

  it('refuses everything when keys cannot be stored, giving the reason', () => {
    const status = noKey({ storage: 'unavailable', unavailableReason: 'Headless without HFT_DESK_PASSPHRASE: keys cannot be stored.' });
    expect(keysUnavailable(status)).toBe('Headless without HFT_DESK_PASSPHRASE: keys cannot be stored.');
    expect(checkKeysDraft(draft(), okxContext(status))).toEqual({ ok: false, error: status.unavailableReason });
    expect(keysUnavailable(noKey())).toBeNull();
  });
});

describe('the key status line', () => {
  it('shows the masked key or that there is none, and where keys are stored', () => {
    expect(keyStatusText(saved)).toBe('Key set: AKIA…7890');
    expect(keyStatusText(noKey())).toBe('No key');
    expect(keyStatusText(undefined)).toBe('Checking…');
    expect(['os-keychain', 'passphrase', 'basic-text'].map((s) => storageLabel(s as KeyStatus['storage']))).toEqual([
      'OS keychain',
      'passphrase-encrypted file',
      'weak (basic_text)',
    ]);
  });
});

describe('the connection test result', () => {
  it('shows success with the largest non-zero balances, at most five', () => {
    const balances = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((asset, i) => ({ asset, free: i, total: i }));
    const view = describeConnectionTest({ ok: true, value: { ok: true, message: 'Connected to Binance testnet.', balances } });
    expect(view.kind).toBe('success');
    expect(view.text).toBe('Connected to Binance testnet.');
    expect(view.balances.map((b) => b.asset)).toEqual(['G', 'F', 'E', 'D', 'C']);
  });

  it('shows the problem sentence when the test or the command fails', () => {
    const bad = describeConnectionTest({ ok: true, value: { ok: false, problem: 'CLOCK_SKEW', message: 'Your clock is 3 s off.' } });
    expect(bad).toEqual({ kind: 'error', text: 'Your clock is 3 s off.', balances: [] });
    const failed = describeConnectionTest({ ok: false, error: { code: 'INTERNAL', message: 'Engine busy' } });
    expect(failed).toEqual({ kind: 'error', text: 'Engine busy', balances: [] });
  });
});
