// The journal the desk trades on. What the engine records is appended to a log file beside the database,
// one write per commit (the engine commits before anything leaves the process and after each event), so
// the order path pays for an append, not a SQL statement. The SQLite tables (SqliteJournal) are a
// projection of the log, brought up to date by project() from housekeeping in one transaction, and the
// WAL is checkpointed there too: no write on the order path ever waits for SQLite.
//
// Durability is SQLite's WAL with synchronous=NORMAL, as before: a committed record is in the file when
// commit() returns, so it survives the process being killed; an OS crash or power loss can drop the last
// few commits. A write cut short leaves a last line without its newline: it is dropped at the next start,
// and everything before it is kept.
//
// Restart reads both consistently: the tables remember the sequence number of the last record they hold
// (log_position, written in the same transaction as the records), and the log's later records are
// projected before load() reads the tables.
import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { RiskEvent } from '../../../shared/risk.ts';
import type { Signal } from '../../../shared/strategy.ts';
import type { Fill, Order } from '../../../shared/trading.ts';
import type { AccountState, Adjustment, Journal, JournalContents } from '../../engine/ports.ts';
import { decodeRecord, encodeRecord, type JournalRecord } from './journal-log.ts';
import { SqliteJournal } from './sqlite-journal.ts';

/** Once projected, a log longer than this is emptied: its records are all in the tables. */
const ROTATE_LOG_BYTES = 8 * 1024 * 1024;

export class FileJournal implements Journal {
  readonly logPath: string;
  private readonly store: SqliteJournal;
  private readonly fd: number;
  private seq: number;
  /** Recorded since the last commit. */
  private unwritten = '';
  /** Committed to the log, not yet in the tables: one string of whole lines per commit. */
  private unprojected: string[] = [];
  /** Fills in the log and not yet in the tables: a duplicate of one is refused, as of one in the tables. */
  private readonly unprojectedFills = new Set<string>();
  private logBytes = 0;

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
  }

  upsertOrder(order: Order): void {
    this.append({ kind: 'order', value: order });
  }

  recordFill(fill: Fill): boolean {
    const key = fillKey(fill.orderId, fill.tradeId);
    if (this.unprojectedFills.has(key) || this.store.hasFill(fill.orderId, fill.tradeId)) return false;
    this.unprojectedFills.add(key);
    this.append({ kind: 'fill', value: fill });
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
    const batch = this.unwritten;
    const bytes = Buffer.from(batch);
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(this.fd, bytes, written);
    } catch (error) {
      // Nothing is lost in memory: the next commit tries again. What did reach the file is not re-sent:
      // a record written twice would be replayed twice.
      if (written > 0) throw new Error(`The journal log ${this.logPath} was written only in part: ${(error as Error).message}`);
      throw error;
    }
    this.unwritten = '';
    this.logBytes += written;
    this.unprojected.push(batch);
  }

  /**
   * Brings the tables up to the log in one transaction and checkpoints the WAL; empties a long log once it
   * is all in the tables. Called from housekeeping, never on the order path.
   */
  project(): void {
    this.commit();
    if (this.unprojected.length > 0) {
      const batches = this.unprojected;
      this.unprojected = [];
      try {
        const records: JournalRecord[] = [];
        for (const batch of batches) for (const line of lines(batch)) records.push(decodeRecord(line, this.logPath).record);
        this.store.transaction(() => {
          this.applyAll(records);
          this.store.setLogPosition(this.seq);
        });
      } catch (error) {
        this.unprojected = batches.concat(this.unprojected);
        throw error;
      }
      this.unprojectedFills.clear();
    }
    this.store.checkpoint();
    if (this.logBytes > ROTATE_LOG_BYTES) this.emptyLog();
  }

  load(recentLimit: number): JournalContents {
    this.project();
    return this.store.load(recentLimit);
  }

  close(): void {
    if (!this.store.isOpen) return;
    this.project();
    this.emptyLog();
    closeSync(this.fd);
    this.store.close();
  }

  private append(record: JournalRecord): void {
    this.unwritten += encodeRecord(++this.seq, record);
  }

  /**
   * Projects the records a previous run committed and did not project, and returns the last sequence
   * number used. A last line without its newline was cut short by a crash: it is cut off.
   */
  private recover(): number {
    const text = readFileSync(this.logPath);
    const end = text.lastIndexOf(0x0a) + 1;
    if (end < text.length) ftruncateSync(this.fd, end);
    const projected = this.store.logPosition();
    let last = projected;
    const records: JournalRecord[] = [];
    for (const line of lines(text.subarray(0, end).toString('utf8'))) {
      const { seq, record } = decodeRecord(line, this.logPath);
      if (seq <= projected) continue;
      records.push(record);
      last = seq;
    }
    this.store.transaction(() => {
      this.applyAll(records);
      if (last > projected) this.store.setLogPosition(last);
    });
    this.store.checkpoint();
    this.emptyLog();
    return last;
  }

  /**
   * In log order, except that an order written several times (pending, open, filled) is written once, in
   * its final state, where it first appeared: the same rows, in the same order, as every write would leave.
   */
  private applyAll(records: readonly JournalRecord[]): void {
    const finalState = new Map<string, Order>();
    for (const record of records) if (record.kind === 'order') finalState.set(record.value.clientOrderId, record.value);
    for (const record of records) {
      if (record.kind !== 'order') this.apply(record);
      else {
        const order = finalState.get(record.value.clientOrderId);
        if (order === undefined) continue;
        this.store.upsertOrder(order);
        finalState.delete(record.value.clientOrderId);
      }
    }
  }

  private apply(record: Exclude<JournalRecord, { kind: 'order' }>): void {
    const store = this.store;
    switch (record.kind) {
      case 'fill':
        return void store.recordFill(record.value);
      case 'adjustment':
        return store.recordAdjustment(record.value);
      case 'signal':
        return store.recordSignal(record.value);
      case 'risk':
        return store.recordRiskEvent(record.value);
      case 'account':
        return store.saveAccount(record.value);
      case 'strategies':
        return store.saveStrategies(record.value);
    }
  }

  private emptyLog(): void {
    ftruncateSync(this.fd, 0);
    this.logBytes = 0;
  }
}

function fillKey(orderId: string, tradeId: string): string {
  return `${orderId}\u0000${tradeId}`;
}

function* lines(text: string): Generator<string> {
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    if (end > start) yield text.slice(start, end);
    start = end + 1;
  }
}
