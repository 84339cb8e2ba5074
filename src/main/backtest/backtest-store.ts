// Finished backtests in <dataDir>/backtests.sqlite: one row per run, the summary apart from the full
// result so the list never parses thousands of trades and equity points.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { BacktestResult, BacktestSummary } from '../../shared/backtest.ts';
import { NotFoundError } from '../engine/strategy-host.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    summary TEXT NOT NULL,
    result TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS runs_by_created ON runs (created_at);
`;

// JSON has no Infinity or NaN, and metrics use them (profit factor with no losing trade): without
// this a stored run would come back with null where the live one showed ∞.
const NON_FINITE: Record<string, number> = { Infinity, '-Infinity': -Infinity, NaN };
const encode = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
const decode = <T>(text: string): T =>
  JSON.parse(text, (_key, v: unknown) => (typeof v === 'string' && v in NON_FINITE ? NON_FINITE[v] : v)) as T;

export class BacktestStore {
  private readonly db: DatabaseSync;
  private readonly statements: Record<'insert' | 'list' | 'get' | 'remove', StatementSync>;

  /** A file path, or ':memory:'. */
  constructor(path: string) {
    this.db = new DatabaseSync(path);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    this.db.exec(SCHEMA);
    this.statements = {
      insert: this.db.prepare('INSERT OR REPLACE INTO runs (run_id, created_at, summary, result) VALUES (?, ?, ?, ?)'),
      list: this.db.prepare('SELECT summary FROM runs ORDER BY created_at DESC, rowid DESC'),
      get: this.db.prepare('SELECT result FROM runs WHERE run_id = ?'),
      remove: this.db.prepare('DELETE FROM runs WHERE run_id = ?'),
    };
  }

  save(result: BacktestResult): void {
    const summary: BacktestSummary = {
      runId: result.runId,
      createdAt: result.createdAt,
      request: result.request,
      metrics: result.metrics,
      events: result.events,
      durationMs: result.durationMs,
    };
    this.statements.insert.run(result.runId, result.createdAt, encode(summary), encode(result));
  }

  /** Newest first. */
  list(): BacktestSummary[] {
    return (this.statements.list.all() as { summary: string }[]).map((row) => decode<BacktestSummary>(row.summary));
  }

  get(runId: string): BacktestResult {
    const row = this.statements.get.get(runId) as { result: string } | undefined;
    if (!row) throw new NotFoundError(`No backtest run ${runId}.`);
    return decode<BacktestResult>(row.result);
  }

  remove(runId: string): void {
    const { changes } = this.statements.remove.run(runId);
    if (Number(changes) === 0) throw new NotFoundError(`No backtest run ${runId}.`);
  }

  close(): void {
    this.db.close();
  }
}
