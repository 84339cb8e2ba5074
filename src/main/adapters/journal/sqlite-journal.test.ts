import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RiskEvent } from '../../../shared/risk.ts';
import type { Signal } from '../../../shared/strategy.ts';
import { account, fill, killAfterWriting, order, T0 } from './journal-fixtures.ts';
import { MIGRATIONS } from './journal-schema.ts';
import { SqliteJournal } from './sqlite-journal.ts';

describe('SqliteJournal in memory', () => {
  let journal: SqliteJournal;
  beforeEach(() => {
    journal = new SqliteJournal(':memory:');
  });
  afterEach(() => journal.close());

  it('starts empty with no saved account', () => {
    expect(journal.load(50)).toEqual({
      account: null,
      fills: [],
      adjustments: [],
      openOrders: [],
      recentOrders: [],
      recentSignals: [],
      recentRiskEvents: [],
      strategies: [],
      latestTime: null,
    });
  });

  it('round-trips a stop order with its trigger and terms, and lets an upsert change its status and fills', () => {
    const pending = order('o1', { type: 'stop_market', triggerPrice: 29_500, heldBy: 'desk', reduceOnly: true, ocoGroup: 'g1' });
    journal.upsertOrder(pending);
    expect(journal.load(10).recentOrders).toEqual([pending]);

    const filled = { ...pending, id: 'P-o1', status: 'filled' as const, filled: 0.5, avgFillPrice: 30_000.25, fees: 3, updatedAt: T0 + 250 };
    journal.upsertOrder(filled);
    const loaded = journal.load(10);
    expect(loaded.recentOrders).toEqual([filled]);
    expect(loaded.openOrders).toEqual([]);
  });

  it('keeps a market order without a price and a rejection reason as written', () => {
    const rejected = order('m1', { type: 'market', status: 'rejected', reason: 'Size 0.001 is below the minimum' });
    delete rejected.price;
    journal.upsertOrder(rejected);
    expect(journal.load(10).recentOrders).toEqual([rejected]);
    expect(journal.load(10).recentOrders[0]).not.toHaveProperty('price');
  });

  it('lists open orders oldest first and recent orders newest first, bounded', () => {
    journal.upsertOrder(order('a', { ts: T0, status: 'open' }));
    journal.upsertOrder(order('b', { ts: T0 + 1, status: 'filled' }));
    journal.upsertOrder(order('c', { ts: T0 + 2, status: 'partially_filled' }));
    journal.upsertOrder(order('d', { ts: T0 + 3, status: 'unknown' }));
    journal.upsertOrder(order('e', { ts: T0 + 4, status: 'pending' }));
    journal.upsertOrder(order('f', { ts: T0 + 5, status: 'cancelled' }));
    const loaded = journal.load(3);
    expect(loaded.openOrders.map((o) => o.clientOrderId)).toEqual(['a', 'c', 'd', 'e']);
    expect(loaded.recentOrders.map((o) => o.clientOrderId)).toEqual(['f', 'e', 'd']);
  });

  it('ignores a duplicate fill and keeps one row', () => {
    expect(journal.recordFill(fill('P-o1:25'))).toBe(true);
    expect(journal.recordFill(fill('P-o1:25', { price: 1, size: 99 }))).toBe(false);
    expect(journal.recordFill(fill('P-o1:50', { ts: T0 + 10 }))).toBe(true);
    const fills = journal.load(10).fills;
    expect(fills).toEqual([fill('P-o1:25'), fill('P-o1:50', { ts: T0 + 10 })]);
  });

  it('returns fills in the order they were journaled, whatever time their venue stamped on them', () => {
    journal.recordFill(fill('first', { ts: T0 + 5 }));
    journal.recordFill(fill('second', { ts: T0 }));
    journal.recordFill(fill('third', { ts: T0 }));
    expect(journal.load(10).fills.map((f) => f.tradeId)).toEqual(['first', 'second', 'third']);
  });

  it('returns only the fills of the current account epoch', () => {
    journal.recordFill(fill('before-any-account'));
    journal.saveAccount(account(0));
    journal.recordFill(fill('epoch-0'));
    expect(journal.load(10).fills.map((f) => f.tradeId)).toEqual(['before-any-account', 'epoch-0']);

    journal.saveAccount(account(1)); // account.reset
    expect(journal.load(10).fills).toEqual([]);
    journal.recordFill(fill('epoch-1'));
    expect(journal.load(10).fills.map((f) => f.tradeId)).toEqual(['epoch-1']);
  });

  it('round-trips the account state and keeps only the latest', () => {
    journal.saveAccount({ ...account(0), halted: null });
    journal.saveAccount(account(2));
    expect(journal.load(10).account).toEqual(account(2));
  });

  it('returns signals and risk events newest first, bounded', () => {
    const signal = (ts: number): Signal => ({
      strategyId: 'mom-1',
      symbol: 'BTC/USDT',
      direction: 'long',
      strength: 0.75,
      price: 30_010,
      ts,
      meta: { roc: 0.0031, regime: 'trend' },
    });
    for (const ts of [T0, T0 + 1, T0 + 2]) journal.recordSignal(signal(ts));
    const denied: RiskEvent = { ts: T0, kind: 'denied', code: 'MAX_POSITION_SIZE', message: 'Position 26,000 USDT exceeds 25,000 USDT', clientOrderId: 'o9', symbol: 'BTC/USDT' };
    const halt: RiskEvent = { ts: T0 + 1, kind: 'halt', code: 'MANUAL_HALT', message: 'Halted by the trader' };
    journal.recordRiskEvent(denied);
    journal.recordRiskEvent(halt);

    const loaded = journal.load(2);
    expect(loaded.recentSignals).toEqual([signal(T0 + 2), signal(T0 + 1)]);
    expect(loaded.recentRiskEvents).toEqual([halt, denied]);
  });

  it('replaces the saved strategy list as a whole', () => {
    journal.saveStrategies([{ id: 'a' }, { id: 'b' }]);
    journal.saveStrategies([{ id: 'c', params: { lookback: 20 } }]);
    expect(journal.load(10).strategies).toEqual([{ id: 'c', params: { lookback: 20 } }]);
  });
});

describe('SqliteJournal on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hft-journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps everything across close and reopen, in WAL mode, without re-running migrations', () => {
    const path = join(dir, 'journal.db');
    const first = new SqliteJournal(path);
    first.saveAccount(account(3));
    first.upsertOrder(order('o1', { status: 'open', id: 'P-o1' }));
    first.recordFill(fill('P-o1:25'));
    first.saveStrategies([{ id: 'mom-1' }]);
    const before = first.load(10);
    first.close();

    const second = new SqliteJournal(path);
    expect(second.load(10)).toEqual(before);
    expect(second.load(10).fills).toHaveLength(1);
    second.close();

    const raw = new DatabaseSync(path);
    expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(raw.prepare('SELECT version FROM schema_version').all()).toEqual([{ version: MIGRATIONS.length }]);
    raw.close();
  });

  it('refuses a journal written by a newer schema', () => {
    const path = join(dir, 'future.db');
    new SqliteJournal(path).close();
    const raw = new DatabaseSync(path);
    raw.exec('UPDATE schema_version SET version = 99');
    raw.close();
    expect(() => new SqliteJournal(path)).toThrow(`Journal schema 99 is newer than this build understands (${MIGRATIONS.length}).`);
  });

  it('replays an adjustment among the fills where it was journaled, within its account epoch', () => {
    const path = join(dir, 'adjustments.db');
    const j = new SqliteJournal(path);
    j.saveAccount(account(2));
    j.recordAdjustment({ ts: T0, asset: 'BTC', symbol: 'BTC/USDT', amount: 1, price: 60_000 });
    j.recordFill(fill('a'));
    j.recordFill(fill('b'));
    j.recordAdjustment({ ts: T0 + 1, asset: 'USDT', symbol: null, amount: -500, price: 1 });
    j.recordFill(fill('c'));
    j.close();
    const reopened = new SqliteJournal(path);
    const loaded = reopened.load(10);
    expect(loaded.fills.map((f) => f.tradeId)).toEqual(['a', 'b', 'c']);
    expect(loaded.adjustments).toEqual([
      { ts: T0, asset: 'BTC', symbol: 'BTC/USDT', amount: 1, price: 60_000, afterFills: 0 },
      { ts: T0 + 1, asset: 'USDT', symbol: null, amount: -500, price: 1, afterFills: 2 },
    ]);
    reopened.saveAccount(account(3));
    expect(reopened.load(10).adjustments).toEqual([]);
    reopened.close();
  });

  it('reads a fill journaled before fees had an asset as a fee in the quote currency', () => {
    const path = join(dir, 'v1.db');
    const raw = new DatabaseSync(path);
    raw.exec('CREATE TABLE schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)');
    raw.exec(MIGRATIONS[0]!);
    raw.exec('INSERT INTO schema_version (id, version) VALUES (1, 1)');
    raw.exec(`INSERT INTO fills (order_id, trade_id, client_order_id, symbol, side, price, size, fee, liquidity, ts, epoch)
              VALUES ('P-o1', 't1', 'o1', 'ETH/USDT', 'buy', 2000, 1, 2, 'taker', ${T0}, 0)`);
    raw.close();
    const journal = new SqliteJournal(path);
    expect(journal.load(10).fills[0]).toMatchObject({ tradeId: 't1', fee: 2, feeAsset: 'USDT', feeAmount: 2 });
    journal.close();
  });

  it('keeps every write of a process killed with SIGKILL', async () => {
    const path = join(dir, 'crash.db');
    const count = 200;
    const journalUrl = pathToFileURL(fileURLToPath(new URL('./sqlite-journal.ts', import.meta.url))).href;
    await killAfterWriting(path, count, `const { SqliteJournal } = await import(${JSON.stringify(journalUrl)}); const journal = new SqliteJournal(journalPath);`, '');

    const reopened = new SqliteJournal(path);
    const loaded = reopened.load(count);
    reopened.close();
    expect(loaded.recentOrders).toHaveLength(count);
    expect(loaded.fills).toHaveLength(count);
    expect(loaded.fills[count - 1]).toMatchObject({ tradeId: `P-c${count - 1}:1`, price: 100 + count - 1 });
  });
});
