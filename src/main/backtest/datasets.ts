// Dataset files in the shipped samples folder and the user's datasets folder: listed for the picker,
// loaded whole (and checked row by row) for a run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { DatasetInfo } from '../../shared/backtest.ts';
import { isBarOpen, TIMEFRAME_MS, type Candle, type Timeframe, type Trade } from '../../shared/market.ts';
import { NotFoundError } from '../engine/strategy-host.ts';
import { DatasetError } from './dataset-error.ts';
import { datasetIdentity } from './dataset-name.ts';
import { candlesFrom, kindOf, timeRange, tradesFrom } from './dataset-rows.ts';
import { parseTable, type Table } from './parse-table.ts';
import { plainCandleCsv } from './plain-candle-csv.ts';

export interface DatasetDir {
  dir: string;
  origin: 'sample' | 'user';
}

export type Dataset =
  | { kind: 'candles'; info: DatasetInfo; timeframe: Timeframe; candles: Candle[] }
  | { kind: 'trades'; info: DatasetInfo; trades: Trade[] };

/** Names we read: letters, digits, dot, dash, underscore, space and parentheses, ending .csv or .json. */
const FILE_NAME = /^[\w][\w .()-]*\.(csv|json)$/i;

/**
 * Every readable dataset file, samples first, by file name. Listing reads each file's header and its
 * first and last rows; a file with a bad row in between is still listed, and loading it says which
 * line is wrong. A file that cannot even be described (no header, no symbol) is left out.
 * `to` is exclusive: the close of the last candle, or 1 ms after the last trade, so a run from
 * `from` to `to` covers the whole file.
 */
export function listDatasets(dirs: readonly DatasetDir[]): DatasetInfo[] {
  const infos: DatasetInfo[] = [];
  for (const { dir, origin } of dirs) {
    for (const fileName of datasetFiles(dir)) {
      try {
        infos.push(describe(readTable(join(dir, fileName)), fileName, origin));
      } catch (error) {
        if (!(error instanceof DatasetError)) throw error;
      }
    }
  }
  return infos;
}

/** Reads and checks the whole file; throws DatasetError for the first bad row, NotFoundError for an unknown id. */
export function loadDataset(id: string, dirs: readonly DatasetDir[]): Dataset {
  const colon = id.indexOf(':');
  const origin = id.slice(0, colon);
  const fileName = id.slice(colon + 1);
  const home = dirs.find((d) => d.origin === origin && FILE_NAME.test(fileName) && datasetFiles(d.dir).includes(fileName));
  if (colon < 0 || home === undefined) throw new NotFoundError(`There is no dataset ${id}.`);
  const path = join(home.dir, fileName);
  const text = readFileSync(path, 'utf8');
  const plain = formatOf(path) === 'csv' ? plainCandleDataset(text, fileName, home.origin) : undefined;
  if (plain) return plain;
  const table = parseTable(text, formatOf(path));
  const info = describe(table, fileName, home.origin);
  if (info.kind === 'trades') return { kind: 'trades', info, trades: tradesFrom(table, info.symbol) };
  const timeframe = info.timeframe as Timeframe;
  return { kind: 'candles', info, timeframe, candles: candlesFrom(table, info.symbol, timeframe) };
}

function datasetFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return []; // a folder not made yet (the user's, before the first file) holds nothing
  }
  return names.filter((name) => FILE_NAME.test(name) && isFile(join(dir, name))).sort();
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false; // a dangling link or a file removed while listing
  }
}

function formatOf(path: string): 'csv' | 'json' {
  return extname(path).toLowerCase() === '.json' ? 'json' : 'csv';
}

function readTable(path: string): Table {
  return parseTable(readFileSync(path, 'utf8'), formatOf(path));
}

/** A plain candle CSV (plain-candle-csv.ts) whose candles all sit on its timeframe; undefined sends the file the general way. */
function plainCandleDataset(text: string, fileName: string, origin: DatasetDir['origin']): Dataset | undefined {
  const plain = plainCandleCsv(text);
  if (!plain) return undefined;
  const { symbol, timeframe } = datasetIdentity(fileName, plain.meta);
  if (timeframe === null) return undefined;
  const periodMs = TIMEFRAME_MS[timeframe];
  if (plain.rows.some((row) => !isBarOpen(row.openTime, periodMs))) return undefined;
  const candles = plain.rows.map((row): Candle => ({ symbol, timeframe, ...row, closed: true }));
  const info = describeParts('candles', symbol, timeframe, { from: candles[0].openTime, to: candles[candles.length - 1].openTime }, candles.length, fileName, origin);
  return { kind: 'candles', info, timeframe, candles };
}

function describe(table: Table, fileName: string, origin: DatasetDir['origin']): DatasetInfo {
  const kind = kindOf(table);
  const { symbol, timeframe } = datasetIdentity(fileName, table.meta);
  return describeParts(kind, symbol, timeframe, timeRange(table), table.rows.length, fileName, origin);
}

function describeParts(
  kind: DatasetInfo['kind'],
  symbol: string,
  timeframe: Timeframe | null,
  { from, to }: { from: number; to: number },
  rows: number,
  fileName: string,
  origin: DatasetDir['origin'],
): DatasetInfo {
  if (kind === 'candles' && timeframe === null) {
    throw new DatasetError(`${fileName} does not say its timeframe: start it with a line like "# symbol=${symbol} timeframe=1m" or name it like ${symbol.replace('/', '-')}_1m.csv.`);
  }
  return {
    id: `${origin}:${fileName}`,
    name: fileName,
    kind,
    symbol,
    timeframe: kind === 'candles' ? timeframe : null,
    from,
    to: kind === 'candles' ? to + TIMEFRAME_MS[timeframe as Timeframe] : to + 1,
    rows,
    origin,
  };
}
