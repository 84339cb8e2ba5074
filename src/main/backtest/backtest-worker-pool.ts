// Worker threads as the service sees them: one job at a time per worker, a promise per job, and a
// pool that drains a queue of jobs over a few workers (parameter sweeps).
import { Worker } from 'node:worker_threads';
import { backtestWorkerPath } from './backtest-worker-path.ts';
import type { FromWorker, SharedSource, ToWorker, WorkerInit, WorkerJob } from './backtest-worker-protocol.ts';
import { sourceKey } from './source-key.ts';

export type JobFinished = Extract<FromWorker, { type: 'done' }>;
type JobLoaded = Extract<FromWorker, { type: 'loaded' }>;
export type JobUpdate = Extract<FromWorker, { type: 'running' | 'progress' }>;

/** A stop flag shared with workers: Atomics make the write visible inside their synchronous loop. */
export class StopFlag {
  readonly buffer = new SharedArrayBuffer(4);
  private readonly view = new Int32Array(this.buffer);

  raise(): void {
    Atomics.store(this.view, 0, 1);
  }

  get raised(): boolean {
    return Atomics.load(this.view, 0) !== 0;
  }
}

interface Pending {
  jobId: string;
  onUpdate: (update: JobUpdate) => void;
  /** The job's last message: 'done' for a run, 'loaded' for a load. */
  resolve: (last: JobFinished | JobLoaded) => void;
  reject: (error: Error) => void;
}

export class BacktestWorker {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private pending: Pending | undefined;

  constructor(stop: StopFlag) {
    const init: WorkerInit = { stopFlag: stop.buffer };
    this.worker = new Worker(backtestWorkerPath(), { workerData: init });
    this.worker.on('message', (message: FromWorker) => this.receive(message));
    // An uncaught error in the worker ends it; the job it held fails with the reason.
    this.worker.on('error', (error) => this.settle((p) => p.reject(new Error(`The backtest stopped unexpectedly: ${error.message}`))));
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', () => {
        this.settle((p) => p.reject(new Error('The backtest stopped unexpectedly: its worker thread ended.')));
        resolve();
      });
    });
  }

  run(job: WorkerJob, onUpdate: (update: JobUpdate) => void): Promise<JobFinished> {
    return this.send({ type: 'run', job }, onUpdate) as Promise<JobFinished>;
  }

  /** Loads the job's history without running it; resolves with it when other workers can share it. */
  async load(job: WorkerJob): Promise<SharedSource | undefined> {
    return ((await this.send({ type: 'load', job }, () => {})) as JobLoaded).shared;
  }

  private send(message: ToWorker, onUpdate: (update: JobUpdate) => void): Promise<JobFinished | JobLoaded> {
    if (this.pending) return Promise.reject(new Error('This worker is already running a backtest.'));
    return new Promise((resolve, reject) => {
      this.pending = { jobId: message.job.jobId, onUpdate, resolve, reject };
      this.worker.postMessage(message);
    });
  }

  /** Ends the thread even in the middle of a run (terminate interrupts synchronous code) and waits for it. */
  async close(): Promise<void> {
    await this.worker.terminate();
    await this.exited;
  }

  private receive(message: FromWorker): void {
    const pending = this.pending;
    if (!pending || message.jobId !== pending.jobId) return;
    if (message.type === 'done' || message.type === 'loaded') this.settle((p) => p.resolve(message));
    else if (message.type === 'failed') this.settle((p) => p.reject(new Error(message.message)));
    else pending.onUpdate(message);
  }

  private settle(action: (pending: Pending) => void): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) action(pending);
  }
}

export interface PoolCallbacks {
  /** `startedAt`: when the job went to its worker (epoch ms). */
  onFinished: (job: WorkerJob, finished: JobFinished, startedAt: number) => void;
  /** The first failure raises the stop flag: the other cells would most likely fail the same way. */
  onFailed: (job: WorkerJob, error: Error) => void;
}

/**
 * Runs the jobs on `size` workers sharing one stop flag; once it is raised, queued jobs never start and
 * running ones stop at their next progress check. Resolves when every worker has ended.
 * When every job reads the same history (a sweep), the first worker loads it once and, if it is on
 * shared memory, the other workers read that copy while they start up rather than load their own.
 */
export async function runPool(
  jobs: readonly WorkerJob[],
  size: number,
  stop: StopFlag,
  callbacks: PoolCallbacks,
  track: (worker: BacktestWorker) => () => void,
): Promise<void> {
  const queue = [...jobs];
  const lanes = Math.max(1, Math.min(size, jobs.length));
  let shared: Promise<SharedSource | undefined> | undefined;
  const lane = async (index: number): Promise<void> => {
    const worker = new BacktestWorker(stop);
    const untrack = track(worker);
    try {
      if (lanes > 1 && index === 0 && sharesOneSource(jobs)) shared = worker.load(jobs[0]).catch(() => undefined);
      const source = await shared; // a failed load is reported by the job that hits it, not here
      for (let job = queue.shift(); job && !stop.raised; job = queue.shift()) {
        try {
          const startedAt = Date.now();
          callbacks.onFinished(job, await worker.run(source ? { ...job, shared: source } : job, () => {}), startedAt);
        } catch (error) {
          stop.raise();
          callbacks.onFailed(job, error as Error);
        }
      }
    } finally {
      untrack();
      await worker.close();
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, index) => lane(index)));
}

function sharesOneSource(jobs: readonly WorkerJob[]): boolean {
  const key = sourceKey(jobs[0].request);
  return jobs.every((job) => sourceKey(job.request) === key);
}
