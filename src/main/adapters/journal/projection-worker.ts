// The journal's projection thread. FileJournal tells it how far the log file reaches; it reads the new
// lines from the file itself, writes them into the SQLite tables in one transaction, checkpoints the WAL,
// then publishes how far the tables reach (the last sequence number) in shared memory. Nothing of the log
// is held in the engine's thread. A batch that fails is read again with the next one.
import { closeSync, openSync, readSync } from 'node:fs';
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

export type ProjectionRequest =
  /** The log holds whole records up to byte `end`, the last of them numbered `last`. */
  | { type: 'batch'; end: number; last: number }
  /** The log was emptied (everything in it was projected): it starts again at byte 0. */
  | { type: 'rewound' }
  | { type: 'close' };
export type ProjectionReport = { type: 'failed'; message: string } | { type: 'recovered' };

const { path, logPath, progress, reports } = workerData as ProjectionWorkerData;
/** Opened with the first batch: a journal opened and closed with nothing to project never touches them here. */
let store: SqliteJournal | undefined;
let log: number | undefined;
/** The log's bytes before this are in the tables. */
let offset = 0;
let failing = false;

parentPort!.on('message', (request: ProjectionRequest) => {
  switch (request.type) {
    case 'close':
      store?.close();
      if (log !== undefined) closeSync(log);
      reports.close();
      parentPort!.close();
      Atomics.store(progress, 1, 1n);
      Atomics.notify(progress, 1);
      return;
    case 'rewound':
      offset = 0;
      return;
    case 'batch':
      return project(request.end, request.last);
  }
});

function project(end: number, last: number): void {
  try {
    store ??= new SqliteJournal(path, { autoCheckpoint: false });
    log ??= openSync(logPath, 'r');
    const bytes = Buffer.allocUnsafe(end - offset);
    for (let read = 0; read < bytes.length; ) {
      const got = readSync(log, bytes, read, bytes.length - read, offset + read);
      if (got === 0) throw new Error(`the log ends at byte ${offset + read}, before ${end}`);
      read += got;
    }
    projectRecords(store, readRecords(bytes.toString('utf8'), 0, logPath).records, last);
    offset = end;
    store.checkpoint();
    if (failing) reports.postMessage({ type: 'recovered' } satisfies ProjectionReport);
    failing = false;
    Atomics.store(progress, 0, BigInt(last));
    Atomics.notify(progress, 0);
  } catch (error) {
    failing = true;
    reports.postMessage({ type: 'failed', message: (error as Error).message } satisfies ProjectionReport);
  }
}
