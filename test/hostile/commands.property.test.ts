// Hostile-input property tests: every command, fed random and malformed payloads straight to the
// runtime and over the headless WebSocket, answers with a well-formed CommandResult, never throws,
// and changes no trading state when it answers with an error.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EngineHost } from '../../src/main/engine-host.ts';
import { startHeadlessServer, type HeadlessServer } from '../../src/main/headless/server.ts';
import { createRuntime } from '../../src/main/runtime.ts';
import { PassphraseSecretStore } from '../../src/main/secrets/passphrase-secret-store.ts';
import { FileSettingsStore } from '../../src/main/settings/file-settings-store.ts';
import { COMMAND_NAMES, commandSchemas, type CommandName } from '../../src/shared/contract.ts';
import type { EngineSnapshot } from '../../src/shared/state.ts';
import { propertyRuns } from '../support/property-runs.ts';
import { TEST_KDF } from '../support/test-kdf.ts';
import { snapshotOf, tradingStateOf } from '../support/trading-state.ts';

const TOKEN = 'hostile-token-0123456789abcdef';

/** Commands that start long or networked work when valid: only invalid payloads are sent to them. */
const ONLY_INVALID = new Set<string>(['backtest.run', 'sweep.run', 'keys.test', 'exchanges.list']);

/** A valid-looking payload per command, mutated field by field into something hostile. */
const BASES: Record<CommandName, Record<string, unknown>> = {
  'state.snapshot': {},
  'view.focus': { symbol: 'BTC/USDT', timeframe: '1m' },
  'order.place': { symbol: 'BTC/USDT', side: 'buy', type: 'limit', size: 0.001, price: 1 },
  'order.amend': { clientOrderId: 'nope', triggerPrice: 1 },
  'position.protect': { symbol: 'BTC/USDT', stopLoss: { triggerPrice: 1 } },
  'order.cancel': { clientOrderId: 'nope' },
  'order.cancelAll': {},
  'position.close': { symbol: 'BTC/USDT' },
  'risk.halt': { reason: 'hostile' },
  'risk.resume': {},
  'risk.killSwitch': {},
  'strategy.create': {
    kind: 'momentum',
    symbol: 'BTC/USDT',
    timeframe: '1m',
    params: { lookback: 20, threshold: 0.01, orderSize: 0.001 },
  },
  'strategy.update': { id: 'momentum-btc', params: { lookback: 20 } },
  'strategy.setActive': { id: 'momentum-btc', active: false },
  'strategy.remove': { id: 'no-such-strategy' },
  'settings.update': { simSpeed: 1 },
  'mode.switch': { mode: 'paper' },
  'exchanges.list': {},
  'keys.status': { exchangeId: 'binance' },
  'keys.set': { exchangeId: 'zzhostile', apiKey: 'aaaaaaaaaaaa', secret: 'bbbbbbbbbbbb' },
  'keys.delete': { exchangeId: 'zzhostile' },
  'keys.test': { exchangeId: 'binance', testnet: true },
  'backtest.datasets': {},
  'backtest.run': {
    strategy: { kind: 'momentum', params: { lookback: 20 } },
    symbol: 'BTC/USDT',
    timeframe: '1m',
    from: 0,
    to: 1,
    source: 'nope',
    startingCapital: 1000,
  },
  'backtest.cancel': { runId: 'nope' },
  'backtest.list': {},
  'backtest.get': { runId: 'nope' },
  'backtest.delete': { runId: 'nope' },
  'backtest.export': { runId: 'nope', what: 'trades' },
  'sweep.run': { base: {}, grid: [{ param: 'lookback', values: [1] }] },
  'sweep.cancel': { sweepId: 'nope' },
  'account.reset': {},
};

const nasty = fc.oneof(
  fc.constantFrom<unknown>(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    0,
    -1,
    -1e308,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_VALUE,
    '',
    ' ',
    'x'.repeat(10_000),
    '\u0000\uFFFF\uD800',
    '__proto__',
    'constructor',
    '1',
    'NaN',
    true,
    false,
    null,
    undefined,
    [],
    [1, 2, 3],
    {},
    { toString: 'x', valueOf: 1 },
    JSON.parse('{"__proto__":{"polluted":"yes"}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 300 }),
  fc.anything({ maxDepth: 3 }),
);

const extraKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'extra', '');

/** A hostile payload for one command: anything at all, or its base with one field broken, removed or added. */
function payloadFor(name: CommandName): fc.Arbitrary<unknown> {
  const base = BASES[name];
  const keys = Object.keys(base);
  const mutations: fc.Arbitrary<unknown>[] = [
    fc.anything({ maxDepth: 4, withNullPrototype: true }),
    nasty,
    // own-property hostile key (JSON.parse keeps __proto__ as an own key, as a wire payload would)
    fc.tuple(extraKey, nasty).map(([k, v]) => {
      const out = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
      Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
      return out;
    }),
    fc.constant(JSON.parse(`{"__proto__":{"polluted":"yes"},${JSON.stringify(base).slice(1, -1) || '"x":1'}}`)),
  ];
  if (keys.length > 0) {
    mutations.push(
      fc.tuple(fc.constantFrom(...keys), nasty).map(([k, v]) => ({ ...base, [k]: v })),
      fc.constantFrom(...keys).map((k) => {
        const out = { ...base };
        delete out[k];
        return out;
      }),
      fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...keys), nasty, nasty).map(([a, b, va, vb]) => ({
        ...base,
        [a]: va,
        [b]: vb,
      })),
    );
  }
  const arb = fc.oneof(...mutations);
  if (!ONLY_INVALID.has(name)) return arb;
  const schema = commandSchemas[name];
  // Checked both as sent and after a JSON round trip (what the socket delivers).
  return arb.filter((p) => {
    if (schema.safeParse(p ?? {}).success) return false;
    let wire: unknown;
    try {
      const text = JSON.stringify(p);
      wire = text === undefined ? undefined : JSON.parse(text);
    } catch {
      return true;
    }
    return !schema.safeParse(wire ?? {}).success;
  });
}

let dir: string;
let host: EngineHost;
let server: HeadlessServer;
let client: Client;
const unexpected: unknown[] = [];
const onUnexpected = (error: unknown): void => void unexpected.push(error);

type Reply = { id: number | null; result: unknown };

class Client {
  readonly ws: WebSocket;
  readonly replies: Reply[] = [];
  #waiters: Array<() => void> = [];
  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (!('id' in message)) return; // engine events
      this.replies.push(message as Reply);
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }
  async reply(id: number | null, timeoutMs = 5_000): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.replies.findIndex((r) => r.id === id);
      if (index >= 0) return this.replies.splice(index, 1)[0];
      if (Date.now() > deadline) throw new Error(`no reply for id ${id}`);
      await new Promise<void>((wake) => {
        this.#waiters.push(wake);
        setTimeout(wake, 200).unref();
      });
    }
  }
}

let nextId = 1;
async function viaSocket(command: string, payload: unknown): Promise<unknown> {
  const id = nextId++;
  client.ws.send(JSON.stringify({ id, command, payload }));
  return (await client.reply(id)).result;
}

const viaHost = (command: string, payload: unknown): Promise<unknown> => host.handle(command, payload);

const snapshot = (): Promise<EngineSnapshot> => snapshotOf(host);
const tradingState = () => tradingStateOf(host);

/** After a command legitimately acted: no resting orders, no running strategies, not halted. */
async function tidy(): Promise<void> {
  await host.handle('order.cancelAll', {});
  for (const view of (await snapshot()).strategies) {
    if (view.config.active) await host.handle('strategy.setActive', { id: view.config.id, active: false });
  }
  if ((await snapshot()).risk.state !== 'ACTIVE') await host.handle('risk.resume', {});
}

function expectCommandResult(result: unknown): void {
  expect(result).toBeTypeOf('object');
  expect(result).not.toBeNull();
  const r = result as { ok: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  expect(typeof r.ok).toBe('boolean');
  if (r.ok === false) {
    expect(r.error).toBeTypeOf('object');
    expect(typeof r.error?.code).toBe('string');
    expect(typeof r.error?.message).toBe('string');
    expect((r.error?.message as string).length).toBeGreaterThan(0);
  } else {
    expect(r.ok).toBe(true);
    expect('value' in r).toBe(true);
  }
}

async function checkCommand(send: (c: string, p: unknown) => Promise<unknown>, name: CommandName, payload: unknown) {
  const before = await tradingState();
  const result = await send(name, payload);
  expectCommandResult(result);
  if ((result as { ok: boolean }).ok) {
    expect(ONLY_INVALID.has(name), `${name} accepted ${String(JSON.stringify(payload)).slice(0, 200)}`).toBe(false);
    await tidy();
  } else {
    expect(await tradingState()).toEqual(before);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

beforeAll(async () => {
  process.on('uncaughtException', onUnexpected);
  process.on('unhandledRejection', onUnexpected);
  dir = mkdtempSync(join(tmpdir(), 'hft-desk-hostile-'));
  const secrets = new PassphraseSecretStore({ dataDir: dir, passphrase: 'hostile-test-passphrase', kdf: TEST_KDF });
  host = await createRuntime({ dataDir: join(dir, 'data'), settingsStore: new FileSettingsStore(dir), secrets, log: () => {} });
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>HFT Desk</title>');
  server = await startHeadlessServer({ host, rendererDir, port: 0, token: TOKEN });
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`);
  client = new Client(ws);
  await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
});

afterAll(async () => {
  client?.ws.terminate();
  await server?.close();
  await host?.stop();
  process.off('uncaughtException', onUnexpected);
  process.off('unhandledRejection', onUnexpected);
  rmSync(dir, { recursive: true, force: true });
});

describe('hostile payloads straight to the runtime', () => {
  it.each(COMMAND_NAMES)('%s answers every payload with a CommandResult and a refusal changes nothing', async (name) => {
    await fc.assert(
      fc.asyncProperty(payloadFor(name), (payload) => checkCommand(viaHost, name, payload)),
      { numRuns: propertyRuns(60) },
    );
    expect(unexpected).toEqual([]);
  });
});

describe('hostile payloads over the headless WebSocket', () => {
  it.each(COMMAND_NAMES)('%s answers every payload with a CommandResult and a refusal changes nothing', async (name) => {
    await fc.assert(
      fc.asyncProperty(payloadFor(name), (payload) => checkCommand(viaSocket, name, payload)),
      { numRuns: propertyRuns(60) },
    );
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    expect(unexpected).toEqual([]);
  });

  it('answers unknown and hostile command names with UNKNOWN_COMMAND', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 1, maxLength: 200 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty')),
        async (command) => {
          fc.pre(!(COMMAND_NAMES as string[]).includes(command));
          const result = (await viaSocket(command, {})) as { ok: boolean; error: { code: string } };
          expectCommandResult(result);
          expect(result.error.code).toBe('UNKNOWN_COMMAND');
        },
      ),
      { numRuns: propertyRuns(60) },
    );
  });
});

describe('malformed frames on the socket', () => {
  async function stillWorks(): Promise<void> {
    const result = (await viaSocket('state.snapshot', {})) as { ok: boolean };
    expect(result.ok).toBe(true);
  }

  const frames: Array<[string, string | Buffer]> = [
    ['non-JSON', '{not json'],
    ['an empty frame', ''],
    ['a JSON array', '[1,2,3]'],
    ['an empty JSON array', '[]'],
    ['JSON null', 'null'],
    ['a JSON number', '42'],
    ['a JSON string', '"order.cancelAll"'],
    ['a huge id', '{"id":1e400,"command":"order.cancelAll","payload":{}}'],
    ['a string id', '{"id":"1","command":"order.cancelAll","payload":{}}'],
    ['an id that is an array', '[{"id":1,"command":"order.cancelAll","payload":{}}]'],
    ['deeply nested arrays', '['.repeat(20_000) + ']'.repeat(20_000)],
    ['unterminated nesting', '{"a":'.repeat(10_000)],
    ['random binary', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0xc3, 0x28, 0x7b])],
    ['binary of a JSON array', Buffer.from('[{"id":1}]')],
    ['a lone surrogate', '{"id":\uD800}'],
  ];

  it.each(frames)('answers %s with INVALID_PAYLOAD (id null) and the connection keeps working', async (_what, frame) => {
    client.ws.send(frame);
    const reply = await client.reply(null);
    expect(reply.result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expectCommandResult(reply.result);
    await stillWorks();
  });

  it('answers a huge number inside the payload with INVALID_PAYLOAD under the message id', async () => {
    const before = await tradingState();
    client.ws.send('{"id":424242,"command":"order.place","payload":{"symbol":"BTC/USDT","side":"buy","type":"limit","size":1e400,"price":1}}');
    expect((await client.reply(424242)).result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(await tradingState()).toEqual(before);
    await stillWorks();
  });

  it('answers random text and bytes with INVALID_PAYLOAD and keeps the connection', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 500 }),
          fc.json({ maxDepth: 3 }).filter((t) => {
            const v = JSON.parse(t) as unknown;
            return typeof v !== 'object' || v === null || Array.isArray(v);
          }),
          fc.uint8Array({ maxLength: 500 }).map((bytes) => Buffer.from(bytes)),
        ),
        async (frame) => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(Buffer.isBuffer(frame) ? frame.toString('utf8') : frame);
          } catch {
            parsed = undefined;
          }
          const record = parsed as Record<string, unknown> | null | undefined;
          fc.pre(!(typeof record === 'object' && record !== null && !Array.isArray(record) && typeof record.id === 'number'));
          client.ws.send(frame);
          const reply = await client.reply(null);
          expect(reply.result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
          expectCommandResult(reply.result);
        },
      ),
      { numRuns: propertyRuns(60) },
    );
    await stillWorks();
    expect(unexpected).toEqual([]);
  });
});
