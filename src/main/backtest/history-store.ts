// Exchange candles cached in <dataDir>/history.sqlite, keyed by (exchange, symbol, timeframe, openTime).
// A separate coverage table records which time ranges were fully downloaded: an exchange has gaps
// (maintenance, a quiet market with no trades), so "no candle at t" cannot tell "not fetched" from
// "nothing happened", and a resumed download would otherwise fetch every gap again.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { barOpen, TIMEFRAME_MS, type Candle, type SymbolInfo, type Timeframe } from '../../shared/market.ts';

export interface SeriesKey {
  exchange: string;
  symbol: string;
  timeframe: Timeframe;
}

/** Half-open: candles with from <= openTime < to. */
export type TimeRange = [from: number, to: number];

export interface CachedSeries extends SeriesKey {
  from: number;
  to: number;
  rows: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS candles (
    exchange TEXT NOT NULL, symbol TEXT NOT NULL, timeframe TEXT NOT NULL, open_time INTEGER NOT NULL,
    open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL,
    PRIMARY KEY (exchange, symbol, timeframe, open_time)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS coverage (
    exchange TEXT NOT NULL, symbol TEXT NOT NULL, timeframe TEXT NOT NULL,
    from_ts INTEGER NOT NULL, to_ts INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS coverage_by_series ON coverage (exchange, symbol, timeframe, from_ts);
  CREATE TABLE IF NOT EXISTS markets (
    exchange TEXT NOT NULL, symbol TEXT NOT NULL, info TEXT NOT NULL, PRIMARY KEY (exchange, symbol)
  );
`;

interface CandleRow {
  open_time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** The first candle boundary at or after ts. */
export function alignUp(ts: number, timeframe: Timeframe): number {
  const open = barOpen(ts, TIMEFRAME_MS[timeframe]);
  return open === ts ? ts : open + TIMEFRAME_MS[timeframe];
}

export class HistoryStore {
  private readonly db: DatabaseSync;
  private readonly s: Record<
    'insertCandle' | 'candles' | 'overlapping' | 'deleteCoverage' | 'insertCoverage' | 'saveMarket' | 'market' | 'series',
    StatementSync
  >;

  /** readOnly for the backtest workers: they read what the main thread downloaded. */
  constructor(path: string, options: { readOnly?: boolean } = {}) {
    this.db = new DatabaseSync(path, { readOnly: options.readOnly === true });
    // A worker may read while the main thread stores a page of another download.
    this.db.exec('PRAGMA busy_timeout = 5000;');
    if (!options.readOnly) this.db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; ${SCHEMA}`);
    const series = 'exchange = ? AND symbol = ? AND timeframe = ?';
    this.s = {
      insertCandle: this.db.prepare(`INSERT OR REPLACE INTO candles (exchange, symbol, timeframe, open_time, open, high, low, close, volume)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      candles: this.db.prepare(`SELECT open_time, open, high, low, close, volume FROM candles
        WHERE ${series} AND open_time >= ? AND open_time < ? ORDER BY open_time`),
      // Touching ranges count as overlapping so that coverage merges into one row per stretch.
      overlapping: this.db.prepare(`SELECT rowid AS id, from_ts, to_ts FROM coverage
        WHERE ${series} AND from_ts <= ? AND to_ts >= ? ORDER BY from_ts`),
      deleteCoverage: this.db.prepare('DELETE FROM coverage WHERE rowid = ?'),
      insertCoverage: this.db.prepare('INSERT INTO coverage (exchange, symbol, timeframe, from_ts, to_ts) VALUES (?, ?, ?, ?, ?)'),
      saveMarket: this.db.prepare('INSERT OR REPLACE INTO markets (exchange, symbol, info) VALUES (?, ?, ?)'),
      market: this.db.prepare('SELECT info FROM markets WHERE exchange = ? AND symbol = ?'),
      series: this.db.prepare(`SELECT exchange, symbol, timeframe, MIN(open_time) AS first, MAX(open_time) AS last, COUNT(*) AS rows
        FROM candles GROUP BY exchange, symbol, timeframe ORDER BY exchange, symbol, timeframe`),
    };
  }

  /** The parts of [from, to) no finished download covers, in time order, on candle boundaries. */
  missing(key: SeriesKey, from: number, to: number): TimeRange[] {
    const start = alignUp(from, key.timeframe);
    if (start >= to) return [];
    const covered = this.s.overlapping.all(key.exchange, key.symbol, key.timeframe, to, start) as { from_ts: number; to_ts: number }[];
    const gaps: TimeRange[] = [];
    let cursor = start;
    for (const range of covered) {
      if (range.from_ts > cursor) gaps.push([cursor, Math.min(range.from_ts, to)]);
      cursor = Math.max(cursor, range.to_ts);
      if (cursor >= to) break;
    }
    if (cursor < to) gaps.push([cursor, to]);
    return gaps;
  }

  /** Stores a page and marks [coveredFrom, coveredTo) as downloaded, in one transaction. */
  savePage(key: SeriesKey, candles: readonly Candle[], coveredFrom: number, coveredTo: number): void {
    this.db.exec('BEGIN');
    try {
      for (const c of candles) {
        this.s.insertCandle.run(key.exchange, key.symbol, key.timeframe, c.openTime, c.open, c.high, c.low, c.close, c.volume);
      }
      if (coveredTo > coveredFrom) this.cover(key, coveredFrom, coveredTo);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  candles(key: SeriesKey, from: number, to: number): Candle[] {
    const rows = this.s.candles.all(key.exchange, key.symbol, key.timeframe, from, to) as unknown as CandleRow[];
    return rows.map((r) => ({
      symbol: key.symbol,
      timeframe: key.timeframe,
      openTime: r.open_time,
      open: r.open,
      high: r.high,
      low: r.low,
      close: r.close,
      volume: r.volume,
      closed: true,
    }));
  }

  /** The market's tick, lot and fees, kept so a cached history runs without the exchange. */
  saveSymbol(exchange: string, info: SymbolInfo): void {
    this.s.saveMarket.run(exchange, info.symbol, JSON.stringify(info));
  }

  symbol(exchange: string, symbol: string): SymbolInfo | null {
    const row = this.s.market.get(exchange, symbol) as { info: string } | undefined;
    return row ? (JSON.parse(row.info) as SymbolInfo) : null;
  }

  /** Every cached series, for the datasets list. */
  series(): CachedSeries[] {
    const rows = this.s.series.all() as { exchange: string; symbol: string; timeframe: Timeframe; first: number; last: number; rows: number }[];
    return rows.map((r) => ({
      exchange: r.exchange,
      symbol: r.symbol,
      timeframe: r.timeframe,
      from: r.first,
      to: r.last + TIMEFRAME_MS[r.timeframe],
      rows: r.rows,
    }));
  }

  close(): void {
    this.db.close();
  }

  private cover(key: SeriesKey, from: number, to: number): void {
    let merged: TimeRange = [from, to];
    for (const row of this.s.overlapping.all(key.exchange, key.symbol, key.timeframe, to, from) as { id: number; from_ts: number; to_ts: number }[]) {
      merged = [Math.min(merged[0], row.from_ts), Math.max(merged[1], row.to_ts)];
      this.s.deleteCoverage.run(row.id);
    }
    this.s.insertCoverage.run(key.exchange, key.symbol, key.timeframe, merged[0], merged[1]);
  }
}
