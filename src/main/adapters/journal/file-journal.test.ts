import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RiskEvent } from '../../../shared/risk.ts';
import type { Signal } from '../../../shared/strategy.ts';
import type { Journal } from '../../engine/ports.ts';
import { FileJournal } from './file-journal.ts';
import { account, fill, killAfterWriting, order, T0 } from './journal-fixtures.ts';
import { SqliteJournal } from './sqlite-journal.ts';

const signal: Signal = { strategyId: 'mom-1', symbol: 'BTC/USDT', direction: 'long', strength: 0.75, price: 30_010, ts: T0, meta: { roc: 0.0031 } };
const halt: RiskEvent = { ts: T0 + 1, kind: 'halt', code: 'MANUAL_HALT', message: 'Halted by the trader' };

/** A session's worth of every kind of record, as the engine writes them. */
function writeSession(journal: Journal): void {
  journal.saveAccount(account(2));
  journal.saveStrategies([{ id: 'mom-1' }]);
  journal.recordSignal(signal);
  journal.upsertOrder(order('o1'));
  journal.commit();
  journal.upsertOrder(order('o3', { side: 'sell' }));
  journal.upsertOrder(order('o1', { status: 'open', id: 'P-o1' }));
  journal.upsertOrder(order('o1', { status: 'partially_filled', id: 'P-o1', filled: 0.25, avgFillPrice: 30_000.5, fees: 1.5 }));
  journal.recordFill(fill('t1'));
  journal.recordAdjustment({ ts: T0, asset: 'USDT', symbol: null, amount: -500, price: 1 });
  journal.upsertOrder(order('o2', { type: 'stop_market', price: undefined, triggerPrice: 29_000, reduceOnly: true, heldBy: 'desk', side: 'sell' }));
  journal.recordRiskEvent(halt);
  journal.commit();
}

describe('FileJournal', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hft-file-journal-'));
    path = join(dir, 'journal.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads exactly what a SQLite journal given the same writes loads, orders in the order they first appeared', () => {
    const file = new FileJournal(path);
    const direct = new SqliteJournal(':memory:');
    writeSession(file);
    writeSession(direct);
    expect(file.load(10)).toEqual(direct.load(10));
    expect(file.load(10).recentOrders.map((o) => `${o.clientOrderId} ${o.status}`)).toEqual(['o2 pending', 'o3 pending', 'o1 partially_filled']);
    file.close();
    direct.close();
  });

  it('puts a committed record in the log at once and in the tables only once the projection thread took it', () => {
    const journal = new FileJournal(path);
    journal.upsertOrder(order('o1'));
    expect(readFileSync(journal.logPath, 'utf8')).toBe('');
    journal.commit();
    expect(readFileSync(journal.logPath, 'utf8')).toContain('"clientOrderId":"o1"');
    expect(ordersInTables(path)).toEqual([]);
    journal.settle();
    expect(ordersInTables(path)).toEqual(['o1']);
    journal.close();
  });

  it('keeps every committed record of a process killed with SIGKILL, projected or not', async () => {
    const count = 200;
    const url = pathToFileURL(fileURLToPath(new URL('./file-journal.ts', import.meta.url))).href;
    // Projects half-way, so the restart finds records in the tables and records only in the log.
    await killAfterWriting(
      path,
      count,
      `const { FileJournal } = await import(${JSON.stringify(url)}); const journal = new FileJournal(journalPath);`,
      `journal.commit(); if (i === ${count / 2}) journal.settle();`,
    );
    expect(statSync(`${path}.log`).size).toBeGreaterThan(0);
    const reopened = new FileJournal(path);
    const loaded = reopened.load(count);
    reopened.close();
    expect(loaded.recentOrders).toHaveLength(count);
    expect(loaded.fills.map((f) => f.tradeId)).toEqual(Array.from({ length: count }, (_, i) => `P-c${i}:1`));
  });

  it('applies a record once when the process died after projecting it and before emptying the log', () => {
    const first = new FileJournal(path);
    writeSession(first);
    first.settle();
    const log = readFileSync(first.logPath);
    first.close();
    writeFileSync(`${path}.log`, log); // the log as the crash left it: every record already in the tables

    const second = new FileJournal(path);
    const loaded = second.load(10);
    second.close();
    expect(loaded.recentSignals).toEqual([signal]);
    expect(loaded.recentRiskEvents).toEqual([halt]);
    expect(loaded.adjustments).toHaveLength(1);
  });

  it('drops a last record cut short by a crash and keeps everything before it', () => {
    const first = new FileJournal(path);
    first.upsertOrder(order('o1'));
    first.commit();
    const log = readFileSync(first.logPath);
    first.close();
    writeFileSync(`${path}.log`, Buffer.concat([log, Buffer.from('[99,"order",{"clientOrderId":"o2","sym')]));
    // The first session was closed, so o1 is in the tables; the log holds it again, then the torn record.
    const second = new FileJournal(path);
    expect(second.load(10).recentOrders.map((o) => o.clientOrderId)).toEqual(['o1']);
    expect(readFileSync(second.logPath, 'utf8')).toBe('');
    second.upsertOrder(order('o3'));
    second.close();
    expect(new FileJournal(path).load(10).recentOrders.map((o) => o.clientOrderId)).toEqual(['o3', 'o1']);
  });

  it('refuses to start on a log with an unreadable record in the middle, and leaves the log as it is', () => {
    new FileJournal(path).close();
    const text = `[1,"order",${JSON.stringify(order('o1'))}]\nnot a record\n[3,"signal",${JSON.stringify(signal)}]\n`;
    appendFileSync(`${path}.log`, text);
    expect(() => new FileJournal(path)).toThrow(`The journal log ${path}.log holds a record this build cannot read (not a record); it was left as it is.`);
    expect(readFileSync(`${path}.log`, 'utf8')).toBe(text);
  });

  it('refuses a duplicate fill whether or not the first one was projected yet, and after a restart', () => {
    const journal = new FileJournal(path);
    expect(journal.recordFill(fill('t1'))).toBe(true);
    expect(journal.recordFill(fill('t1'))).toBe(false);
    journal.settle();
    expect(journal.recordFill(fill('t1'))).toBe(false);
    expect(journal.recordFill(fill('t2'))).toBe(true);
    expect(journal.load(10).fills.map((f) => f.tradeId)).toEqual(['t1', 't2']);
    journal.close();
    const reopened = new FileJournal(path);
    expect(reopened.recordFill(fill('t2'))).toBe(false);
    expect(reopened.recordFill(fill('t3'))).toBe(true);
    reopened.close();
  });

  it('empties a long log once the tables hold all of it, and goes on journaling into the emptied file', () => {
    const journal = new FileJournal(path);
    const count = 50_000; // about 10 MB of log, past the size at which it is emptied
    for (let i = 0; i < count; i++) journal.recordSignal({ ...signal, ts: T0 + i, meta: { roc: i / count, padding: 1e9 + i } });
    journal.settle();
    journal.project();
    expect(statSync(journal.logPath).size).toBe(0);
    journal.recordSignal({ ...signal, ts: T0 + count });
    journal.settle();
    expect(statSync(journal.logPath).size).toBeGreaterThan(0);
    const signals = journal.load(count + 10).recentSignals;
    expect(signals).toHaveLength(count + 1);
    expect(signals[0]!.ts).toBe(T0 + count);
    journal.close();
  });

  it('keeps the account epoch of each fill as the log ordered them', () => {
    const journal = new FileJournal(path);
    journal.saveAccount(account(1));
    journal.recordFill(fill('old'));
    journal.saveAccount(account(2)); // account.reset between two fills of one batch
    journal.recordFill(fill('new'));
    journal.commit();
    journal.close();
    const reopened = new FileJournal(path);
    expect(reopened.load(10).fills.map((f) => f.tradeId)).toEqual(['new']);
    reopened.close();
  });
});

function ordersInTables(path: string): string[] {
  const reader = new SqliteJournal(path);
  const ids = reader.load(10).recentOrders.map((o) => o.clientOrderId);
  reader.close();
  return ids;
}
