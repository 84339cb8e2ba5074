// CSV and JSON dataset files read into one shape: named columns and rows that remember where they were
// in the file, so a later check can say "line 17: close is not a number".
//
// CSV: an optional first line `# symbol=BTC/USDT timeframe=1m`, then a header naming the columns (it is
// required: a file of bare numbers cannot say which column is the close), then one row per line.
// Other lines starting with # and blank lines are skipped. Values hold no commas, so a plain split is
// enough; surrounding double quotes are removed.
//
// JSON: either an array of row objects, or { "symbol": ..., "timeframe": ..., "rows": [...] }. Rows
// are numbered from 1 ("row 17"), since a JSON parser does not say on which line an element sits.
import { DatasetError } from './dataset-error.ts';

export interface TableRow {
  /** Where the row is in the file: 'line 17' or 'row 17'. */
  where: string;
  values: Record<string, unknown>;
}

export interface Table {
  /** Settings the file states about itself: the first-line comment, or the JSON object's fields. */
  meta: Record<string, string>;
  /** Column names as written, lower-cased. */
  columns: string[];
  /** Where the column names are: 'line 2' or 'row 1'. */
  headerWhere: string;
  rows: TableRow[];
}

export function parseTable(text: string, format: 'csv' | 'json'): Table {
  return format === 'csv' ? parseCsv(text) : parseJson(text);
}

export function parseCsv(text: string): Table {
  // CRLF (Windows), LF, and a lone CR (what Excel for Mac wrote as "CSV (Macintosh)").
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const meta = lines.length > 0 && lines[0].startsWith('#') ? parseMetaComment(lines[0]) : {};
  let columns: string[] | null = null;
  let headerWhere = 'line 1';
  const rows: TableRow[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `line ${index + 1}`;
    const cells = line.split(',').map(unquote);
    if (columns === null) {
      if (cells.some((cell) => cell !== '' && Number.isFinite(Number(cell)))) {
        throw new DatasetError(`${where}: the first row must be a header naming the columns, such as timestamp,open,high,low,close,volume.`);
      }
      columns = cells.map((cell) => cell.toLowerCase());
      headerWhere = where;
      continue;
    }
    if (cells.length !== columns.length) {
      throw new DatasetError(`${where}: has ${cells.length} values but the header names ${columns.length} columns.`);
    }
    const values: Record<string, unknown> = {};
    for (let c = 0; c < columns.length; c++) values[columns[c]] = cells[c];
    rows.push({ where, values });
  }
  if (columns === null) throw new DatasetError('The file is empty: it needs a header and at least one row.');
  return { meta, columns, headerWhere, rows };
}

export function parseJson(text: string): Table {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new DatasetError(`The file is not valid JSON: ${(error as Error).message}`);
  }
  const meta: Record<string, string> = {};
  let list: unknown = parsed;
  if (!Array.isArray(parsed)) {
    if (parsed === null || typeof parsed !== 'object' || !Array.isArray((parsed as { rows?: unknown }).rows)) {
      throw new DatasetError('A JSON dataset must be an array of rows or an object with a "rows" array.');
    }
    for (const [key, value] of Object.entries(parsed)) {
      if (key !== 'rows' && (typeof value === 'string' || typeof value === 'number')) meta[key.toLowerCase()] = String(value);
    }
    list = (parsed as { rows: unknown[] }).rows;
  }
  const rows: TableRow[] = [];
  let columns: string[] | null = null;
  (list as unknown[]).forEach((item, index) => {
    const where = `row ${index + 1}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new DatasetError(`${where}: is not an object of named values.`);
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) values[key.toLowerCase()] = value;
    // The first row's names act as the header.
    columns ??= Object.keys(values);
    rows.push({ where, values });
  });
  if (columns === null) throw new DatasetError('The file has no rows.');
  return { meta, columns, headerWhere: 'row 1', rows };
}

/** `# symbol=BTC/USDT timeframe=1m` -> { symbol: 'BTC/USDT', timeframe: '1m' }. */
export function parseMetaComment(line: string): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const part of line.replace(/^#+/, '').trim().split(/\s+/)) {
    const eq = part.indexOf('=');
    if (eq > 0) meta[part.slice(0, eq).toLowerCase()] = part.slice(eq + 1);
  }
  return meta;
}

function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}
