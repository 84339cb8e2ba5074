import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineHost } from '../../src/main/engine-host.ts';
import { createRuntime } from '../../src/main/runtime.ts';
import { PassphraseSecretStore } from '../../src/main/secrets/passphrase-secret-store.ts';
import { FileSettingsStore } from '../../src/main/settings/file-settings-store.ts';
import { TEST_KDF } from '../support/test-kdf.ts';
import type { EngineSnapshot } from '../../src/shared/state.ts';
import { snapshotOf, tradingStateOf } from '../support/trading-state.ts';

let dir: string;
let host: EngineHost;

const snapshot = (): Promise<EngineSnapshot> => snapshotOf(host);
const tradingState = () => tradingStateOf(host);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hft-desk-commands-'));
  const secrets = new PassphraseSecretStore({ dataDir: dir, passphrase: 'commands-test-passphrase', kdf: TEST_KDF });
  host = await createRuntime({ dataDir: dir, settingsStore: new FileSettingsStore(dir), secrets, log: () => {} });
});
afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('commands at the boundary', () => {
  it.each([
    ['a size of the wrong type', 'order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: '1' }, 'size'],
    ['a negative size', 'order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: -1 }, 'size'],
    ['a limit order without a price', 'order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'limit', size: 0.01 }, 'price'],
    ['an unknown side', 'order.place', { symbol: 'BTC/USDT', side: 'long', type: 'market', size: 0.01 }, 'side'],
    ['an extra field', 'order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.01, leverage: 100 }, 'leverage'],
    ['NaN for a price', 'order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'limit', size: 0.01, price: Number.NaN }, 'price'],
    ['no payload at all', 'order.cancel', null, 'clientOrderId'],
    ['a negative risk limit', 'settings.update', { riskLimits: { maxPositionValue: -5 } }, 'maxPositionValue'],
    ['a sim speed over 100x', 'settings.update', { simSpeed: 1000 }, 'simSpeed'],
    ['a strategy with a zero lookback', 'strategy.create', { kind: 'momentum', symbol: 'BTC/USDT', timeframe: '1m', params: { lookback: 0, threshold: 0.01, orderSize: 0.01 } }, 'lookback'],
  ])('rejects %s with INVALID_PAYLOAD naming the field and changes nothing', async (_what, command, payload, field) => {
    const before = await tradingState();
    const result = await host.handle(command, payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_PAYLOAD');
    expect(result.error.message).toContain(field);
    expect(await tradingState()).toEqual(before);
  });

  it('rejects an order for an unknown symbol with UNKNOWN_SYMBOL and changes nothing', async () => {
    const before = await tradingState();
    const result = await host.handle('order.place', { symbol: 'DOGE/USDT', side: 'buy', type: 'market', size: 1 });
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_SYMBOL', message: 'Unknown symbol DOGE/USDT.' } });
    expect(await tradingState()).toEqual(before);
  });

  it('rejects an unknown command by name', async () => {
    const result = await host.handle('order.teleport', {});
    expect(!result.ok && result.error.code).toBe('UNKNOWN_COMMAND');
  });

  it('answers a cancel for an order that does not exist with NOT_FOUND', async () => {
    const result = await host.handle('order.cancel', { clientOrderId: 'nope' });
    expect(!result.ok && result.error).toEqual({ code: 'NOT_FOUND', message: 'No open order nope.' });
  });

  it('refuses a strategy parameter update that fails validation as an invalid payload naming the field', async () => {
    const before = await tradingState();
    const bad = await host.handle('strategy.update', { id: 'momentum-btc', params: { threshold: -1 } });
    expect(!bad.ok && bad.error.code).toBe('INVALID_PAYLOAD');
    expect(!bad.ok && bad.error.issues).toEqual(['params.threshold: Too small: expected number to be >0']);
    const misspelt = await host.handle('strategy.update', { id: 'momentum-btc', params: { lookbak: 5 } });
    expect(!misspelt.ok && misspelt.error.code).toBe('INVALID_PAYLOAD');
    expect(!misspelt.ok && misspelt.error.message).toMatch(/lookbak/);
    const otherKind = await host.handle('strategy.update', { id: 'momentum-btc', params: { period: 5 } });
    expect(!otherKind.ok && otherKind.error).toMatchObject({
      code: 'INVALID_PAYLOAD',
      issues: ['params.period: the momentum strategy has no parameter period; it takes lookback, threshold, orderSize, stopLoss, takeProfit, trailingStop, atrPeriod'],
    });
    const huge = await host.handle('strategy.update', { id: 'momentum-btc', params: { orderSize: 1e308 } });
    expect(!huge.ok && huge.error.issues).toEqual(['params.orderSize: Too big: expected number to be <=1000000000']);
    expect(await tradingState()).toEqual(before);
  });

  it('refuses unknown keys and out-of-range numbers anywhere in a payload, naming the field', async () => {
    const before = await tradingState();
    const typo = await host.handle('settings.update', { riskLimits: { maxPositonValue: 10 } });
    expect(!typo.ok && typo.error).toMatchObject({ code: 'INVALID_PAYLOAD', issues: [expect.stringMatching(/^riskLimits: Unrecognized key: "maxPositonValue"/)] });
    const huge = await host.handle('strategy.create', { kind: 'momentum', symbol: 'BTC/USDT', timeframe: '1m', params: { lookback: 5, threshold: 0.01, orderSize: 1e308 } });
    expect(!huge.ok && huge.error.issues).toEqual(['params.orderSize: Too big: expected number to be <=1000000000']);
    const extra = await host.handle('strategy.create', { kind: 'momentum', symbol: 'BTC/USDT', timeframe: '1m', params: { lookback: 5, threshold: 0.01, orderSize: 1, bogus: 1 } });
    expect(!extra.ok && extra.error).toMatchObject({ code: 'INVALID_PAYLOAD', issues: [expect.stringMatching(/^params: Unrecognized key: "bogus"/)] });
    const pricedMarket = await host.handle('order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.01, price: 1 });
    expect(!pricedMarket.ok && pricedMarket.error).toMatchObject({
      code: 'INVALID_PAYLOAD',
      issues: ['price: a market order takes no price (it fills at the book); use a limit order to set one'],
    });
    expect(await tradingState()).toEqual(before);
  });

  it('refuses to switch to live mode without the trader confirming it', async () => {
    const result = await host.handle('mode.switch', { mode: 'live' });
    expect(!result.ok && result.error).toEqual({ code: 'REFUSED', message: 'Switching to live mode sends real orders: confirm it first.' });
    expect((await snapshot()).account.mode).toBe('paper');
  });

  it('refuses shadow mode until an exchange is picked', async () => {
    const result = await host.handle('mode.switch', { mode: 'shadow' });
    expect(!result.ok && result.error.message).toBe('Pick an exchange in Settings before switching to shadow mode.');
    expect((await snapshot()).account.mode).toBe('paper');
  });

  it('takes a settings key sent as undefined (as Electron IPC keeps them) as left out', async () => {
    const result = await host.handle('settings.update', { startingCapital: undefined, riskLimits: { maxPositionValue: 7_000 } });
    expect(result.ok).toBe(true);
    expect((await snapshot()).settings).toMatchObject({ startingCapital: 100_000, riskLimits: { maxPositionValue: 7_000 } });
  });

  it('saves a valid settings change to disk and applies the new risk limit', async () => {
    const result = await host.handle('settings.update', { simSpeed: 10, riskLimits: { maxPositionValue: 5_000 } });
    expect(result.ok).toBe(true);
    const saved = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'));
    expect(saved.simSpeed).toBe(10);
    expect(saved.riskLimits.maxPositionValue).toBe(5_000);
    expect(saved.riskLimits.dailyLossLimit).toBe(0.05);
    expect((await snapshot()).risk.limits.maxPositionValue).toBe(5_000);
  });
});
