import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../shared/contract.ts';
import { createWsTransport, parseServerMessage, reconnectDelay, type SocketLike } from './ws-transport.ts';
import { snapshot } from './test-fixtures.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
    this.onclose?.({});
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
}

function setup(tokenAccepted?: () => Promise<boolean>) {
  const sockets: FakeSocket[] = [];
  const statuses: string[] = [];
  const transport = createWsTransport({
    url: 'ws://host/ws?token=t',
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    onStatus: (status) => statuses.push(status),
    random: () => 0.5,
    tokenAccepted,
  });
  return { transport, sockets, statuses, latest: () => sockets[sockets.length - 1] };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the WebSocket transport', () => {
  it('sends commands with an id and resolves with the reply carrying that id', async () => {
    const { transport, latest } = setup();
    latest().open();
    const pending = transport.invoke('order.cancel', { clientOrderId: 'c1' });
    expect(latest().sent).toEqual([{ id: 1, command: 'order.cancel', payload: { clientOrderId: 'c1' } }]);
    latest().receive({ id: 1, result: { ok: false, error: { code: 'NOT_FOUND', message: 'no such order' } } });
    await expect(pending).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no such order' } });
  });

  it('passes pushed events to every listener until it unsubscribes', () => {
    const { transport, latest } = setup();
    const seen: EngineEvent[] = [];
    const unsubscribe = transport.onEvent((event) => seen.push(event));
    latest().open();
    latest().receive({ event: 'state.snapshot', payload: snapshot() });
    unsubscribe();
    latest().receive({ event: 'state.delta', payload: { seq: 1, ts: 1 } });
    expect(seen.map((e) => e.event)).toEqual(['state.snapshot']);
  });

  it('refuses a command while disconnected without sending it', async () => {
    const { transport, latest } = setup();
    const result = await transport.invoke('risk.resume', {});
    expect(result.ok).toBe(false);
    expect(latest().sent).toEqual([]);
  });

  it('answers commands in flight when the connection drops, warning that an order may have been placed', async () => {
    const { transport, latest } = setup();
    latest().open();
    const pending = transport.invoke('order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 1 });
    latest().drop();
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/may have been placed/);
  });

  it('gives up waiting for an answer after the request timeout', async () => {
    const { transport, latest } = setup();
    latest().open();
    const pending = transport.invoke('risk.resume', {});
    vi.advanceTimersByTime(15_000);
    const result = await pending;
    expect(!result.ok && result.error.message).toMatch(/No answer/);
  });

  it('reconnects with growing delays and reports each state', () => {
    const { sockets, statuses, latest } = setup();
    latest().open();
    latest().drop();
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting']);
    vi.advanceTimersByTime(249);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    latest().drop();
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    latest().open();
    expect(statuses.at(-1)).toBe('open');
  });

  it('stops reconnecting once closed', () => {
    const { transport, sockets, statuses, latest } = setup();
    latest().open();
    transport.close();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(statuses.at(-1)).toBe('closed');
  });
});

describe('reconnectDelay', () => {
  it('doubles from 250 ms up to 10 s, with jitter of at most a fifth', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 10].map((attempt) => reconnectDelay(attempt, middle))).toEqual([250, 500, 1000, 2000, 10_000]);
    expect(reconnectDelay(0, () => 0)).toBe(200);
    expect(reconnectDelay(0, () => 1)).toBe(300);
  });
});

describe('parseServerMessage', () => {
  it('recognises replies and events and ignores anything else', () => {
    expect(parseServerMessage('{"id":3,"result":{"ok":true,"value":1}}')).toEqual({ kind: 'result', id: 3, result: { ok: true, value: 1 } });
    expect(parseServerMessage('{"event":"state.delta","payload":{"seq":1,"ts":1}}')?.kind).toBe('event');
    expect(parseServerMessage('{"event":"backtest.progress","payload":{"runId":"r1"}}')?.kind).toBe('event');
    expect(parseServerMessage('{"event":"sweep.progress","payload":{"sweepId":"s1"}}')?.kind).toBe('event');
    expect(parseServerMessage('{"event":"toString","payload":{}}')).toBeNull();
    expect(parseServerMessage('not json')).toBeNull();
    expect(parseServerMessage('{"event":"other","payload":{}}')).toBeNull();
    expect(parseServerMessage('{"id":null,"result":{"ok":false}}')).toBeNull();
  });
});

describe('a token the desk refuses', () => {
  it('stops reconnecting and says the token is refused, rather than "Reconnecting…" forever', async () => {
    const { sockets, statuses } = setup(async () => false);
    sockets[0]!.drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(statuses.at(-1)).toBe('unauthorized');
    expect(sockets).toHaveLength(1);
  });

  it('keeps reconnecting to a desk that is down or cannot answer, and asks only about connections that never opened', async () => {
    let asked = 0;
    const { sockets, statuses } = setup(async () => {
      asked++;
      throw new Error('connection refused');
    });
    sockets[0]!.open();
    sockets[0]!.drop();
    expect(asked).toBe(0);
    await vi.advanceTimersByTimeAsync(300);
    sockets[1]!.drop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(asked).toBe(1);
    expect(statuses).not.toContain('unauthorized');
    expect(sockets.length).toBeGreaterThan(2);
  });
});
