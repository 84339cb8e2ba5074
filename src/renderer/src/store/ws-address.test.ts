import { describe, expect, it } from 'vitest';
import { takeTokenFromAddress, webSocketUrl } from './ws-address.ts';

function fakeHistory() {
  const calls: (string | URL | null | undefined)[] = [];
  return { calls, state: null, replaceState: (_data: unknown, _unused: string, url?: string | URL | null) => calls.push(url) };
}

describe('takeTokenFromAddress', () => {
  it('returns the token and removes it from the address bar, keeping the rest of the address', () => {
    const history = fakeHistory();
    const token = takeTokenFromAddress({ protocol: 'http:', host: 'h:1', href: 'http://h:1/app?token=s3cret&x=1#top' }, history);
    expect(token).toBe('s3cret');
    expect(history.calls).toEqual(['/app?x=1#top']);
  });

  it('leaves the address alone when there is no token', () => {
    const history = fakeHistory();
    expect(takeTokenFromAddress({ protocol: 'http:', host: 'h', href: 'http://h/' }, history)).toBeNull();
    expect(history.calls).toEqual([]);
  });
});

describe('webSocketUrl', () => {
  it('uses wss on an https page and ws otherwise, on the same host', () => {
    expect(webSocketUrl({ protocol: 'https:', host: 'desk.example:443' }, 'a b')).toBe('wss://desk.example:443/ws?token=a%20b');
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:7420' }, 'x')).toBe('ws://127.0.0.1:7420/ws?token=x');
    expect(webSocketUrl({ protocol: 'http:', host: 'h' }, null)).toBe('ws://h/ws');
  });
});
