// The journal the desk trades on. What the engine records is appended to a log file beside the database,
// one write per commit (the engine commits before anything leaves the process and after each event), so
// the order path pays for an append, not a SQL statement. The SQLite tables are a projection of the log,
// written by a thread of their own (projection-worker.ts), which reads the log itself up to where project()
// tells it, about once a second: no SQL write and no WAL checkpoint ever runs on the engine's thread, and
// nothing written is held in memory here.
//
// Durability is SQLite's WAL with synchronous=NORMAL, as before: a committed record is in the file when
// commit() returns, so it survives the process being killed; an OS crash or power loss can drop the last
// few commits. A write cut short leaves a last line without its newline: it is dropped at the next start,
// and everything before it is kept.
//
// Restart reads both consistently: the tables remember the sequence number of the last record they hold
// (log_position, written in the same transaction as the records), and the log's later records are
// projected before anything is read.
import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { RiskEvent } from '../../../shared/risk.ts';
import type { Signal } from '../../../shared/strategy.ts';
import type { Fill, Order } from '../../../shared/trading.ts';
import type { AccountState, Adjustment, Journal, JournalContents } from '../../engine/ports.ts';
import { workerScript } from '../../worker-script.ts';
import { FillKeyFilter } from './fill-key-filter.ts';
import { encodeRecord, type JournalRecord } from './journal-log.ts';
import { projectRecords, readRecords } from './journal-projection.ts';
import type { ProjectionReport, ProjectionRequest, ProjectionWorkerData } from './projection-worker.ts';
import { SqliteJournal } from './sqlite-journal.ts';

/** Once projected, a log longer than this is emptied: its records are all in the tables. */
const ROTATE_LOG_BYTES = 8 * 1024 * 1024;
/** How long a read (load, close) waits for the tables to take what was handed to them. */
const SETTLE_TIMEOUT_MS = 30_000;

export class FileJournal implements Journal {
  readonly logPath: string;
  /** This thread's connection: the start's recovery, then only reads (load, duplicate fills). */
  private readonly store: SqliteJournal;
  private readonly fd: number;
  private readonly worker: Worker;
  private readonly reports: MessagePort;
  /** Written by the projection thread: [0] the last sequence number the tables hold, [1] 1 once it closed its connection. */
  private readonly progress = new BigInt64Array(new SharedArrayBuffer(16));
  private seq: number;
  /** Recorded since the last commit. */
  private unwritten = '';
  /** The sequence number of the last record told to the projection thread. */
  private sentSeq: number;
  /** Every fill recorded, so that a new one (nearly all) is known to be new without reading the tables. */
  private readonly fillKeys = new FillKeyFilter();
  /** Fills not yet in the tables, with the sequence number of their record, oldest first. */
  private readonly unprojectedFills = new Map<string, number>();
  private logBytes = 0;
  private problem: string | null = null;
  private closed = false;

  /** `path` is the SQLite file; the log is `path` + '.log'. Throws a sentence for a log it cannot read. */
  constructor(path: string) {
    this.store = new SqliteJournal(path, { autoCheckpoint: false });
    this.logPath = `${path}.log`;
    this.fd = openSync(this.logPath, 'a+');
    try {
      this.seq = this.recover();
    } catch (error) {
      closeSync(this.fd);
      this.store.close();
      throw error;
    }
    this.store.forEachFillKey((orderId, tradeId) => this.fillKeys.add(orderId, tradeId));
    this.sentSeq = this.seq;
    Atomics.store(this.progress, 0, BigInt(this.seq));
    const { port1, port2 } = new MessageChannel();
    this.reports = port1;
    const workerData: ProjectionWorkerData = { path, logPath: this.logPath, progress: this.progress, reports: port2 };
    this.worker = new Worker(workerScript(import.meta.url, 'projection-worker'), { workerData, transferList: [port2] });
    // A journal left open must not keep the process alive; close() is what waits for the thread.
    this.worker.unref();
    this.worker.on('error', (error) => {
      this.problem = `The journal database stopped taking records (${error.message}); they are safe in ${this.logPath}.`;
    });
  }

  upsertOrder(order: Order): void {
    this.append({ kind: 'order', value: order });
  }

  recordFill(fill: Fill): boolean {
    const { orderId, tradeId } = fill;
    const key = `${orderId}\u0000${tradeId}`;
    if (this.fillKeys.mayHave(orderId, tradeId) && (this.unprojectedFills.has(key) || this.store.hasFill(orderId, tradeId))) return false;
    this.fillKeys.add(orderId, tradeId);
    this.append({ kind: 'fill', value: fill });
    this.unprojectedFills.set(key, this.seq);
    return true;
  }

  recordAdjustment(adjustment: Adjustment): void {
    this.append({ kind: 'adjustment', value: adjustment });
  }

  recordSignal(signal: Signal): void {
    this.append({ kind: 'signal', value: signal });
  }

  recordRiskEvent(event: RiskEvent): void {
    this.append({ kind: 'risk', value: event });
  }

  saveAccount(state: AccountState): void {
    this.append({ kind: 'account', value: state });
  }

  saveStrategies(configs: unknown[]): void {
    this.append({ kind: 'strategies', value: configs });
  }

  /** One write of everything recorded since the last commit. */
  commit(): void {
    if (this.unwritten === '') return;
    const text = this.unwritten;
    // Nothing is lost if this throws: the records stay unwritten and the next commit tries again.
    let written = writeSync(this.fd, text);
    const length = Buffer.byteLength(text);
    if (written < length) {
      // A short write (a full disk, a signal): the rest goes on from the byte it stopped at, never again from the start.
      const rest = Buffer.from(text).subarray(written);
      try {
        for (let at = 0; at < rest.length; at += writeSync(this.fd, rest, at));
      } catch (error) {
        throw new Error(`The journal log ${this.logPath} was written only in part: ${(error as Error).message}`);
      }
      written = length;
    }
    this.unwritten = '';
    this.logBytes += written;
  }

  /**
   * Hands what was committed since the last call to the projection thread, and empties a long log once the
   * tables hold all of it. Never waits. Throws the projection's problem while it has one (the records stay
   * in the log and go in with the next batch).
   */
  project(): void {
    this.commit();
    if (this.sentSeq < this.seq) {
      this.send({ type: 'batch', end: this.logBytes, last: this.seq });
      this.sentSeq = this.seq;
    }
    this.readReports();
    this.forgetProjectedFills();
    if (this.logBytes > ROTATE_LOG_BYTES && this.projectedSeq() === this.seq) {
      this.emptyLog();
      this.send({ type: 'rewound' });
    }
    if (this.problem !== null) throw new Error(this.problem);
  }

  /** Waits until the tables hold everything recorded so far. */
  settle(): void {
    this.project();
    const deadline = performance.now() + SETTLE_TIMEOUT_MS;
    for (let projected = this.projectedSeq(); projected < this.seq; projected = this.projectedSeq()) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`The journal database did not take the latest records within ${SETTLE_TIMEOUT_MS / 1000} s; they are safe in ${this.logPath}.`);
      Atomics.wait(this.progress, 0, BigInt(projected), Math.min(left, 50));
      this.readReports();
      if (this.problem !== null) throw new Error(this.problem);
    }
    this.forgetProjectedFills();
  }

  load(recentLimit: number): JournalContents {
    this.settle();
    return this.store.load(recentLimit);
  }

  /** Waits for the tables to hold everything, then empties the log. Whatever fails, the log keeps the records. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.settle();
      this.emptyLog();
    } finally {
      this.send({ type: 'close' });
      // The thread's connection is gone before this returns, so the next start has the database to itself.
      Atomics.wait(this.progress, 1, 0n, SETTLE_TIMEOUT_MS);
      this.reports.close();
      closeSync(this.fd);
      this.store.close();
    }
  }

  private append(record: JournalRecord): void {
    this.unwritten += encodeRecord(++this.seq, record);
  }

  private send(request: ProjectionRequest): void {
    this.worker.postMessage(request);
  }

  private projectedSeq(): number {
    return Number(Atomics.load(this.progress, 0));
  }

  private readReports(): void {
    for (let message = receiveMessageOnPort(this.reports); message !== undefined; message = receiveMessageOnPort(this.reports)) {
      const report = message.message as ProjectionReport;
      this.problem = report.type === 'failed' ? `The journal database could not take the latest records (${report.message}); they are safe in ${this.logPath}.` : null;
    }
  }

  private forgetProjectedFills(): void {
    const projected = this.projectedSeq();
    for (const [key, seq] of this.unprojectedFills) {
      if (seq > projected) break;
      this.unprojectedFills.delete(key);
    }
  }

  /**
   * Projects, on this thread and before the projection thread starts, the records a previous run committed
   * and did not project, and returns the last sequence number used. A last line without its newline was cut
   * short by a crash: it is cut off.
   */
  private recover(): number {
    const text = readFileSync(this.logPath);
    const end = text.lastIndexOf(0x0a) + 1;
    if (end < text.length) ftruncateSync(this.fd, end);
    const projected = this.store.logPosition();
    const { records, last } = readRecords(text.subarray(0, end).toString('utf8'), projected, this.logPath);
    if (records.length > 0) projectRecords(this.store, records, last);
    this.store.checkpoint();
    this.emptyLog();
    return last;
  }

  private emptyLog(): void {
    ftruncateSync(this.fd, 0);
    this.logBytes = 0;
  }
}
