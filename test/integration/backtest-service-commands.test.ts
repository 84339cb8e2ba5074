// Backtests through the runtime's command door, as the renderer and the headless host reach them:
// the shipped samples found from source, progress fanned out to every subscriber, typed errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHost } from '../../src/main/engine-host.ts';
import { createRuntime } from '../../src/main/runtime.ts';
import { PassphraseSecretStore } from '../../src/main/secrets/passphrase-secret-store.ts';
import { FileSettingsStore } from '../../src/main/settings/file-settings-store.ts';
import type { BacktestProgress, BacktestRequest, DatasetInfo } from '../../src/shared/backtest.ts';
import type { EngineEvent } from '../../src/shared/contract.ts';
import { TEST_KDF } from '../support/test-kdf.ts';

let dir: string;
let host: EngineHost | undefined;

async function start(): Promise<EngineHost> {
  dir = mkdtempSync(join(tmpdir(), 'hft-desk-backtest-commands-'));
  const secrets = new PassphraseSecretStore({ dataDir: dir, passphrase: 'backtest-commands-passphrase', kdf: TEST_KDF });
  host = await createRuntime({ dataDir: dir, settingsStore: new FileSettingsStore(dir), secrets, log: () => {} });
  return host;
}

afterEach(async () => {
  await host?.stop();
  host = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const progressOf = (events: EngineEvent[], runId: string): BacktestProgress[] =>
  events.flatMap((e) => (e.event === 'backtest.progress' && e.payload.runId === runId ? [e.payload] : []));

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const request = (sample: DatasetInfo): BacktestRequest => ({
  strategy: { kind: 'momentum', params: { orderSize: 0.01 } },
  symbol: sample.symbol,
  timeframe: '1m',
  from: sample.from,
  to: sample.from + 24 * 3_600_000,
  source: { kind: 'dataset', id: sample.id },
  startingCapital: 100_000,
});

describe('backtest commands', () => {
  it('list the shipped samples, send a run\'s progress to every subscriber, and answer unknown runs NOT_FOUND and impossible requests REFUSED', async () => {
    const runtime = await start();
    const first: EngineEvent[] = [];
    const second: EngineEvent[] = [];
    runtime.subscribe((e) => first.push(e));
    runtime.subscribe((e) => second.push(e));

    const datasets = await runtime.handle('backtest.datasets', {});
    expect(datasets.ok).toBe(true);
    const sample = (datasets.ok ? (datasets.value as DatasetInfo[]) : []).find((d) => d.id === 'sample:BTC-USDT_1m.csv')!;
    expect(sample).toMatchObject({ origin: 'sample', kind: 'candles', symbol: 'BTC/USDT' });

    const run = await runtime.handle('backtest.run', request(sample));
    const runId = run.ok ? (run.value as { runId: string }).runId : '';
    await until(() => progressOf(first, runId).at(-1)?.state === 'done');
    expect(progressOf(second, runId)).toEqual(progressOf(first, runId));
    expect(await runtime.handle('backtest.list', {})).toMatchObject({ ok: true, value: [{ runId }] });
    expect(await runtime.handle('backtest.export', { runId, what: 'metrics' })).toMatchObject({ ok: true, value: { csv: expect.stringMatching(/^name,value\r\n/) } });
    expect(await runtime.handle('backtest.delete', { runId })).toEqual({ ok: true, value: { deleted: runId } });

    expect(await runtime.handle('backtest.get', { runId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await runtime.handle('backtest.export', { runId, what: 'trades' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await runtime.handle('backtest.cancel', { runId: 'nope' })).toEqual({ ok: true, value: { cancelled: false } });
    expect(await runtime.handle('sweep.cancel', { sweepId: 'nope' })).toEqual({ ok: true, value: { cancelled: false } });
    const badParam = await runtime.handle('backtest.run', { ...request(sample), strategy: { kind: 'momentum', params: { lookback: 1 } } });
    expect(badParam).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', issues: ['strategy.params.lookback: Too small: expected number to be >=2'] } });
    const badSweep = await runtime.handle('sweep.run', { base: request(sample), grid: [{ param: 'period', values: [1] }] });
    expect(badSweep).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', issues: [expect.stringMatching(/^grid.param.period: the momentum strategy has no parameter period/)] } });
    const refusedCell = await runtime.handle('sweep.run', { base: request(sample), grid: [{ param: 'lookback', values: [5, 1] }] });
    expect(refusedCell).toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringMatching(/lookback/) } });
  });

  it('stop ends a running backtest as cancelled before it returns', async () => {
    const runtime = await start();
    const events: EngineEvent[] = [];
    runtime.subscribe((e) => events.push(e));
    const sample = { id: 'sample:BTC-USDT_1m.csv', symbol: 'BTC/USDT', from: Date.UTC(2024, 4, 1) } as DatasetInfo;
    const run = await runtime.handle('backtest.run', { ...request(sample), to: Date.UTC(2024, 4, 6) });
    const runId = run.ok ? (run.value as { runId: string }).runId : '';
    await runtime.stop();
    host = undefined;
    expect(progressOf(events, runId).at(-1)?.state).toBe('cancelled');
  });
});
