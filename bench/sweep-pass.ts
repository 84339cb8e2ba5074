// Parameter sweep speed-up: the same grid of momentum cells over 200,000 1m candles (~5 months), run as
// the app runs sweeps (backtest-sweep.ts: runPool from backtest-worker-pool.ts, one BacktestWorker thread
// per lane, each cell a WorkerJob) on a pool of 1 worker and of 2.
// The input is the backtest section's candle series written once as a user dataset file: the first worker
// loads it (loadDataset, then candle columns on shared memory) and the pool hands that copy to the other
// worker, so nothing is simulated inside the timing and the candles are held once.
// Timed: runPool() from call to return, worker start-up, loading and closing included: what a trader
// waits for. The process's CPU time (all threads) beside it shows how many cores the pool really got.
// Repeats alternate 1, 2, 1, 2 ... so a change in the machine's load hits both sizes alike.
// Shared or copied: each worker's peak JS heap (worker.getHeapStatistics(), polled). The loading worker's
// heap holds the parsed file for a moment; a worker that reads the shared columns never does, so its
// peak stays well under the loader's. Bytes posted per job are measured with v8.serialize.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import type { BacktestRequest } from '../src/shared/backtest.ts';
import { DEFAULT_RISK_LIMITS } from '../src/shared/risk.ts';
import { SimulatedMarket } from '../src/main/adapters/sim/simulated-market.ts';
import { runPool, StopFlag, type BacktestWorker } from '../src/main/backtest/backtest-worker-pool.ts';
import type { WorkerJob } from '../src/main/backtest/backtest-worker-protocol.ts';
import { START } from './engine-fixture.ts';
import { median } from './stats.ts';

const SYMBOL = 'BTC/USDT';
const FILE = 'BTC-USDT_1m.csv';

export interface SweepOptions {
  candles: number;
  seed: number;
  lookbacks: number[];
  thresholds: number[];
  repeats: number;
}

export const SWEEP_DEFAULTS: SweepOptions = { candles: 200_000, seed: 11, lookbacks: [5, 10, 20, 40], thresholds: [0.001, 0.002, 0.004], repeats: 3 };

export interface SweepRun {
  workers: number;
  seconds: number;
  cellsPerSecond: number;
  /** Candles backtested per second over all cells (cells x candles / seconds). */
  candlesPerSecond: number;
  /** CPU seconds of the whole process (every thread: the workers, their GC helpers, the main thread). */
  cpuSeconds: number;
  /** cpuSeconds / seconds: 2 workers on 2 free cores would show close to 2. */
  coresUsed: number;
}

export interface SweepResult {
  cells: number;
  candles: number;
  datasetMB: number;
  /** Median of the repeats for each pool size, and every repeat. */
  one: SweepRun;
  two: SweepRun;
  repeats: SweepRun[];
  speedup: number;
  /** Bytes posted to a worker per job (structured clone of the run message), and back per outcome. */
  bytesPostedPerJob: number;
  bytesReturnedPerCell: number;
  /** Peak JS heap (MB) per worker while the sweep ran (2-worker run), the loader first. */
  peakWorkerHeapMB: number[];
  /** The reading worker's peak heap stayed under half the loader's: it never built its own copy. */
  inputShared: boolean;
  failures: string[];
}

export async function runSweepSection(options: SweepOptions = SWEEP_DEFAULTS): Promise<SweepResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hft-desk-bench-sweep-'));
  try {
    const { from, to } = writeDataset(dir, options);
    const base: BacktestRequest = {
      strategy: { kind: 'momentum', params: { orderSize: 0.05 } },
      symbol: SYMBOL,
      timeframe: '1m',
      from,
      to,
      source: { kind: 'dataset', id: `user:${FILE}` },
      startingCapital: 100_000,
    };
    const jobs: WorkerJob[] = [];
    for (const lookback of options.lookbacks) {
      for (const threshold of options.thresholds) {
        jobs.push({
          jobId: String(jobs.length),
          request: { ...base, strategy: { ...base.strategy, params: { ...base.strategy.params, lookback, threshold } } },
          riskLimits: DEFAULT_RISK_LIMITS,
          datasetDirs: [{ dir, origin: 'user' }],
          historyFile: join(dir, 'history.sqlite'),
        });
      }
    }
    const failures: string[] = [];
    let bytesReturned = 0;
    const repeats: SweepRun[] = [];
    let peaks: number[] = [];
    for (let r = 0; r < options.repeats; r++) {
      for (const workers of [1, 2]) {
        const heaps = new Map<BacktestWorker, number>();
        const poll = setInterval(() => {
          for (const [worker, peak] of heaps) {
            // The pool keeps its Worker private; read here only for the heap figure.
            (worker as unknown as { worker: Worker }).worker
              .getHeapStatistics()
              .then((h) => heaps.has(worker) && heaps.set(worker, Math.max(peak, heaps.get(worker) ?? 0, h.used_heap_size)))
              .catch(() => {});
          }
        }, 100);
        const cpu = process.cpuUsage();
        const t = process.hrtime.bigint();
        await runPool(
          jobs,
          workers,
          new StopFlag(),
          {
            onFinished: (_job, finished) => {
              bytesReturned = serialize(finished).byteLength;
            },
            onFailed: (job, error) => void failures.push(`cell ${job.jobId}: ${error.message}`),
          },
          (worker) => {
            heaps.set(worker, 0);
            return () => {};
          },
        );
        const seconds = Number(process.hrtime.bigint() - t) / 1e9;
        const used = process.cpuUsage(cpu);
        const cpuSeconds = (used.user + used.system) / 1e6;
        clearInterval(poll);
        if (workers === 2) peaks = [...heaps.values()].map((b) => b / 2 ** 20);
        repeats.push({ workers, seconds, cellsPerSecond: jobs.length / seconds, candlesPerSecond: (jobs.length * options.candles) / seconds, cpuSeconds, coresUsed: cpuSeconds / seconds });
      }
    }
    const pick = (workers: number): SweepRun => {
      const runs = repeats.filter((x) => x.workers === workers);
      const mid = runs.find((x) => x.seconds === median(runs.map((y) => y.seconds)))!;
      return mid;
    };
    const one = pick(1);
    const two = pick(2);
    return {
      cells: jobs.length,
      candles: options.candles,
      datasetMB: statSync(join(dir, FILE)).size / 2 ** 20,
      one,
      two,
      repeats,
      speedup: one.seconds / two.seconds,
      bytesPostedPerJob: serialize({ type: 'run', job: jobs[0] }).byteLength,
      bytesReturnedPerCell: bytesReturned,
      peakWorkerHeapMB: peaks,
      inputShared: peaks.length === 2 && Math.min(...peaks) < Math.max(...peaks) / 2,
      failures,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The backtest section's candle input (same seed and count) as a CSV dataset the worker's loader reads. */
function writeDataset(dir: string, options: SweepOptions): { from: number; to: number } {
  const candles = new SimulatedMarket({ seed: options.seed, startTime: START }).history(SYMBOL, '1m', options.candles);
  const lines = [`# symbol=${SYMBOL} timeframe=1m`, 'timestamp,open,high,low,close,volume'];
  for (const c of candles) lines.push(`${c.openTime},${c.open},${c.high},${c.low},${c.close},${c.volume}`);
  writeFileSync(join(dir, FILE), `${lines.join('\n')}\n`);
  return { from: candles[0].openTime, to: candles[candles.length - 1].openTime + 60_000 };
}
