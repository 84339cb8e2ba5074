import { describe, expect, it } from 'vitest';
import type { KeyStatus } from '../../../../shared/exchange.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../../shared/settings.ts';
import { selectMode } from '../../store/selectors.ts';
import { initialTerminalState } from '../../store/terminal-state.ts';
import { account } from '../../store/test-fixtures.ts';
import { liveSummary, modeOptions, modeStep, shadowNote } from './mode-switch.ts';

const onBinance: Settings = { ...DEFAULT_SETTINGS, exchange: { id: 'binance', testnet: true, symbols: ['BTC/USDT', 'ETH/USDT'] } };
const keys: KeyStatus = { exchangeId: 'binance', set: true, maskedKey: 'abcd…wxyz', storage: 'os-keychain', needsConsent: false };
const enabled = (settings: Settings | null, status?: KeyStatus) =>
  Object.fromEntries(modeOptions(settings, status).map((o) => [o.mode, o.reason ?? 'enabled']));

describe('the mode options', () => {
  it('always offer paper, shadow with an exchange picked (keys or not), and live only with keys', () => {
    expect(enabled(DEFAULT_SETTINGS)).toEqual({
      paper: 'enabled',
      shadow: 'Pick an exchange in Settings first.',
      live: 'Pick an exchange in Settings first.',
    });
    const noKeys = { ...keys, set: false, maskedKey: null };
    expect(enabled(onBinance, noKeys)).toEqual({ paper: 'enabled', shadow: 'enabled', live: 'Enter API keys for binance in Settings first.' });
    expect(shadowNote(noKeys)).toMatch(/^Public market data only: the balances need API keys/);
    expect(shadowNote(keys)).toBeNull();
    expect(enabled(onBinance).live).toBe('Checking the API keys…');
    expect(enabled(onBinance, keys)).toEqual({ paper: 'enabled', shadow: 'enabled', live: 'enabled' });
  });
});

describe('choosing a mode', () => {
  const [paper, shadow, live] = modeOptions(onBinance, keys);

  it('asks for confirmation before live and switches to shadow or paper at once', () => {
    expect(modeStep('paper', live!, false)).toBe('confirm');
    expect(modeStep('paper', shadow!, false)).toBe('switch');
    expect(modeStep('live', paper!, false)).toBe('switch');
  });

  it('does nothing for the current mode, a blocked mode or while a switch is running', () => {
    expect(modeStep('shadow', shadow!, false)).toBe('none');
    expect(modeStep('paper', modeOptions(DEFAULT_SETTINGS, undefined)[2]!, false)).toBe('none');
    expect(modeStep('paper', shadow!, true)).toBe('none');
  });
});

describe('the live confirmation', () => {
  it('names the exchange, the account kind, the masked key and the markets', () => {
    const info = { id: 'binance', name: 'Binance', websockets: true, testnet: true, needsPassword: false };
    expect(liveSummary(onBinance.exchange!, info, keys)).toEqual({
      exchange: 'Binance (binance)',
      network: 'TESTNET',
      maskedKey: 'abcd…wxyz',
      symbols: 'BTC/USDT, ETH/USDT',
    });
    expect(liveSummary({ ...onBinance.exchange!, testnet: false }, undefined, undefined)).toMatchObject({
      exchange: 'binance',
      network: 'REAL MONEY',
      maskedKey: '—',
    });
  });
});

describe('selectMode', () => {
  it('prefers the account mode and falls back to the saved setting', () => {
    expect(selectMode(initialTerminalState)).toBeNull();
    expect(selectMode({ ...initialTerminalState, settings: { ...DEFAULT_SETTINGS, mode: 'shadow' } })).toBe('shadow');
    const state = { ...initialTerminalState, settings: DEFAULT_SETTINGS, portfolio: { positions: [], closedTrades: [], account: { ...account, mode: 'live' as const } } };
    expect(selectMode(state)).toBe('live');
  });
});
