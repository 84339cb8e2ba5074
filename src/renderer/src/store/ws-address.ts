// Where the headless host's WebSocket lives, and the one-time token handed over in the page URL.

interface AddressLocation {
  protocol: string;
  host: string;
  href: string;
}

interface AddressHistory {
  state: unknown;
  replaceState(data: unknown, unused: string, url?: string | URL | null): void;
}

/**
 * Reads the `token` query parameter and removes it from the address bar, so it stays out of
 * bookmarks, screenshots and the history; the caller keeps it in memory only.
 */
export function takeTokenFromAddress(location: AddressLocation, history: AddressHistory): string | null {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) return null;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return token;
}

export function webSocketUrl(location: Pick<AddressLocation, 'protocol' | 'host'>, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return `${scheme}://${location.host}/ws${query}`;
}

/** Where the headless host says whether a token is its own (server.ts answers 204 or 401). */
export function tokenCheckUrl(location: Pick<AddressLocation, 'protocol' | 'host'>, token: string | null): string {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return `${location.protocol}//${location.host}/token-check${query}`;
}
