// Messages between the backtest service (main thread) and its worker threads. Types only: both sides
// import it, and neither pulls the other's code into its bundle.
import type { BacktestRequest } from '../../shared/backtest.ts';
import type { RiskLimits } from '../../shared/risk.ts';
import type { BacktestOutcome } from './backtest-run.ts';
import type { LoadedSource } from './backtest-worker-source.ts';
import type { DatasetDir } from './datasets.ts';

/** One backtest for a worker: everything it needs to load the history itself. */
export interface WorkerJob {
  jobId: string;
  request: BacktestRequest;
  /** The desk's limits with the request's overrides applied. */
  riskLimits: RiskLimits;
  /** Folders with dataset files (shipped samples first, then the user's). */
  datasetDirs: DatasetDir[];
  /** The exchange candle cache, filled by the main thread before the job starts. */
  historyFile: string;
  /** The history already loaded by another worker, on shared memory: read, not loaded again. */
  shared?: SharedSource;
}

/** A loaded history that lives in shared memory (candle or trade columns); posting it shares it, nothing is copied. */
export type SharedSource = Exclude<LoadedSource, { events: object }>;

/** Given once per worker: a non-zero first Int32 asks every job on it to stop (the run loop never yields to messages). */
export interface WorkerInit {
  stopFlag: SharedArrayBuffer;
}

export type ToWorker = { type: 'run'; job: WorkerJob } | { type: 'load'; job: WorkerJob };

export type FromWorker =
  | { type: 'running'; jobId: string; total: number }
  | { type: 'progress'; jobId: string; processed: number; total: number }
  | { type: 'done'; jobId: string; outcome: BacktestOutcome; stopped: boolean }
  /** The answer to 'load': the job's history when it can be shared, undefined when each worker must load its own. */
  | { type: 'loaded'; jobId: string; shared: SharedSource | undefined }
  | { type: 'failed'; jobId: string; message: string };
