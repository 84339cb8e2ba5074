import { describe, expect, it } from 'vitest';
import type { ExchangeInfo } from '../../../../shared/exchange.ts';
import { checkExchangeForm, exchangeLabel, filterExchanges, formFromExchange, parseSymbols, pickExchange } from './exchange-form.ts';

const binance: ExchangeInfo = { id: 'binance', name: 'Binance', websockets: true, testnet: true, needsPassword: false };
const kraken: ExchangeInfo = { id: 'kraken', name: 'Kraken', websockets: true, testnet: false, needsPassword: false };
const okx: ExchangeInfo = { id: 'okx', name: 'OKX', websockets: false, testnet: true, needsPassword: true };
const list = [binance, kraken, okx];

describe('parseSymbols', () => {
  it('reads comma-separated markets, upper-cased, without blanks or repeats', () => {
    expect(parseSymbols(' btc/usdt, ETH/USDT,,BTC/USDT , sol / usdc ')).toEqual({ ok: true, symbols: ['BTC/USDT', 'ETH/USDT', 'SOL/USDC'] });
  });

  it('refuses a market that is not BASE/QUOTE', () => {
    expect(parseSymbols('BTC/USDT, BTCUSDT')).toEqual({ ok: false, error: '"BTCUSDT" is not in BASE/QUOTE form, like BTC/USDT' });
    expect(parseSymbols('BTC/').ok).toBe(false);
    expect(parseSymbols('A/B/C').ok).toBe(false);
  });

  it('takes between one and ten markets', () => {
    expect(parseSymbols(' , ')).toEqual({ ok: false, error: 'needs at least one market, like BTC/USDT' });
    const eleven = Array.from({ length: 11 }, (_, i) => `C${i}/USDT`).join(',');
    expect(parseSymbols(eleven)).toEqual({ ok: false, error: 'takes at most 10 markets, not 11' });
    expect(parseSymbols(eleven.split(',').slice(0, 10).join(',')).ok).toBe(true);
  });
});

describe('the exchange form', () => {
  it('starts a new pick on the testnet and shows a saved exchange as saved', () => {
    expect(formFromExchange(null)).toEqual({ id: '', testnet: true, symbols: 'BTC/USDT' });
    expect(formFromExchange({ id: 'kraken', testnet: false, symbols: ['BTC/USD', 'ETH/USD'] })).toEqual({
      id: 'kraken',
      testnet: false,
      symbols: 'BTC/USD, ETH/USD',
    });
  });

  it('turns the testnet off for an exchange that has none, and back on for a new pick that has one', () => {
    const onKraken = pickExchange(formFromExchange(null), 'kraken', list);
    expect(onKraken.testnet).toBe(false);
    expect(pickExchange(onKraken, 'binance', list).testnet).toBe(true);
  });

  it('builds the settings.update exchange from valid fields', () => {
    expect(checkExchangeForm({ id: 'binance', testnet: true, symbols: 'btc/usdt, eth/usdt' }, list)).toEqual({
      ok: true,
      request: { id: 'binance', testnet: true, symbols: ['BTC/USDT', 'ETH/USDT'] },
    });
  });

  it('reports a missing exchange, a testnet that does not exist and bad markets together', () => {
    expect(checkExchangeForm({ id: '', testnet: true, symbols: 'x' }, list)).toEqual({
      ok: false,
      errors: { id: 'Pick an exchange', symbols: 'Markets "x" is not in BASE/QUOTE form, like BTC/USDT' },
    });
    expect(checkExchangeForm({ id: 'kraken', testnet: true, symbols: 'BTC/USD' }, list)).toEqual({
      ok: false,
      errors: { testnet: 'Kraken has no testnet' },
    });
    expect(checkExchangeForm({ id: 'nosuch', testnet: false, symbols: 'BTC/USD' }, list)).toMatchObject({ ok: false });
  });

  it('still saves a known id while the exchange list has not loaded', () => {
    expect(checkExchangeForm({ id: 'binance', testnet: false, symbols: 'BTC/USDT' }, null).ok).toBe(true);
  });
});

describe('the exchange picker', () => {
  it('filters by name or id and keeps the picked exchange listed', () => {
    expect(filterExchanges(list, 'KRA', '').map((e) => e.id)).toEqual(['kraken']);
    expect(filterExchanges(list, 'kra', 'okx').map((e) => e.id)).toEqual(['kraken', 'okx']);
    expect(filterExchanges(list, '  ', '')).toHaveLength(3);
  });

  it('labels each exchange with WS or REST, its testnet and a passphrase when needed', () => {
    expect(exchangeLabel(binance)).toBe('Binance — WS · testnet');
    expect(exchangeLabel(kraken)).toBe('Kraken — WS');
    expect(exchangeLabel(okx)).toBe('OKX — REST · testnet · passphrase');
  });
});
