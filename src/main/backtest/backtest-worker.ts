// A backtest worker thread: takes jobs one at a time, loads their history, runs them with the same
// engine code as the live desk and posts progress and the outcome. The run loop is synchronous and
// never reads messages, so cancel arrives through a shared flag checked at each progress call.
import { parentPort, workerData } from 'node:worker_threads';
import { runBacktest } from './run-backtest.ts';
import type { FromWorker, ToWorker, WorkerInit, WorkerJob } from './backtest-worker-protocol.ts';
import { loadSource, sourceRows, type LoadedSource } from './backtest-worker-source.ts';
import { sourceKey } from './source-key.ts';

/** Often enough for a smooth bar and a prompt cancel; the service passes at most five a second on. */
const PROGRESS_EVERY = 5_000;

const port = parentPort;
if (!port) throw new Error('backtest-worker.ts runs as a worker thread, not on its own.');
const stopFlag = new Int32Array((workerData as WorkerInit).stopFlag);
const stopRequested = (): boolean => Atomics.load(stopFlag, 0) !== 0;
const post = (message: FromWorker): void => port.postMessage(message);

// The last source loaded or shared with this worker: a sweep's cells share it, and reloading would cost
// more than the run.
let cached: { key: string; source: LoadedSource } | undefined;

function sourceOf(job: WorkerJob): LoadedSource {
  const key = sourceKey(job.request);
  if (cached?.key !== key) cached = { key, source: job.shared ?? loadSource(job) };
  return cached.source;
}

function load(job: WorkerJob): void {
  try {
    const source = sourceOf(job);
    post({ type: 'loaded', jobId: job.jobId, shared: source.events === undefined ? source : undefined });
  } catch (error) {
    post({ type: 'failed', jobId: job.jobId, message: error instanceof Error ? error.message : String(error) });
  }
}

async function run(job: WorkerJob): Promise<void> {
  const { jobId, request } = job;
  try {
    const source = sourceOf(job);
    post({ type: 'running', jobId, total: sourceRows(source) });
    const outcome = await runBacktest(
      { ...source, request, riskLimits: job.riskLimits },
      {
        onProgress: (processed, total) => post({ type: 'progress', jobId, processed, total }),
        shouldStop: stopRequested,
        progressEvery: PROGRESS_EVERY,
      },
    );
    post({ type: 'done', jobId, outcome, stopped: stopRequested() });
  } catch (error) {
    post({ type: 'failed', jobId, message: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'run') void run(message.job);
  else load(message.job);
});
