// Hostile dataset files in the user's datasets folder: whatever a CSV (or JSON) file holds, loading it
// gives either a DatasetError that names the line and column, or candles and trades that are all finite
// and valid. A bad file never breaks the listing, and the datasets already there stay exactly as they were.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../src/main/backtest/dataset-error.ts';
import { listDatasets, loadDataset, type Dataset, type DatasetDir } from '../../src/main/backtest/datasets.ts';
import { propertyRuns } from '../support/property-runs.ts';
import { hostileDocuments } from './hostile-documents.ts';

const MINUTE = 60_000;
const START = Date.UTC(2024, 4, 1);
const CANDLE_FILE = 'ETH-USDT_1m.csv';
const TRADE_FILE = 'ETH-USDT_trades.csv';

const root = mkdtempSync(join(tmpdir(), 'hft-hostile-datasets-'));
const dirs: DatasetDir[] = [{ dir: join(root, 'datasets'), origin: 'user' }];
const EXISTING = ['user:BTC-USDT_1m.csv', 'user:BTC-USDT_trades.csv'];
let existingListed: unknown[];
let existingLoaded: Dataset[];

beforeAll(() => {
  mkdirSync(dirs[0]!.dir);
  writeFileSync(join(dirs[0]!.dir, 'BTC-USDT_1m.csv'), 'timestamp,open,high,low,close,volume\n1714521600000,100,101,99,100.5,2\n1714521660000,100.5,102,100,101,3\n');
  writeFileSync(join(dirs[0]!.dir, 'BTC-USDT_trades.csv'), 'timestamp,price,size,side,id\n1714521600000,100,0.5,buy,a\n1714521600001,100.5,0.25,sell,b\n');
  existingListed = listDatasets(dirs).filter((info) => EXISTING.includes(info.id));
  existingLoaded = EXISTING.map((id) => loadDataset(id, dirs));
  expect(existingListed).toHaveLength(2);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// ---- valid files, rendered the many ways spreadsheets and scripts write them ----

interface Layout {
  lineEnd: '\n' | '\r\n' | '\r';
  bom: boolean;
  metaLine: boolean;
  isoTimes: boolean;
  quoted: boolean;
  padded: boolean;
  commentsAndBlanks: boolean;
  finalLineEnd: boolean;
}

const layout: fc.Arbitrary<Layout> = fc.record({
  lineEnd: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const),
  bom: fc.boolean(),
  metaLine: fc.boolean(),
  isoTimes: fc.boolean(),
  quoted: fc.boolean(),
  padded: fc.boolean(),
  commentsAndBlanks: fc.boolean(),
  finalLineEnd: fc.boolean(),
});

const price = fc.double({ min: 1e-4, max: 1e6, noNaN: true });

interface CandleRow {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

const candleRows: fc.Arbitrary<CandleRow[]> = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 1, max: 5 }),
      open: price,
      close: price,
      up: fc.double({ min: 0, max: 0.1, noNaN: true }),
      down: fc.double({ min: 0, max: 0.5, noNaN: true }),
      volume: fc.double({ min: 0, max: 1e6, noNaN: true }),
    }),
    { minLength: 1, maxLength: 15 },
  )
  .map((rows) => {
    let ts = START;
    return rows.map(({ gap, open, close, up, down, volume }) => {
      ts += gap * MINUTE;
      return { ts, open, close, volume, high: Math.max(open, close) * (1 + up), low: Math.min(open, close) * (1 - down) };
    });
  });

interface TradeRow {
  ts: number;
  price: number;
  size: number;
  side: 'buy' | 'sell';
  id: string;
}

const tradeRows: fc.Arbitrary<TradeRow[]> = fc
  .array(fc.record({ gap: fc.integer({ min: 0, max: 5_000 }), price, size: price, side: fc.constantFrom('buy' as const, 'sell' as const) }), {
    minLength: 1,
    maxLength: 15,
  })
  .map((rows) => {
    let ts = START;
    return rows.map(({ gap, price, size, side }, i) => {
      ts += gap;
      return { ts, price, size, side, id: `t${i}` };
    });
  });

/** A file's lines, and which of them hold data rows (0-based), in order. */
interface Rendered {
  lines: string[];
  dataLines: number[];
  columns: string[];
  layout: Layout;
}

function render(columns: string[], rows: string[][], l: Layout, meta: string): Rendered {
  const cell = (text: string): string => {
    const padded = l.padded ? ` ${text} ` : text;
    return l.quoted ? `"${padded}"` : padded;
  };
  const lines: string[] = [];
  const dataLines: number[] = [];
  if (l.metaLine) lines.push(meta);
  lines.push(columns.map(cell).join(','));
  rows.forEach((row, i) => {
    if (l.commentsAndBlanks && i % 2 === 1) lines.push(i % 4 === 1 ? '' : '# a note');
    dataLines.push(lines.length);
    lines.push(row.map(cell).join(','));
  });
  return { lines, dataLines, columns, layout: l };
}

const timeText = (ts: number, l: Layout): string => (l.isoTimes ? new Date(ts).toISOString() : String(ts));

const renderCandles = (rows: CandleRow[], l: Layout): Rendered =>
  render(
    ['timestamp', 'open', 'high', 'low', 'close', 'volume'],
    rows.map((r) => [timeText(r.ts, l), String(r.open), String(r.high), String(r.low), String(r.close), String(r.volume)]),
    l,
    '# symbol=ETH/USDT timeframe=1m',
  );

const renderTrades = (rows: TradeRow[], l: Layout): Rendered =>
  render(
    ['timestamp', 'price', 'size', 'side', 'id'],
    rows.map((r) => [timeText(r.ts, l), String(r.price), String(r.size), r.side, r.id]),
    l,
    '# symbol=ETH/USDT',
  );

const textOf = (r: Rendered): string => `${r.layout.bom ? '\uFEFF' : ''}${r.lines.join(r.layout.lineEnd)}${r.layout.finalLineEnd ? r.layout.lineEnd : ''}`;

// ---- what can go wrong in them ----

const HOSTILE_CELLS = [
  '', ' ', 'NaN', 'nan', 'Infinity', '-Infinity', '1e400', '-1e400', '1e308', '-1', '0', '-0', '0x10', '0b1', '1_000', '１',
  'abc', 'null', 'undefined', '"', '""', '1,5', '__proto__', 'constructor', '9'.repeat(400), '253402300800000',
  '99999999999999999999', '2024-05-01T00:00:00', '2024-13-01T00:00:00Z', '1714521600', '1714521600000.5', 'buy', 'SELL', 'long',
  '\u0000', '\uD800', 'a'.repeat(10_000),
];

/** A damaged file, and where the damage is when one row holds it. */
interface Damaged {
  text: string;
  how: string;
  /** 1-based file line of the damaged row, the next data row's line (for order errors), and the column. */
  at?: { line: number; next?: number; column?: string };
}

function damage(r: Rendered): fc.Arbitrary<Damaged> {
  const rows = r.dataLines.length;
  const lineOf = (k: number): number => r.dataLines[k]! + 1;
  const atRow = (k: number, column?: string) => ({ line: lineOf(k), next: k + 1 < rows ? lineOf(k + 1) : undefined, column });
  const withLine = (k: number, edit: (cells: string[]) => string[]): string => {
    const lines = [...r.lines];
    lines[r.dataLines[k]!] = edit(lines[r.dataLines[k]!]!.split(',')).join(',');
    return textOf({ ...r, lines });
  };
  const row = fc.nat({ max: rows - 1 });
  const column = fc.nat({ max: r.columns.length - 1 });
  const text = textOf(r);
  return fc.oneof(
    fc.tuple(row, column, fc.constantFrom(...HOSTILE_CELLS)).map(([k, c, cell]) => ({
      text: withLine(k, (cells) => cells.map((v, i) => (i === c ? cell : v))),
      how: `line ${lineOf(k)}: ${r.columns[c]} set to ${JSON.stringify(cell.slice(0, 30))}`,
      at: atRow(k, cell.includes(',') ? undefined : r.columns[c]),
    })),
    row.map((k) => ({ text: withLine(k, (cells) => [...cells, '1']), how: `line ${lineOf(k)}: a value too many`, at: atRow(k) })),
    row.map((k) => ({ text: withLine(k, (cells) => cells.slice(0, -1)), how: `line ${lineOf(k)}: a value short`, at: atRow(k) })),
    row.map((k) => ({
      // Candles: high and low swapped; trades: size and side.
      text: withLine(k, (cells) => cells.map((v, i) => cells[i === 2 ? 3 : i === 3 ? 2 : i]!)),
      how: `line ${lineOf(k)}: columns 3 and 4 swapped`,
      at: atRow(k),
    })),
    row.map((k) => {
      const lines = [...r.lines];
      lines.splice(r.dataLines[k]! + 1, 0, lines[r.dataLines[k]!]!);
      return { text: textOf({ ...r, lines }), how: `line ${lineOf(k)} twice` };
    }),
    fc.nat({ max: Math.max(0, rows - 2) }).map((k) => {
      const lines = [...r.lines];
      const [a, b] = [r.dataLines[k]!, r.dataLines[Math.min(k + 1, rows - 1)]!];
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return { text: textOf({ ...r, lines }), how: `lines ${a + 1} and ${b + 1} swapped` };
    }),
    fc.tuple(column, fc.constantFrom('', '__proto__', 'constructor', 'open', 'timestamp', 'x'.repeat(1_000))).map(([c, name]) => {
      const lines = [...r.lines];
      const header = r.layout.metaLine ? 1 : 0;
      lines[header] = r.columns.map((v, i) => (i === c ? name : v)).join(',');
      return { text: textOf({ ...r, lines }), how: `header ${r.columns[c]} renamed ${name.slice(0, 20)}` };
    }),
    fc.nat({ max: text.length - 1 }).map((cut) => ({ text: text.slice(0, cut), how: `cut after ${cut} characters` })),
    fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((units) => ({ text: String.fromCharCode(...units), how: 'random text' })),
    fc.constantFrom(
      { text: '', how: 'an empty file' },
      { text: '\uFEFF', how: 'only a byte order mark' },
      { text: `${r.lines[r.layout.metaLine ? 1 : 0]}\n`, how: 'only the header' },
      { text: `${'word,'.repeat(200_000)}end`, how: 'one huge line of words' },
      { text: `${'1,'.repeat(200_000)}1`, how: 'one huge line of numbers' },
      { text: `${r.lines.join('\n')}\n${'9'.repeat(1_000_000)}`, how: 'a last line of a million digits' },
    ),
  );
}

// ---- what a load must give ----

function expectUsable(dataset: Dataset): void {
  const isTime = (ts: number): boolean => Number.isFinite(ts) && !Number.isNaN(new Date(ts).getTime());
  if (dataset.kind === 'candles') {
    expect(dataset.candles.length).toBe(dataset.info.rows);
    let previous = -Infinity;
    for (const c of dataset.candles) {
      expect([c.open, c.high, c.low, c.close, c.volume].every(Number.isFinite), JSON.stringify(c)).toBe(true);
      expect(c.open > 0 && c.high > 0 && c.low > 0 && c.close > 0 && c.volume >= 0, JSON.stringify(c)).toBe(true);
      expect(c.high >= Math.max(c.open, c.close) && c.low <= Math.min(c.open, c.close), JSON.stringify(c)).toBe(true);
      expect(isTime(c.openTime) && c.openTime % MINUTE === 0 && c.openTime > previous, JSON.stringify(c)).toBe(true);
      previous = c.openTime;
    }
    return;
  }
  expect(dataset.trades.length).toBe(dataset.info.rows);
  let previous = -Infinity;
  for (const t of dataset.trades) {
    expect(Number.isFinite(t.price) && t.price > 0 && Number.isFinite(t.size) && t.size > 0, JSON.stringify(t)).toBe(true);
    expect(isTime(t.ts) && t.ts >= previous && (t.side === 'buy' || t.side === 'sell'), JSON.stringify(t)).toBe(true);
    previous = t.ts;
  }
  expect(new Set(dataset.trades.map((t) => t.id)).size).toBe(dataset.trades.length);
}

/** Writes the file, lists and loads it; checks the outcome and that the datasets already there are untouched. */
function importFile(fileName: string, text: string, at?: Damaged['at']): void {
  writeFileSync(join(dirs[0]!.dir, fileName), text);
  const listed = listDatasets(dirs);
  expect(listed.filter((info) => EXISTING.includes(info.id))).toEqual(existingListed);
  const info = listed.find((d) => d.id === `user:${fileName}`);
  if (info) expect(Number.isFinite(info.from) && Number.isFinite(info.to) && info.to > info.from).toBe(true);

  let dataset: Dataset | undefined;
  try {
    dataset = loadDataset(`user:${fileName}`, dirs);
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(DatasetError);
    const message = (error as Error).message;
    expect(message.length, 'a sentence, not a dump of the file').toBeLessThan(1_000);
    if (at) {
      const failedAt = Number(/^line (\d+): /.exec(message)?.[1]);
      expect([at.line, at.next], `names the damaged line: ${message}`).toContain(failedAt);
      if (failedAt === at.line && at.column && !/ has \d+ values /.test(message)) expect(message).toContain(at.column);
      if (failedAt === at.next) expect(message).toContain(`line ${at.line}`);
    }
  }
  if (dataset) expectUsable(dataset);
  expect(EXISTING.map((id) => loadDataset(id, dirs))).toEqual(existingLoaded);
}

/** The DatasetError loading the file gives, or fails the test. */
function refusal(fileName: string, text: string): string {
  writeFileSync(join(dirs[0]!.dir, fileName), text);
  try {
    loadDataset(`user:${fileName}`, dirs);
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return (error as Error).message;
  }
  return expect.fail(`${fileName} loaded`);
}

const HEADER = 'timestamp,open,high,low,close,volume';

describe('dataset files with one known flaw', () => {
  it('refuses a timestamp past the year 9999, naming its line, instead of failing on the date', () => {
    expect(refusal(CANDLE_FILE, `${HEADER}\n${'9'.repeat(400)},1,1,1,1,1\n`)).toBe('line 2: timestamp is after the year 9999; timestamps are milliseconds since 1970');
    expect(refusal('ETH-USDT_1m.json', '[{"timestamp":600000000000000000000,"open":1,"high":1,"low":1,"close":1,"volume":1}]')).toMatch(/^row 1: timestamp is after the year 9999/);
  });

  it('refuses a number written in hex or binary in a price column', () => {
    expect(refusal(CANDLE_FILE, `${HEADER}\n1714521600000,0x10,16,16,16,1\n`)).toBe('line 2: open is not a number');
    expect(refusal(TRADE_FILE, 'timestamp,price,size,side\n1714521600000,100,0b1,buy\n')).toBe('line 2: size is not a number');
  });

  it('reads a file with old Mac line ends (a lone CR) like any other', () => {
    writeFileSync(join(dirs[0]!.dir, CANDLE_FILE), `${HEADER}\r1714521600000,100,101,99,100.5,2\r1714521660000,100.5,102,100,101,3\r`);
    expect(loadDataset(`user:${CANDLE_FILE}`, dirs)).toMatchObject({ kind: 'candles', info: { rows: 2 } });
  });

  it('does not offer a file whose last row comes before its first, and says why on loading', () => {
    const text = `${HEADER}\n1714521660000,1,1,1,1,1\n1714521600000,1,1,1,1,1\n`;
    expect(refusal(CANDLE_FILE, text)).toBe('line 3: timestamp 2024-05-01T00:00:00.000Z comes before line 2 (2024-05-01T00:01:00.000Z); rows must be in time order.');
    expect(listDatasets(dirs).map((info) => info.id)).not.toContain(`user:${CANDLE_FILE}`);
  });

  it('names at most a dozen columns of a header that is one endless line', () => {
    const message = refusal(CANDLE_FILE, `${'word,'.repeat(200_000)}end`);
    expect(message).toMatch(/^line 1: the header must name .* it names word, word, .*, … \(200001 columns\)\.$/);
    expect(message.length).toBeLessThan(400);
  });
});

describe('importing hostile dataset files', () => {
  it('loads candle files written any usual way exactly as they were written', () => {
    fc.assert(
      fc.property(candleRows, layout, (rows, l) => {
        writeFileSync(join(dirs[0]!.dir, CANDLE_FILE), textOf(renderCandles(rows, l)));
        const dataset = loadDataset(`user:${CANDLE_FILE}`, dirs);
        expect(dataset.kind === 'candles' && dataset.candles.map(({ openTime, open, high, low, close, volume }) => ({ ts: openTime, open, high, low, close, volume }))).toEqual(rows);
      }),
      { numRuns: propertyRuns(60) },
    );
  });

  it('loads trade files written any usual way exactly as they were written', () => {
    fc.assert(
      fc.property(tradeRows, layout, (rows, l) => {
        writeFileSync(join(dirs[0]!.dir, TRADE_FILE), textOf(renderTrades(rows, l)));
        const dataset = loadDataset(`user:${TRADE_FILE}`, dirs);
        expect(dataset.kind === 'trades' && dataset.trades.map(({ ts, price, size, side, id }) => ({ ts, price, size, side, id }))).toEqual(rows);
      }),
      { numRuns: propertyRuns(60) },
    );
  });

  it('refuses a damaged candle file naming the line and column, or loads only valid candles; other datasets stay as they were', () => {
    const damaged = fc.tuple(candleRows, layout).chain(([rows, l]) => damage(renderCandles(rows, l)));
    fc.assert(
      fc.property(damaged, (d) => importFile(CANDLE_FILE, d.text, d.at)),
      { numRuns: propertyRuns(150) },
    );
  });

  it('refuses a damaged trade file naming the line and column, or loads only valid trades; other datasets stay as they were', () => {
    const damaged = fc.tuple(tradeRows, layout).chain(([rows, l]) => damage(renderTrades(rows, l)));
    fc.assert(
      fc.property(damaged, (d) => importFile(TRADE_FILE, d.text, d.at)),
      { numRuns: propertyRuns(150) },
    );
  });

  it('refuses a damaged JSON dataset with a DatasetError, or loads only valid candles', () => {
    const valid = {
      symbol: 'ETH/USDT',
      timeframe: '1m',
      rows: [0, 1, 2].map((i) => ({ timestamp: START + i * MINUTE, open: 100, high: 101 + i, low: 99, close: 100.5, volume: 2 })),
    };
    fc.assert(
      fc.property(hostileDocuments(valid), (doc) => importFile('ETH-USDT_1m.json', doc.bytes.toString('utf8'))),
      { numRuns: propertyRuns(100) },
    );
  });
});
