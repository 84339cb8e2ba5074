// The backtest service: checks a request, brings exchange history into the cache, hands the run to a
// worker thread (the live engine's thread never runs a backtest loop), relays throttled progress as
// events and keeps finished runs in SQLite.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BacktestRequest, DatasetInfo } from '../../shared/backtest.ts';
import type { EngineEvent } from '../../shared/contract.ts';
import type { RiskLimits } from '../../shared/risk.ts';
import type { ExchangeGateway } from '../desk.ts';
import type { BacktestService } from './backtest-service.ts';
import { checkDataset, checkStrategyParams, checkSweep } from './backtest-service-checks.ts';
import type { Active, ServiceContext } from './backtest-service-context.ts';
import { exportRun } from './backtest-service-csv.ts';
import { listAllDatasets } from './backtest-service-datasets.ts';
import { executeRun } from './backtest-service-run.ts';
import { BacktestStore } from './backtest-store.ts';
import { executeSweep } from './backtest-sweep.ts';
import { StopFlag, type BacktestWorker } from './backtest-worker-pool.ts';
import type { WorkerJob } from './backtest-worker-protocol.ts';
import type { DatasetDir } from './datasets.ts';
import { downloadHistory } from './history-download.ts';
import { HistoryStore } from './history-store.ts';

export interface BacktestServiceOptions {
  /** backtests.sqlite, history.sqlite and the user's datasets/ folder live here. */
  dataDir: string;
  /** The shipped sample datasets (resources/datasets). */
  samplesDir: string;
  /** Real exchanges, for candle downloads; loaded only when a run asks for exchange history. */
  gateway: () => Promise<ExchangeGateway>;
  /** The desk's current limits; a request's own limits override them field by field. */
  riskLimits: () => RiskLimits;
  /** Sends an event to every subscriber. */
  emit: (event: EngineEvent) => void;
  /** Where a failure outside any run's own reporting goes (a subscriber that threw on the final event). */
  log?: (line: string) => void;
}

export function createBacktestService(options: BacktestServiceOptions): BacktestService {
  mkdirSync(options.dataDir, { recursive: true });
  const userDatasets = join(options.dataDir, 'datasets');
  const historyFile = join(options.dataDir, 'history.sqlite');
  const datasetDirs: DatasetDir[] = [
    { dir: options.samplesDir, origin: 'sample' },
    { dir: userDatasets, origin: 'user' },
  ];
  const store = new BacktestStore(join(options.dataDir, 'backtests.sqlite'));
  const history = new HistoryStore(historyFile);
  const runs = new Map<string, Active>();
  const sweeps = new Map<string, Active>();
  const workers = new Set<BacktestWorker>();
  const tasks = new Set<Promise<void>>();
  let closed = false;

  const track = (worker: BacktestWorker): (() => void) => {
    workers.add(worker);
    return () => workers.delete(worker);
  };
  // Runs and sweeps report their own failures as progress; what escapes that is logged, never left unhandled.
  const background = (task: Promise<void>): void => {
    const settled = task.catch((error: unknown) => options.log?.(`A backtest task failed: ${(error as Error).message}`));
    tasks.add(settled);
    void settled.finally(() => tasks.delete(settled));
  };
  const newActive = (): Active => ({ stop: new StopFlag(), abort: new AbortController(), cancelled: false });
  const cancelActive = (active: Active | undefined): boolean => {
    if (!active) return false;
    active.cancelled = true;
    active.stop.raise();
    active.abort.abort(new Error('Cancelled.'));
    return true;
  };

  const datasets = async (): Promise<DatasetInfo[]> => listAllDatasets(datasetDirs, history);

  /** Throws a sentence for what can be known before a run starts. */
  const check = async (request: BacktestRequest): Promise<void> => {
    if (closed) throw new Error('Backtests are shutting down with the app.');
    checkStrategyParams(request.strategy);
    if (request.source.kind === 'dataset') checkDataset(request, await datasets());
  };

  const job = (request: BacktestRequest, jobId: string): WorkerJob => ({
    jobId,
    request,
    riskLimits: { ...options.riskLimits(), ...request.riskLimits },
    datasetDirs,
    historyFile,
  });

  /** Exchange history is downloaded here (network I/O, no CPU to speak of) so workers only read the cache. */
  const fetchHistory = async (request: BacktestRequest, active: Active, report: (message: string) => void): Promise<void> => {
    if (request.source.kind !== 'exchange') return;
    const gateway = await options.gateway();
    const { exchangeId } = request.source;
    const { symbol, timeframe, from, to } = request;
    await downloadHistory(gateway, history, { exchange: exchangeId, symbol, timeframe, from, to }, (received, expected) => {
      report(`downloading candles ${received}/${expected}`);
    }, active.abort.signal);
  };

  const ctx: ServiceContext = { emit: options.emit, store, job, fetchHistory, track };

  return {
    datasets,

    async run(request) {
      await check(request);
      const runId = randomUUID();
      const active = newActive();
      runs.set(runId, active);
      background(executeRun(ctx, runId, request, active, () => runs.delete(runId)));
      return { runId };
    },

    cancel: (runId) => cancelActive(runs.get(runId)),
    list: () => store.list(),
    get: (runId) => store.get(runId),
    remove: (runId) => store.remove(runId),
    exportCsv: (runId, what) => exportRun(store.get(runId), what),

    async sweep(request) {
      await check(request.base);
      const cells = checkSweep(request);
      const sweepId = randomUUID();
      const active = newActive();
      sweeps.set(sweepId, active);
      background(executeSweep(ctx, sweepId, request, cells, active, () => sweeps.delete(sweepId)));
      return { sweepId };
    },

    cancelSweep: (sweepId) => cancelActive(sweeps.get(sweepId)),

    /** Stops every run and sweep, ends their workers mid-loop if need be, and waits for all of it. */
    async close() {
      if (closed) return;
      closed = true;
      for (const active of [...runs.values(), ...sweeps.values()]) cancelActive(active);
      await Promise.all([...workers].map((worker) => worker.close()));
      await Promise.allSettled([...tasks]);
      store.close();
      history.close();
    },
  };
}
