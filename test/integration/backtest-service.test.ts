// The backtest service end to end: real worker threads running the real engine on the shipped sample,
// the simulated market and candles downloaded from the loopback Binance simulator through ccxt.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCcxtGateway } from '../../src/main/adapters/ccxt/ccxt-gateway.ts';
import { TRADE_HEADER } from '../../src/main/backtest/backtest-service-csv.ts';
import type { BacktestService } from '../../src/main/backtest/backtest-service.ts';
import { createBacktestService } from '../../src/main/backtest/create-backtest-service.ts';
import type { ExchangeGateway } from '../../src/main/desk.ts';
import { NotFoundError } from '../../src/main/engine/strategy-host.ts';
import type { BacktestProgress, BacktestRequest, SweepProgress } from '../../src/shared/backtest.ts';
import type { EngineEvent } from '../../src/shared/contract.ts';
import { DEFAULT_RISK_LIMITS } from '../../src/shared/risk.ts';
import { pointCcxtAtSim, startBinanceSim, type BinanceSim } from '../support/exchange-sim/binance-sim.ts';

const SAMPLES = resolve(import.meta.dirname, '../../resources/datasets');
const MINUTE = 60_000;
const FINAL = ['done', 'cancelled', 'failed'];

/** Every event the service emits, with the time it arrived. */
class Recorder {
  readonly events: { at: number; event: EngineEvent }[] = [];
  onEvent: (event: EngineEvent) => void = () => {};

  readonly emit = (event: EngineEvent): void => {
    this.events.push({ at: performance.now(), event });
    this.onEvent(event);
  };

  runProgress(runId: string): (BacktestProgress & { at: number })[] {
    return this.events.flatMap(({ at, event }) => (event.event === 'backtest.progress' && event.payload.runId === runId ? [{ ...event.payload, at }] : []));
  }

  sweepProgress(sweepId: string): SweepProgress[] {
    return this.events.flatMap(({ event }) => (event.event === 'sweep.progress' && event.payload.sweepId === sweepId ? [event.payload] : []));
  }

  async runEnd(runId: string): Promise<BacktestProgress> {
    await until(() => FINAL.includes(this.runProgress(runId).at(-1)?.state ?? ''));
    return this.runProgress(runId).at(-1)!;
  }

  async sweepEnd(sweepId: string): Promise<SweepProgress> {
    await until(() => FINAL.includes(this.sweepProgress(sweepId).at(-1)?.state ?? ''));
    return this.sweepProgress(sweepId).at(-1)!;
  }
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the backtest');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Momentum with a small size and enough capital that risk lets it trade the sample back and forth. */
const sampleRequest = (overrides: Partial<BacktestRequest> = {}): BacktestRequest => ({
  strategy: { kind: 'momentum', params: { orderSize: 0.01 } },
  symbol: 'BTC/USDT',
  timeframe: '1m',
  from: Date.UTC(2024, 4, 1),
  to: Date.UTC(2024, 4, 6),
  source: { kind: 'dataset', id: 'sample:BTC-USDT_1m.csv' },
  startingCapital: 100_000,
  ...overrides,
});

let dir: string;
let recorder: Recorder;
let service: BacktestService;
let sim: BinanceSim | undefined;

function openService(gateway?: ExchangeGateway): BacktestService {
  service = createBacktestService({
    dataDir: dir,
    samplesDir: SAMPLES,
    gateway: async () => gateway ?? Promise.reject(new Error('no exchange in this test')),
    riskLimits: () => DEFAULT_RISK_LIMITS,
    emit: recorder.emit,
  });
  return service;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hft-desk-backtests-'));
  recorder = new Recorder();
});
afterEach(async () => {
  await service?.close();
  await sim?.close();
  sim = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('backtest service', () => {
  it('runs the shipped sample on a worker, reports loading then running then done at most five times a second, and keeps the run across a restart until it is deleted', async () => {
    openService();
    const { runId } = await service.run(sampleRequest());
    const end = await recorder.runEnd(runId);

    const progress = recorder.runProgress(runId);
    expect(progress[0].state).toBe('loading');
    expect(progress.some((p) => p.state === 'running')).toBe(true);
    expect(end).toMatchObject({ state: 'done', processed: end.total });
    expect(end.total).toBe(7_200); // the sample's candles: a candle run counts candles, not the events it never builds
    expect(end.eventsPerSecond).toBeGreaterThan(0);
    const running = progress.filter((p) => p.state === 'running');
    for (let i = 1; i < running.length; i++) expect(running[i].at - running[i - 1].at).toBeGreaterThanOrEqual(195);

    expect(service.list().map((s) => s.runId)).toEqual([runId]);
    const result = service.get(runId);
    expect(result.request).toEqual(sampleRequest());
    expect(result.trades.length).toBeGreaterThan(10);
    expect(result.metrics.trades).toBe(result.trades.length);
    expect(result.equity.length).toBeLessThanOrEqual(2_000);
    expect(result.candles.length).toBeGreaterThan(0); // stored and returned with the run

    const trades = service.exportCsv(runId, 'trades');
    expect(trades.filename).toMatch(/^backtest-momentum-BTC-USDT-1m-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}-trades\.csv$/);
    const lines = trades.csv.split('\r\n');
    expect(lines[0]).toBe(TRADE_HEADER.join(','));
    expect(lines).toHaveLength(result.trades.length + 2); // header, one line per trade, and the final CRLF
    expect(lines[1]).toMatch(/^(long|short),2024-05-0\dT[\d:.]+Z,2024-05-0\dT/);
    const metrics = service.exportCsv(runId, 'metrics').csv.split('\r\n');
    expect(metrics[0]).toBe('name,value');
    expect(metrics).toContain(`trades,${result.trades.length}`);
    expect(metrics).toContain(`finalEquity,${result.metrics.finalEquity}`);

    await service.close();
    openService();
    expect(service.list().map((s) => s.runId)).toEqual([runId]);
    expect(service.get(runId)).toEqual(result);

    service.remove(runId);
    expect(service.list()).toEqual([]);
    expect(() => service.get(runId)).toThrow(NotFoundError);
    expect(() => service.remove(runId)).toThrow(NotFoundError);
  });

  it('ends a run cancelled part-way when cancel arrives while it is running, and does not keep it', async () => {
    openService();
    let runId = '';
    recorder.onEvent = (event) => {
      if (event.event === 'backtest.progress' && event.payload.runId === runId && event.payload.state === 'running') {
        expect(service.cancel(runId)).toBe(true);
      }
    };
    runId = (await service.run(sampleRequest())).runId;
    const end = await recorder.runEnd(runId);
    expect(end.state).toBe('cancelled');
    expect(end.processed).toBeLessThan(end.total);
    expect(service.list()).toEqual([]);
    expect(service.cancel(runId)).toBe(false);
  });

  it('fails a run on a dataset with a bad row, naming the file and the line', async () => {
    const userDir = join(dir, 'datasets');
    mkdirSync(userDir, { recursive: true });
    const rows = readFileSync(join(SAMPLES, 'BTC-USDT_1m.csv'), 'utf8').split('\n').slice(0, 12);
    rows[5] = rows[5].replace(/,[\d.]+$/, ',lots'); // line 6: a volume that is not a number
    writeFileSync(join(userDir, 'broken_1m.csv'), rows.join('\n'));
    openService();
    const listed = (await service.datasets()).find((d) => d.name === 'broken_1m.csv');
    expect(listed).toMatchObject({ id: 'user:broken_1m.csv', origin: 'user' });

    const { runId } = await service.run(sampleRequest({ source: { kind: 'dataset', id: 'user:broken_1m.csv' } }));
    const end = await recorder.runEnd(runId);
    expect(end.state).toBe('failed');
    expect(end.message).toMatch(/^broken_1m\.csv cannot be used: line 6: volume/);
  });

  it('refuses at once a dataset that does not exist, one of another symbol and a parameter the strategy lacks', async () => {
    openService();
    await expect(service.run(sampleRequest({ source: { kind: 'dataset', id: 'sample:nope.csv' } }))).rejects.toThrow(/no dataset "sample:nope.csv"/);
    await expect(service.run(sampleRequest({ symbol: 'ETH/USDT' }))).rejects.toThrow('BTC-USDT_1m.csv holds BTC/USDT, not ETH/USDT.');
    await expect(service.run(sampleRequest({ strategy: { kind: 'momentum', params: { period: 5 } } }))).rejects.toThrow(/no parameter period/);
    await expect(service.sweep({ base: sampleRequest(), grid: [{ param: 'lookback', values: [5, 1] }] })).rejects.toThrow(/lookback/);
    expect(recorder.events).toEqual([]);
  });

  it('runs a 2×2 sweep over a simulated quarter hour on a pool of workers, with metrics for all four cells', async () => {
    openService();
    const from = Date.UTC(2024, 0, 1);
    const { sweepId } = await service.sweep({
      base: { ...sampleRequest(), source: { kind: 'simulated', seed: 7 }, from, to: from + 15 * MINUTE },
      grid: [
        { param: 'lookback', values: [3, 6] },
        { param: 'threshold', values: [0.0005, 0.001] },
      ],
    });
    const end = await recorder.sweepEnd(sweepId);
    expect(end).toMatchObject({ state: 'done', done: 4, total: 4 });
    expect(end.cells.map((c) => c.values)).toEqual([
      { lookback: 3, threshold: 0.0005 },
      { lookback: 3, threshold: 0.001 },
      { lookback: 6, threshold: 0.0005 },
      { lookback: 6, threshold: 0.001 },
    ]);
    for (const cell of end.cells) expect(cell.metrics?.finalEquity).toBeGreaterThan(0);
    expect(recorder.sweepProgress(sweepId)[0]).toMatchObject({ state: 'running', done: 0, total: 4 });
    expect(service.cancelSweep(sweepId)).toBe(false);
  });

  it('gives each cell of a sweep over sample candles, whose history the workers share, the metrics of that backtest run alone', async () => {
    openService();
    const grid = [{ param: 'lookback' as const, values: [5, 10, 20] }];
    const { sweepId } = await service.sweep({ base: sampleRequest(), grid });
    const end = await recorder.sweepEnd(sweepId);
    expect(end).toMatchObject({ state: 'done', done: 3, total: 3 });
    for (const cell of end.cells) {
      const request = sampleRequest({ strategy: { kind: 'momentum', params: { orderSize: 0.01, lookback: cell.values.lookback } } });
      const { runId } = await service.run(request);
      expect((await recorder.runEnd(runId)).state).toBe('done');
      expect(cell.metrics).toEqual(service.get(runId).metrics);
      expect(cell.metrics?.trades).toBeGreaterThan(0);
    }
  });

  it('keeps every cell’s run in the runs list when asked, the same run a single backtest of that cell gives', async () => {
    openService();
    const grid = [{ param: 'lookback' as const, values: [5, 20] }];
    const { sweepId } = await service.sweep({ base: sampleRequest(), grid, saveRuns: true });
    const end = await recorder.sweepEnd(sweepId);
    expect(end).toMatchObject({ state: 'done', done: 2, total: 2 });
    const listed = service.list().map((run) => run.runId);
    for (const cell of end.cells) {
      expect(listed).toContain(cell.runId);
      const kept = service.get(cell.runId!);
      expect(kept.request.strategy.params.lookback).toBe(cell.values.lookback);
      expect(kept.metrics).toEqual(cell.metrics);
      const { runId } = await service.run(kept.request);
      expect((await recorder.runEnd(runId)).state).toBe('done');
      const alone = service.get(runId);
      expect(kept.trades).toEqual(alone.trades);
      expect(kept.equity).toEqual(alone.equity);
    }
  });

  it('refuses to keep the runs of a sweep over 100 cells, and starts nothing', async () => {
    openService();
    const values = Array.from({ length: 11 }, (_, i) => i + 2);
    const grid = [
      { param: 'lookback' as const, values },
      { param: 'threshold' as const, values: values.map((v) => v / 10_000) },
    ];
    await expect(service.sweep({ base: sampleRequest(), grid, saveRuns: true })).rejects.toThrow('A sweep keeps its runs only up to 100 cells; this one has 121.');
    expect(recorder.events).toEqual([]);
  });

  it('cancels a sweep: queued cells never start, running ones stop, and finished cells keep their metrics', async () => {
    openService();
    let sweepId = '';
    const { sweepId: id } = await service.sweep({
      base: sampleRequest(),
      grid: [{ param: 'lookback', values: [3, 4, 5, 6, 7, 8] }],
    });
    sweepId = id;
    recorder.onEvent = (event) => {
      if (event.event === 'sweep.progress' && event.payload.sweepId === sweepId && event.payload.done >= 1) service.cancelSweep(sweepId);
    };
    const end = await recorder.sweepEnd(sweepId);
    expect(end.state).toBe('cancelled');
    expect(end.done).toBeGreaterThanOrEqual(1);
    expect(end.done).toBeLessThan(6);
    expect(end.cells.filter((c) => c.metrics !== null)).toHaveLength(end.done);
  });

  it('downloads exchange candles into the cache page by page, and a later run over a longer span fetches only the missing range', async () => {
    sim = await startBinanceSim({ historyMinutes: 1_500 });
    const simulator = sim;
    openService(createCcxtGateway({ log: () => {}, overrides: { binance: (exchange) => pointCcxtAtSim(exchange, simulator) } }));
    const klines = (): number => simulator.requests().filter((r) => r.path === '/api/v3/klines').length;
    const downloads = (runId: string): string[] =>
      recorder.runProgress(runId).flatMap((p) => (p.message?.startsWith('downloading') ? [p.message] : []));
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const from = now - 1_500 * MINUTE;
    const request = (to: number): BacktestRequest => ({ ...sampleRequest(), source: { kind: 'exchange', exchangeId: 'binance' }, from, to });

    const first = await service.run(request(from + 1_200 * MINUTE));
    expect(await recorder.runEnd(first.runId)).toMatchObject({ state: 'done' });
    expect(klines()).toBe(2); // 1,000 candles a page
    expect(downloads(first.runId)).not.toHaveLength(0);
    for (const message of downloads(first.runId)) expect(message).toMatch(/^downloading candles (1000|1200)\/1200$/);

    // Up to `now`, not past it: a span reaching into the future would depend on which minute the clock reads.
    const second = await service.run(request(now));
    expect(await recorder.runEnd(second.runId)).toMatchObject({ state: 'done' });
    expect(klines()).toBe(3);
    expect(downloads(second.runId)).toEqual(['downloading candles 300/300']);
    expect(service.get(second.runId).metrics.finalEquity).toBeGreaterThan(0);

    const cached = (await service.datasets()).find((d) => d.origin === 'exchange-cache');
    expect(cached).toMatchObject({ symbol: 'BTC/USDT', timeframe: '1m', from, to: now, rows: 1_500 });
  });
});
