// The log's records into the SQLite tables: what FileJournal does at start with what the last run left
// unprojected, and what its projection worker does with every batch after that.
import type { Order } from '../../../shared/trading.ts';
import { decodeRecord, type JournalRecord } from './journal-log.ts';
import type { SqliteJournal } from './sqlite-journal.ts';

/** The records of `text` (whole lines) after sequence number `after`, and the last sequence number read. */
export function readRecords(text: string, after: number, file: string): { records: JournalRecord[]; last: number } {
  const records: JournalRecord[] = [];
  let last = after;
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    if (end > start) {
      const { seq, record } = decodeRecord(text.slice(start, end), file);
      if (seq > after) {
        records.push(record);
        last = seq;
      }
    }
    start = end + 1;
  }
  return { records, last };
}

/**
 * Writes `records` and the log position `seq` in one transaction. In log order, except that an order
 * written several times (pending, open, filled) is written once, in its final state, where it first
 * appeared: the same rows, in the same order, as every write would leave.
 */
export function projectRecords(store: SqliteJournal, records: readonly JournalRecord[], seq: number): void {
  const finalState = new Map<string, Order>();
  for (const record of records) if (record.kind === 'order') finalState.set(record.value.clientOrderId, record.value);
  store.transaction(() => {
    for (const record of records) {
      if (record.kind !== 'order') apply(store, record);
      else {
        const order = finalState.get(record.value.clientOrderId);
        if (order === undefined) continue;
        store.upsertOrder(order);
        finalState.delete(record.value.clientOrderId);
      }
    }
    store.setLogPosition(seq);
  });
}

function apply(store: SqliteJournal, record: Exclude<JournalRecord, { kind: 'order' }>): void {
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
