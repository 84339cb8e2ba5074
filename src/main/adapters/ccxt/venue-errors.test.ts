import * as ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { redactor } from './redact.ts';
import { errorKind, exchangeMessage, retryAfterMs } from './venue-errors.ts';
import type { CcxtExchange } from './ccxt-module.ts';

describe('venue errors', () => {
  it('tells a refusal from a lost answer, most specific class first', () => {
    expect(errorKind(ccxt, new ccxt.PermissionDenied('x'))).toBe('permission');
    expect(errorKind(ccxt, new ccxt.AuthenticationError('x'))).toBe('auth');
    expect(errorKind(ccxt, new ccxt.InvalidNonce('x'))).toBe('clock');
    expect(errorKind(ccxt, new ccxt.DDoSProtection('x'))).toBe('rate-limit');
    expect(errorKind(ccxt, new ccxt.RateLimitExceeded('x'))).toBe('rate-limit');
    expect(errorKind(ccxt, new ccxt.OrderNotFound('x'))).toBe('not-found');
    expect(errorKind(ccxt, new ccxt.InsufficientFunds('x'))).toBe('insufficient-funds');
    expect(errorKind(ccxt, new ccxt.InvalidOrder('x'))).toBe('invalid-order');
    expect(errorKind(ccxt, new ccxt.ExchangeError('x'))).toBe('refused');
    expect(errorKind(ccxt, new ccxt.RequestTimeout('x'))).toBe('no-answer');
    expect(errorKind(ccxt, new ccxt.ExchangeNotAvailable('x'))).toBe('no-answer');
    expect(errorKind(ccxt, new ccxt.BadResponse('x'))).toBe('no-answer');
    expect(errorKind(ccxt, new TypeError('x'))).toBe('no-answer');
  });

  it("keeps the exchange's own words from ccxt's wrapped message", () => {
    const error = new ccxt.InsufficientFunds('binance {"code":-2010,"msg":"Account has insufficient balance for requested action."}');
    expect(exchangeMessage(error, (t) => t)).toBe('Account has insufficient balance for requested action.');
    expect(exchangeMessage(new ccxt.NetworkError('binance GET http://x/api closed'), (t) => t)).toBe('GET http://x/api closed');
  });

  it('removes keys, secrets and signatures from any text', () => {
    const redact = redactor({ apiKey: 'KEY12345678', secret: 'SECRET987654' });
    expect(redact('GET /api/v3/account?timestamp=1&signature=abcdef0123 key KEY12345678 secret SECRET987654')).toBe(
      'GET /api/v3/account?timestamp=1&signature=[redacted] key [redacted] secret [redacted]',
    );
  });

  it("reads the wait from the exchange's Retry-After header, else the fallback", () => {
    const exchange = { last_response_headers: { 'Retry-After': '3' } } as unknown as CcxtExchange;
    expect(retryAfterMs(exchange, 10_000)).toBe(3_000);
    expect(retryAfterMs({} as CcxtExchange, 10_000)).toBe(10_000);
  });
});
