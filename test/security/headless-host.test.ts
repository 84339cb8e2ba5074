// The headless host as an attacker on the network or in another browser tab meets it: the engine is
// reached only over /ws with the token in ?token=, from no foreign page, and only on loopback by default.
// (Token, origin and size basics are in src/main/headless/server.test.ts; this covers the rest.)
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EngineHost } from '../../src/main/engine-host.ts';
import { MAX_MESSAGE_BYTES } from '../../src/main/headless/connection.ts';
import { startHeadlessServer, type HeadlessServer } from '../../src/main/headless/server.ts';
import { tokenMatches } from '../../src/main/headless/upgrade-check.ts';
import type { CommandName, CommandResult, EngineEvent } from '../../src/shared/contract.ts';
import { startHeadlessProcess } from '../support/headless-process.ts';
import { ROOT } from './support/built-main.ts';

const TOKEN = 'security-token-6f2c81d4a9';

/** Counts every way a client could reach the engine: a subscription (state) or a command. */
class RecordingHost implements EngineHost {
  subscriptions = 0;
  readonly handled: string[] = [];

  async handle(command: string): Promise<CommandResult<CommandName>> {
    this.handled.push(command);
    return { ok: true, value: { cancelled: 0 } };
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.subscriptions++;
    listener({ event: 'state.delta', payload: { seq: 0, ts: 0 } });
    return () => undefined;
  }

  async stop(): Promise<void> {}
}

let host: RecordingHost;
let server: HeadlessServer | null = null;
let logLines: string[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await server?.close();
  server = null;
});

async function start(): Promise<HeadlessServer> {
  host = new RecordingHost();
  logLines = [];
  server = await startHeadlessServer({
    host,
    rendererDir: join(ROOT, 'out/renderer'),
    port: 0,
    token: TOKEN,
    log: (line) => logLines.push(line),
  });
  return server;
}

const wsBase = (s: HeadlessServer): string => `ws://127.0.0.1:${s.port}`;

/** The HTTP status of a refused upgrade, or 101 once it is accepted. */
function upgrade(url: string, options: { headers?: Record<string, string>; protocols?: string[] } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
    sockets.push(ws);
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => resolve(101));
    ws.on('error', reject);
  });
}

function httpStatus(s: HeadlessServer, method: string, path: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: s.port, method, path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('headless host: no engine without the token in ?token=', () => {
  const mangled: Array<[string, string]> = [
    ['an empty token', '?token='],
    ['a wrong token of the same length', `?token=${'x'.repeat(TOKEN.length)}`],
    ['the token with its last character changed', `?token=${TOKEN.slice(0, -1)}b`],
    ['a prefix of the token', `?token=${TOKEN.slice(0, 8)}`],
    ['the token with more after it', `?token=${TOKEN}0`],
    ['the token in upper case', `?token=${TOKEN.toUpperCase()}`],
    ['a 10,000-character token', `?token=${'a'.repeat(10_000)}`],
    ['the token under another name', `?t=${TOKEN}`],
    ['a wrong token first, the right one second', `?token=nope&token=${TOKEN}`],
  ];

  it.each(mangled)('refuses %s with 401, and the engine never hears of it', async (_name, query) => {
    const s = await start();
    expect(await upgrade(`${wsBase(s)}/ws${query}`)).toBe(401);
    expect([host.subscriptions, host.handled]).toEqual([0, []]);
  });

  it.each<[string, { headers?: Record<string, string>; protocols?: string[] }]>([
    ['an Authorization header', { headers: { Authorization: `Bearer ${TOKEN}` } }],
    ['a cookie', { headers: { Cookie: `token=${TOKEN}` } }],
    ['the WebSocket subprotocol', { protocols: [TOKEN] }],
  ])('refuses the token in %s with 401', async (_name, options) => {
    const s = await start();
    expect(await upgrade(`${wsBase(s)}/ws`, options)).toBe(401);
    expect(host.subscriptions).toBe(0);
  });

  it('refuses the token in the path with 404', async () => {
    const s = await start();
    expect(await upgrade(`${wsBase(s)}/ws/${TOKEN}`)).toBe(404);
    expect(host.subscriptions).toBe(0);
  });

  it('lets the right token in, so the refusals above were the token check at work', async () => {
    const s = await start();
    expect(await upgrade(`${wsBase(s)}/ws?token=${TOKEN}`)).toBe(101);
    await expect.poll(() => host.subscriptions).toBe(1);
  });

  it('reaches no engine over plain HTTP, with or without the token', async () => {
    const s = await start();
    expect(await httpStatus(s, 'GET', `/ws?token=${TOKEN}`)).toBe(404);
    const command = JSON.stringify({ id: 1, command: 'risk.killSwitch', payload: {} });
    expect(await httpStatus(s, 'POST', `/ws?token=${TOKEN}`, command)).toBe(405);
    expect(await httpStatus(s, 'POST', `/?token=${TOKEN}`, command)).toBe(405);
    expect([host.subscriptions, host.handled]).toEqual([0, []]);
  });

  it('writes no presented token to its log, right or wrong', async () => {
    const s = await start();
    await upgrade(`${wsBase(s)}/ws?token=guess-${TOKEN.slice(6)}`);
    await upgrade(`${wsBase(s)}/ws?token=${TOKEN}`, { headers: { Origin: 'https://evil.example' } });
    expect(logLines.length).toBe(2);
    for (const line of logLines) expect(line).not.toMatch(/token-6f2c81d4a9/);
  });

  it('matches a token exactly, for strings of any length, without failing on a length mismatch', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }), (given, expected) => {
        expect(tokenMatches(given, expected)).toBe(given === expected);
        expect(tokenMatches(expected, expected)).toBe(true);
      }),
    );
    expect(tokenMatches(null, TOKEN)).toBe(false);
  });
});

describe('headless host: no WebSocket for another origin, even with the token', () => {
  it.each([
    'https://evil.example',
    'null',
    'https://127.0.0.1:{port}',
    'http://127.0.0.1:1',
    'http://localhost:{port}',
    'http://127.0.0.1:{port}.evil.example',
  ])('refuses Origin %s with 403', async (origin) => {
    const s = await start();
    const headers = { Origin: origin.replace('{port}', String(s.port)) };
    expect(await upgrade(`${wsBase(s)}/ws?token=${TOKEN}`, { headers })).toBe(403);
    expect(host.subscriptions).toBe(0);
  });

  it('still asks a DNS-rebound page, whose Origin matches its Host, for the token', async () => {
    const s = await start();
    const rebound = `evil.example:${s.port}`;
    expect(await upgrade(`${wsBase(s)}/ws`, { headers: { Host: rebound, Origin: `http://${rebound}` } })).toBe(401);
    expect(host.subscriptions).toBe(0);
  });
});

describe('headless host: oversized input', () => {
  it('closes a connection whose message, sent in small fragments, adds up to more than the cap', async () => {
    const s = await start();
    const ws = new WebSocket(`${wsBase(s)}/ws?token=${TOKEN}`);
    sockets.push(ws);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
    const fragment = 'x'.repeat(16 * 1024);
    const fragments = Math.ceil(MAX_MESSAGE_BYTES / fragment.length) + 1;
    for (let i = 0; i < fragments; i++) ws.send(fragment, { fin: i === fragments - 1 });
    expect(await closed).toBe(1009);
    expect(host.handled).toEqual([]);
  });

  it('refuses an upgrade with oversized headers (431) before looking at it', async () => {
    const s = await start();
    expect(await upgrade(`${wsBase(s)}/ws?token=${TOKEN}`, { headers: { 'X-Padding': 'x'.repeat(64 * 1024) } })).toBe(431);
    expect(host.subscriptions).toBe(0);
  });
});

/** An address of this machine other than loopback, where a wider bind would be reachable. */
function otherAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((info) => info && info.family === 'IPv4' && !info.internal)?.address;
}

function reachable(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

const external = otherAddress();
if (!external) console.warn('Headless bind check skipped: this machine has no address but loopback to try.');

describe.skipIf(!external)('headless host: `npm run headless` with nothing configured', () => {
  it('listens on loopback only, and says nothing about a wider bind', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hft-security-headless-'));
    // Nothing of the desk's own configured but a free port and a throwaway data folder.
    const headless = await startHeadlessProcess({ HFT_PORT: '0', HFT_DATA_DIR: dataDir });
    try {
      const { url } = headless;
      const port = Number(url.port);
      expect(url.hostname).toBe('127.0.0.1');
      expect(url.searchParams.get('token')).toMatch(/^[\w-]{32}$/);
      expect(await reachable('127.0.0.1', port)).toBe(true);
      expect(await reachable(external ?? '', port)).toBe(false);
      expect(headless.stderr()).not.toMatch(/HFT_BIND/);
      expect(await headless.stop()).toBe(0);
    } finally {
      headless.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
