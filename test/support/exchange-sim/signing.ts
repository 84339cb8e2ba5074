// Binance's request authentication, checked for real: API key, HMAC-SHA256 signature, timestamp and recvWindow.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BinanceError } from './binance-error.ts';

export interface Credentials {
  apiKey: string;
  secret: string;
}

export function hmacHex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

const BAD_SIGNATURE = (): BinanceError => new BinanceError(400, -1022, 'Signature for this request is not valid.');

export function checkApiKey(given: string | undefined, creds: Credentials): void {
  if (!given) throw new BinanceError(401, -2014, 'API-key format invalid.');
  if (given !== creds.apiKey) throw new BinanceError(401, -2015, 'Invalid API-key, IP, or permissions for action.');
}

/** REST: the signed payload is the raw query string followed by the raw body, each without its signature pair. */
export function checkRestSignature(rawQuery: string, rawBody: string, creds: Credentials): void {
  let signature: string | undefined;
  const strip = (raw: string): string =>
    raw.split('&').filter((pair) => {
      if (!pair.startsWith('signature=')) return pair.length > 0;
      signature = decodeURIComponent(pair.slice('signature='.length));
      return false;
    }).join('&');
  const payload = strip(rawQuery) + strip(rawBody);
  if (!signature || !sameHex(signature, hmacHex(creds.secret, payload))) throw BAD_SIGNATURE();
}

/** WebSocket API: the payload is every param but the signature, sorted by name, joined as key=value&... */
export function checkWsSignature(params: Record<string, unknown>, creds: Credentials): void {
  const signature = params['signature'];
  const payload = Object.keys(params).filter((k) => k !== 'signature').sort()
    .map((k) => `${k}=${String(params[k])}`).join('&');
  if (typeof signature !== 'string' || !sameHex(signature, hmacHex(creds.secret, payload))) throw BAD_SIGNATURE();
}

export function checkTimestamp(timestamp: unknown, recvWindow: unknown, serverTime: number): void {
  const ts = Number(timestamp);
  if (timestamp === undefined || timestamp === null || timestamp === '' || !Number.isFinite(ts)) {
    throw new BinanceError(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
  }
  const window = recvWindow === undefined ? 5000 : Number(recvWindow);
  if (!Number.isFinite(window) || window > 60_000) throw new BinanceError(400, -1131, 'recvWindow must be less than 60000');
  if (ts > serverTime + 1000) throw new BinanceError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
  if (serverTime - ts > window) throw new BinanceError(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
}
