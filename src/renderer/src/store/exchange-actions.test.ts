import { beforeEach, describe, expect, it } from 'vitest';
import type { ExchangeInfo, KeyStatus } from '../../../shared/exchange.ts';
import { DEFAULT_SETTINGS } from '../../../shared/settings.ts';
import { deleteKeys, loadExchanges, loadKeyStatus, saveExchange, switchMode, testConnection } from './exchange-actions.ts';
import { installFakeEngine, type FakeEngine } from './fake-engine.ts';
import { applyDelta, applySnapshot, setKeyStatus } from './reducers.ts';
import { useTerminal } from './store.ts';
import { initialTerminalState } from './terminal-state.ts';
import { snapshot } from './test-fixtures.ts';

const kraken: ExchangeInfo = { id: 'kraken', name: 'Kraken', websockets: true, testnet: false, needsPassword: false };
const binance: ExchangeInfo = { id: 'binance', name: 'Binance', websockets: true, testnet: true, needsPassword: false };
const keySet: KeyStatus = { exchangeId: 'binance', set: true, maskedKey: 'abcd…wxyz', storage: 'os-keychain', needsConsent: false };

let fake: FakeEngine;
beforeEach(() => {
  useTerminal.setState(initialTerminalState, true);
  fake = installFakeEngine();
});

describe('exchange actions', () => {
  it('stores the exchange list sorted by name', async () => {
    fake.answer('exchanges.list', () => ({ ok: true, value: [kraken, binance] }));
    await loadExchanges();
    expect(useTerminal.getState().exchange.list?.map((e) => e.id)).toEqual(['binance', 'kraken']);
  });

  it('keeps the key status of each exchange and replaces it after a delete', async () => {
    fake.answer('keys.status', () => ({ ok: true, value: keySet }));
    fake.answer('keys.delete', () => ({ ok: true, value: { ...keySet, set: false, maskedKey: null } }));
    await loadKeyStatus('binance');
    expect(useTerminal.getState().exchange.keys.binance?.maskedKey).toBe('abcd…wxyz');
    await deleteKeys('binance');
    expect(useTerminal.getState().exchange.keys.binance).toMatchObject({ set: false, maskedKey: null });
    expect(fake.calls.map((c) => c.payload)).toEqual([{ exchangeId: 'binance' }, { exchangeId: 'binance' }]);
  });

  it('copies only the known fields of a key status into the store', () => {
    const leaky = { ...keySet, secret: 'should-never-be-here' } as KeyStatus;
    const state = setKeyStatus(initialTerminalState, leaky);
    expect(JSON.stringify(state)).not.toContain('should-never-be-here');
  });

  it('asks for confirmation only on the way to live and stores the settings the engine answers', async () => {
    fake.answer('mode.switch', (payload) => ({ ok: true, value: { ...DEFAULT_SETTINGS, mode: payload.mode } }));
    await switchMode('shadow');
    await switchMode('live', true);
    expect(fake.calls.map((c) => c.payload)).toEqual([{ mode: 'shadow' }, { mode: 'live', confirmLive: true }]);
    expect(useTerminal.getState().settings?.mode).toBe('live');
  });

  it('leaves the settings alone when the switch is refused', async () => {
    useTerminal.setState((s) => ({ ...s, settings: DEFAULT_SETTINGS }));
    fake.answer('mode.switch', () => ({ ok: false, error: { code: 'REFUSED', message: 'live mode needs API keys for binance' } }));
    const result = await switchMode('live', true);
    expect(result.ok).toBe(false);
    expect(useTerminal.getState().settings?.mode).toBe('paper');
  });

  it('saves the exchange through settings.update', async () => {
    const exchange = { id: 'binance', testnet: true, symbols: ['BTC/USDT'] };
    fake.answer('settings.update', (patch) => ({ ok: true, value: { ...DEFAULT_SETTINGS, exchange: patch.exchange ?? null } }));
    await saveExchange(exchange);
    expect(fake.calls).toEqual([{ command: 'settings.update', payload: { exchange } }]);
    expect(useTerminal.getState().settings?.exchange).toEqual(exchange);
  });

  it('tests the connection without touching the store', async () => {
    fake.answer('keys.test', () => ({ ok: true, value: { ok: true, message: 'Connected.' } }));
    const before = useTerminal.getState();
    await testConnection('binance', true);
    expect(fake.calls[0]?.payload).toEqual({ exchangeId: 'binance', testnet: true });
    expect(useTerminal.getState()).toBe(before);
  });
});

describe('the exchange slice', () => {
  it('survives snapshots and deltas, which do not carry it', () => {
    const withKeys = setKeyStatus(initialTerminalState, keySet);
    const afterSnapshot = applySnapshot(withKeys, snapshot());
    expect(afterSnapshot.exchange).toBe(withKeys.exchange);
    expect(applyDelta(afterSnapshot, { seq: 1, ts: 1 }).exchange).toBe(withKeys.exchange);
  });
});
