import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const WS_PATH = '/ws';
/** Where a tab asks whether its token is this desk's (server.ts). */
export const TOKEN_CHECK_PATH = '/token-check';

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string };

/** Hashing first gives equal lengths, so neither the comparison nor its failure reveals the token's length. */
export function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * A browser always sends Origin; it must be this server's own page (http://<Host>). Clients that are not
 * browsers send none and are let through to the token check.
 */
export function originAllowed(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  const host = headers.host;
  return host !== undefined && origin.toLowerCase() === `http://${host.toLowerCase()}`;
}

/** Decides a WebSocket upgrade before anything is upgraded: wrong path 404, foreign page 403, bad token 401. */
export function checkUpgrade(requestUrl: string, headers: IncomingHttpHeaders, token: string): UpgradeVerdict {
  const url = new URL(requestUrl, 'http://localhost');
  if (url.pathname !== WS_PATH) return { ok: false, status: 404, reason: `no WebSocket at ${url.pathname}` };
  if (!originAllowed(headers)) return { ok: false, status: 403, reason: `cross-origin request from ${headers.origin}` };
  if (!tokenMatches(url.searchParams.get('token'), token)) return { ok: false, status: 401, reason: 'missing or wrong token' };
  return { ok: true };
}
