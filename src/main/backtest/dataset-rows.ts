// Every row of a dataset checked with zod before anything is kept. The first bad row (a value, or a
// row out of time order) throws a DatasetError naming its line and field, and nothing is returned:
// a file is used whole or not at all.
import { z } from 'zod';
import { isBarOpen, TIMEFRAME_MS, type Candle, type Timeframe, type Trade } from '../../shared/market.ts';
import { DatasetError, quoted } from './dataset-error.ts';
import type { Table, TableRow } from './parse-table.ts';

export const CANDLE_COLUMNS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;
export const TRADE_COLUMNS = ['timestamp', 'price', 'size', 'side'] as const;

export type DatasetKind = 'candles' | 'trades';

/** Millisecond timestamps before 1973 are almost surely seconds. */
export const SECONDS_LIKE_BELOW = 1e11;
/** The end of year 9999: the last time an ISO date can write, and far inside what a Date can hold. */
export const LATEST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** Plain decimal notation: Number() would also take "0x1F", "0b11" and "  " for numbers. */
export const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// A date-time must say its zone: without one, JavaScript reads it in the machine's local time, and the
// same file would load differently on another desk.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

function issue(ctx: z.core.$RefinementCtx, input: unknown, message: string): never {
  ctx.issues.push({ code: 'custom', message, input });
  return z.NEVER;
}

const numeric = z.unknown().transform((value, ctx): number => {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return issue(ctx, value, 'is missing');
  const text = typeof value === 'string' ? value.trim() : '';
  const n = typeof value === 'number' ? value : DECIMAL.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(n) ? n : issue(ctx, value, 'is not a number');
});

const positive = numeric.pipe(z.number().positive({ error: 'must be above 0' }));
const nonNegative = numeric.pipe(z.number().nonnegative({ error: 'must not be negative' }));

const timestamp = z.unknown().transform((value, ctx): number => {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return issue(ctx, value, 'is missing');
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (/^\d+(\.0+)?$/.test(text)) {
    const ms = Number(text);
    if (ms < SECONDS_LIKE_BELOW) return issue(ctx, value, `${text} looks like seconds; timestamps are milliseconds since 1970`);
    if (ms > LATEST_TIME) return issue(ctx, value, 'is after the year 9999; timestamps are milliseconds since 1970');
    return ms;
  }
  if (ISO_DATE.test(text) || ISO_DATE_TIME.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T'));
    if (Number.isFinite(ms)) return ms;
  }
  return issue(ctx, value, 'is not a time: use milliseconds since 1970 or ISO 8601 with a zone, such as 2024-05-01T00:00:00Z');
});

const candleRow = z
  .object({ timestamp, open: positive, high: positive, low: positive, close: positive, volume: nonNegative })
  .superRefine((row, ctx) => {
    const top = Math.max(row.open, row.close);
    const bottom = Math.min(row.open, row.close);
    if (row.high < top) ctx.issues.push({ code: 'custom', path: ['high'], input: row.high, message: `${row.high} is below the ${row.open >= row.close ? 'open' : 'close'} ${top}` });
    else if (row.low > bottom) ctx.issues.push({ code: 'custom', path: ['low'], input: row.low, message: `${row.low} is above the ${row.open <= row.close ? 'open' : 'close'} ${bottom}` });
  });

const tradeRow = z.object({
  timestamp,
  price: positive,
  size: positive,
  side: z.unknown().transform((value, ctx): 'buy' | 'sell' => {
    const side = typeof value === 'string' ? value.trim().toLowerCase() : '';
    return side === 'buy' || side === 'sell' ? side : issue(ctx, value, value === undefined || value === '' ? 'is missing' : 'must be buy or sell');
  }),
  // Optional: with ids, a trade listed twice is caught; an empty cell counts as no id.
  id: z
    .unknown()
    .transform((value) => (value === undefined || value === null || value === '' ? undefined : String(value)))
    .optional(),
});

export function kindOf(table: Table): DatasetKind {
  const has = (names: readonly string[]): boolean => names.every((name) => table.columns.includes(name));
  if (has(CANDLE_COLUMNS)) return 'candles';
  if (has(TRADE_COLUMNS)) return 'trades';
  // A file of one endless line would otherwise repeat itself into the message.
  const shown = table.columns.slice(0, 12).map((name) => quoted(name));
  const more = table.columns.length > shown.length ? `, … (${table.columns.length} columns)` : '';
  throw new DatasetError(
    `${table.headerWhere}: the header must name ${CANDLE_COLUMNS.join(', ')} (candles) or ${TRADE_COLUMNS.join(', ')} (trades); it names ${shown.join(', ') || 'nothing'}${more}.`,
  );
}

function parsed<T>(schema: z.ZodType<T>, row: TableRow): T {
  const result = schema.safeParse(row.values);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const field = first.path.map(String).join('.');
  // A JSON row can leave a field out altogether; zod then speaks of its own types, not of the field.
  const message = field !== '' && row.values[field] === undefined ? 'is missing' : first.message;
  throw new DatasetError(`${row.where}: ${field ? `${field} ` : ''}${message}`);
}

function time(ts: number): string {
  return new Date(ts).toISOString();
}

export function candlesFrom(table: Table, symbol: string, timeframe: Timeframe): Candle[] {
  const periodMs = TIMEFRAME_MS[timeframe];
  const candles: Candle[] = [];
  let previous: TableRow | null = null;
  let previousTs = 0;
  for (const row of table.rows) {
    const { timestamp: openTime, open, high, low, close, volume } = parsed(candleRow, row);
    if (!isBarOpen(openTime, periodMs)) throw new DatasetError(`${row.where}: timestamp ${time(openTime)} is not on a ${timeframe} boundary.`);
    if (previous !== null && openTime <= previousTs) throw outOfOrder(row, openTime, previous, previousTs);
    candles.push({ symbol, timeframe, openTime, open, high, low, close, volume, closed: true });
    previous = row;
    previousTs = openTime;
  }
  return candles;
}

export function tradesFrom(table: Table, symbol: string): Trade[] {
  const trades: Trade[] = [];
  const ids = new Map<string, string>();
  let previous: TableRow | null = null;
  let previousTs = 0;
  for (const row of table.rows) {
    const { timestamp: ts, price, size, side, id } = parsed(tradeRow, row);
    // Several trades in one millisecond are normal; going back in time is not.
    if (previous !== null && ts < previousTs) throw outOfOrder(row, ts, previous, previousTs);
    let tradeId = `${ts}-${trades.length}`;
    if (id !== undefined) {
      tradeId = id;
      const seen = ids.get(tradeId);
      if (seen !== undefined) throw new DatasetError(`${row.where}: id ${tradeId} repeats ${seen}.`);
      ids.set(tradeId, row.where);
    }
    trades.push({ symbol, ts, id: tradeId, price, size, side });
    previous = row;
    previousTs = ts;
  }
  return trades;
}

function outOfOrder(row: TableRow, ts: number, previous: TableRow, previousTs: number): DatasetError {
  if (ts === previousTs) return new DatasetError(`${row.where}: timestamp ${time(ts)} repeats ${previous.where}.`);
  return new DatasetError(`${row.where}: timestamp ${time(ts)} comes before ${previous.where} (${time(previousTs)}); rows must be in time order.`);
}

/** The first and last timestamps, checked, for a listing that does not read every row. */
export function timeRange(table: Table): { from: number; to: number } {
  if (table.rows.length === 0) throw new DatasetError('The file has a header but no rows.');
  const firstRow = table.rows[0];
  const lastRow = table.rows[table.rows.length - 1];
  const first = parsed(z.object({ timestamp }), firstRow).timestamp;
  const last = parsed(z.object({ timestamp }), lastRow).timestamp;
  // A range that runs backwards would be offered in the picker and fail only when run.
  if (last < first) throw outOfOrder(lastRow, last, firstRow, first);
  return { from: first, to: last };
}
