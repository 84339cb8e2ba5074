// The journal's projection thread: takes batches of log lines from FileJournal, writes each into the
// SQLite tables in one transaction, checkpoints the WAL, then publishes how far the tables reach (the last
// sequence number) in shared memory. A batch that fails stays queued and goes in with the next one.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { projectRecords, readRecords } from './journal-projection.ts';
import { SqliteJournal } from './sqlite-journal.ts';

export interface ProjectionWorkerData {
  path: string;
  logPath: string;
  /** [0]: the last sequence number in the tables; [1]: 1 once this thread has closed its connection. FileJournal waits on both. */
  progress: BigInt64Array;
  /** Where failures are told; FileJournal reads it without waiting. */
  reports: MessagePort;
}

export type ProjectionRequest = { type: 'batch'; text: string; last: number } | { type: 'close' };
export type ProjectionReport = { type: 'failed'; message: string } | { type: 'recovered' };

const { path, logPath, progress, reports } = workerData as ProjectionWorkerData;
/** Opened with the first batch: a journal opened and closed with nothing to project never touches it here. */
let store: SqliteJournal | undefined;
let queued = '';
let failing = false;

parentPort!.on('message', (request: ProjectionRequest) => {
  if (request.type === 'close') {
    store?.close();
    reports.close();
    parentPort!.close();
    Atomics.store(progress, 1, 1n);
    Atomics.notify(progress, 1);
    return;
  }
  queued += request.text;
  try {
    store ??= new SqliteJournal(path, { autoCheckpoint: false });
    projectRecords(store, readRecords(queued, 0, logPath).records, request.last);
    queued = '';
    store.checkpoint();
    if (failing) reports.postMessage({ type: 'recovered' } satisfies ProjectionReport);
    failing = false;
    Atomics.store(progress, 0, BigInt(request.last));
    Atomics.notify(progress, 0);
  } catch (error) {
    failing = true;
    reports.postMessage({ type: 'failed', message: (error as Error).message } satisfies ProjectionReport);
  }
});
