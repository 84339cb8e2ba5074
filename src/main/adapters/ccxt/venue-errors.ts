// What a ccxt error means for the desk. ccxt's hierarchy mixes "the exchange said no" (ExchangeError
// and below: the request was refused, nothing happened) with "no answer" (OperationFailed: the request
// may or may not have been executed). Orders depend on telling the two apart.
import type { CcxtExchange, CcxtModule } from './ccxt-module.ts';
import type { Redactor } from './redact.ts';

export type ErrorKind =
  | 'closed' // the desk closed the exchange itself
  | 'permission'
  | 'auth'
  | 'clock' // timestamp outside the exchange's window: the computer's clock is off
  | 'rate-limit'
  | 'not-found'
  | 'insufficient-funds'
  | 'invalid-order'
  | 'bad-request'
  | 'refused' // any other explicit refusal from the exchange
  | 'no-answer'; // timeout, 5xx, dropped connection, unreadable reply: the outcome is unknown

/** Most specific first: PermissionDenied is an AuthenticationError, InvalidNonce a NetworkError. */
export function errorKind(ccxt: CcxtModule, error: unknown): ErrorKind {
  if (error instanceof ccxt.ExchangeClosedByUser) return 'closed';
  if (error instanceof ccxt.PermissionDenied) return 'permission';
  if (error instanceof ccxt.AuthenticationError) return 'auth';
  if (error instanceof ccxt.InvalidNonce) return 'clock';
  if (error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection) return 'rate-limit';
  if (error instanceof ccxt.OrderNotFound) return 'not-found';
  if (error instanceof ccxt.InsufficientFunds) return 'insufficient-funds';
  if (error instanceof ccxt.InvalidOrder) return 'invalid-order';
  if (error instanceof ccxt.BadRequest) return 'bad-request';
  if (error instanceof ccxt.ExchangeError) return 'refused';
  // NetworkError, RequestTimeout, ExchangeNotAvailable (5xx), BadResponse, and anything not from ccxt.
  return 'no-answer';
}

/**
 * The exchange's own words, without ccxt's "binance {json}" wrapping and without key material:
 * '{"code":-2010,"msg":"Account has insufficient balance"}' becomes 'Account has insufficient balance'.
 */
export function exchangeMessage(error: unknown, redact: Redactor): string {
  const raw = error instanceof Error ? error.message : String(error);
  const json = raw.indexOf('{');
  if (json >= 0) {
    try {
      const body = JSON.parse(raw.slice(json)) as Record<string, unknown>;
      const text = body.msg ?? body.message ?? body.error ?? body.err_msg;
      if (typeof text === 'string' && text.length > 0) return redact(text);
    } catch {
      // not JSON after all: fall through to the plain message
    }
  }
  return redact(raw.replace(/^[a-z0-9]+ /, '').slice(0, 300));
}

/**
 * How long the exchange asked us to wait, from the Retry-After header of its last reply (seconds or an
 * HTTP date), else the fallback. ccxt keeps the last reply's headers on the instance.
 */
export function retryAfterMs(exchange: CcxtExchange, fallbackMs: number, now = Date.now()): number {
  const headers = (exchange as unknown as { last_response_headers?: Record<string, string> }).last_response_headers;
  const value = headers?.['Retry-After'] ?? headers?.['retry-after'];
  if (value === undefined) return fallbackMs;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.max(seconds * 1000, 250);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(date - now, 250) : fallbackMs;
}
