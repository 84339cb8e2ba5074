import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { CommandName, CommandResult, EngineEvent, ServerMessage } from '../../shared/contract.ts';
import type { EngineHost } from '../engine-host.ts';
import { MAX_MESSAGE_BYTES, SLOW_CLIENT_CLOSE_CODE } from './connection.ts';
import { startHeadlessServer, type HeadlessServer } from './server.ts';

const TOKEN = 'test-token-0123456789';

/** A transport test: the host only records commands and lets the test push events. */
class TestHost implements EngineHost {
  readonly listeners = new Set<(event: EngineEvent) => void>();
  readonly handled: Array<{ command: string; payload: unknown }> = [];

  async handle(command: string, payload: unknown): Promise<CommandResult<CommandName>> {
    this.handled.push({ command, payload });
    if (command === 'order.cancelAll') return { ok: true, value: { cancelled: 3 } };
    if (command === 'risk.killSwitch') throw new Error('engine exploded');
    return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `Unknown command ${command}.` } };
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    listener(delta(0));
    return () => this.listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async stop(): Promise<void> {}
}

function delta(seq: number, message = 'hello'): EngineEvent {
  return { event: 'state.delta', payload: { seq, ts: 0, log: [{ ts: 0, level: 'info', source: 'system', message }] } };
}

/** A WebSocket client that queues what it receives so tests can await the next message. */
class Client {
  readonly received: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly ws: WebSocket;
  #waiters: Array<() => void> = [];

  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      this.received.push(JSON.parse(String(data)) as ServerMessage);
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  async next(match: (message: ServerMessage) => boolean): Promise<ServerMessage> {
    for (;;) {
      const index = this.received.findIndex(match);
      if (index >= 0) return this.received.splice(index, 1)[0];
      await new Promise<void>((wake) => this.#waiters.push(wake));
    }
  }

  reply(id: number | null): Promise<ServerMessage> {
    return this.next((message) => 'id' in message && message.id === id);
  }
}

let rootDir: string;
let host: TestHost;
let server: HeadlessServer | null;
const clients: WebSocket[] = [];

beforeEach(() => {
  rootDir = mkdtempSync(join(tmpdir(), 'hft-headless-'));
  mkdirSync(join(rootDir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(rootDir, 'renderer', 'index.html'), '<!doctype html><title>HFT Desk</title>');
  writeFileSync(join(rootDir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(rootDir, 'package.json'), '{"secret":"SECRET-OUTSIDE-RENDERER"}');
  host = new TestHost();
  server = null;
});

afterEach(async () => {
  for (const ws of clients.splice(0)) ws.terminate();
  await server?.close();
  rmSync(rootDir, { recursive: true, force: true });
});

async function start(): Promise<HeadlessServer> {
  server = await startHeadlessServer({ host, rendererDir: join(rootDir, 'renderer'), port: 0, token: TOKEN });
  return server;
}

function wsUrl(s: HeadlessServer, query: string): string {
  return `${s.url.replace('http:', 'ws:')}ws${query}`;
}

/** Resolves with the HTTP status of a refused upgrade, or 101 when it was accepted. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    clients.push(ws);
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => resolve(101));
    ws.on('error', reject);
  });
}

async function connect(s: HeadlessServer): Promise<Client> {
  const ws = new WebSocket(wsUrl(s, `?token=${TOKEN}`));
  clients.push(ws);
  const client = new Client(ws);
  await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
  return client;
}

function get(s: HeadlessServer, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    // node:http sends the path as written, so "/../x" reaches the server un-normalized, like a hostile client.
    const req = request({ host: '127.0.0.1', port: s.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('headless server: WebSocket access', () => {
  it('binds to 127.0.0.1 by default', async () => {
    const s = await start();
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/`);
    expect(s.port).toBeGreaterThan(0);
  });

  it('refuses an upgrade without a token with 401', async () => {
    const s = await start();
    expect(await upgradeStatus(wsUrl(s, ''))).toBe(401);
  });

  it('refuses an upgrade with a wrong token with 401', async () => {
    const s = await start();
    expect(await upgradeStatus(wsUrl(s, '?token=not-the-token'))).toBe(401);
  });

  it('refuses a cross-origin upgrade with 403 even with the right token', async () => {
    const s = await start();
    expect(await upgradeStatus(wsUrl(s, `?token=${TOKEN}`), { Origin: 'http://evil.example' })).toBe(403);
  });

  it("accepts an upgrade from the server's own page with the right token", async () => {
    const s = await start();
    expect(await upgradeStatus(wsUrl(s, `?token=${TOKEN}`), { Origin: `http://127.0.0.1:${s.port}` })).toBe(101);
  });

  it('refuses upgrades on paths other than /ws with 404', async () => {
    const s = await start();
    expect(await upgradeStatus(`${s.url.replace('http:', 'ws:')}other?token=${TOKEN}`)).toBe(404);
  });
});

describe('headless server: engine traffic', () => {
  it('sends the subscription events first and forwards later ones', async () => {
    const client = await connect(await start());
    expect(await client.next(() => true)).toEqual(delta(0));
    host.emit(delta(1, 'later'));
    expect(await client.next(() => true)).toEqual(delta(1, 'later'));
  });

  it('round-trips a command to the host and back by id', async () => {
    const client = await connect(await start());
    client.ws.send(JSON.stringify({ id: 7, command: 'order.cancelAll', payload: {} }));
    expect(await client.reply(7)).toEqual({ id: 7, result: { ok: true, value: { cancelled: 3 } } });
    expect(host.handled).toEqual([{ command: 'order.cancelAll', payload: {} }]);
  });

  it('answers malformed JSON with INVALID_PAYLOAD and id null, and the connection stays usable', async () => {
    const client = await connect(await start());
    client.ws.send('{not json');
    const reply = await client.reply(null);
    expect(reply).toMatchObject({ id: null, result: { ok: false, error: { code: 'INVALID_PAYLOAD' } } });
    client.ws.send(JSON.stringify({ id: 2, command: 'order.cancelAll', payload: {} }));
    expect(await client.reply(2)).toMatchObject({ id: 2, result: { ok: true } });
  });

  it('answers a message without a command with INVALID_PAYLOAD under its id, without calling the host', async () => {
    const client = await connect(await start());
    client.ws.send(JSON.stringify({ id: 3, payload: {} }));
    expect(await client.reply(3)).toMatchObject({ result: { ok: false, error: { code: 'INVALID_PAYLOAD' } } });
    expect(host.handled).toEqual([]);
  });

  it('turns a host that throws into an INTERNAL error reply', async () => {
    const client = await connect(await start());
    client.ws.send(JSON.stringify({ id: 4, command: 'risk.killSwitch', payload: {} }));
    expect(await client.reply(4)).toMatchObject({ result: { ok: false, error: { code: 'INTERNAL' } } });
  });

  it('closes a connection that sends a message over the size cap with 1009', async () => {
    const client = await connect(await start());
    client.ws.send(JSON.stringify({ id: 5, command: 'order.cancelAll', payload: 'x'.repeat(MAX_MESSAGE_BYTES) }));
    expect((await client.closed).code).toBe(1009);
    expect(host.handled).toEqual([]);
  });

  it('closes a client that falls megabytes behind with a reason, instead of buffering without bound', async () => {
    const client = await connect(await start());
    const big = 'x'.repeat(1024 * 1024);
    for (let seq = 1; seq <= 40; seq++) host.emit(delta(seq, big));
    const closed = await client.closed;
    expect(closed.code).toBe(SLOW_CLIENT_CLOSE_CODE);
    expect(closed.reason).toMatch(/too slow/);
  });

  it('unsubscribes from the host when the client goes away', async () => {
    const client = await connect(await start());
    await client.next(() => true);
    expect(host.listeners.size).toBe(1);
    client.ws.close();
    await client.closed;
    await expect.poll(() => host.listeners.size).toBe(0);
  });
});

describe('headless server: static renderer', () => {
  it('serves index.html at / with the CSP and hardening headers, without needing the token', async () => {
    const res = await get(await start(), '/?token=ignored');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>HFT Desk</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'; script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves scripts with a JavaScript content type', async () => {
    const res = await get(await start(), '/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it.each(['/../package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%5c..%5cpackage.json'])(
    'refuses the traversal %s with 404 and reveals nothing outside the renderer',
    async (path) => {
      const res = await get(await start(), path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('SECRET');
    },
  );

  it('tells a tab whether its token is this desk’s, and nothing more', async () => {
    const s = await start();
    expect((await get(s, `/token-check?token=${TOKEN}`)).status).toBe(204);
    const wrong = await get(s, '/token-check?token=an-old-token-from-before');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toBe('');
    expect(wrong.headers['cache-control']).toBe('no-store');
    expect((await get(s, '/token-check')).status).toBe(401);
  });

  it('answers a missing file with 404 and the security headers', async () => {
    const res = await get(await start(), '/nope.js');
    expect(res.status).toBe(404);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
