import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error.ts';
import { candlesFrom } from './dataset-rows.ts';
import { parseCsv } from './parse-table.ts';
import { plainCandleCsv } from './plain-candle-csv.ts';

const START = Date.UTC(2024, 4, 1);
const HEADER = 'timestamp,open,high,low,close,volume';

/** What the general path (table parser and zod schema) reads from the file, or the error it raises. */
function general(text: string): { rows: object[] } | { error: string } {
  try {
    const candles = candlesFrom(parseCsv(text), 'BTC/USDT', '1m');
    return { rows: candles.map(({ openTime, open, high, low, close, volume }) => ({ openTime, open, high, low, close, volume })) };
  } catch (error) {
    if (error instanceof DatasetError) return { error: error.message };
    throw error;
  }
}

const candle = fc
  .record({ open: fc.double({ min: 0.01, max: 1e6, noNaN: true }), spread: fc.double({ min: 0, max: 0.05, noNaN: true }), move: fc.double({ min: -0.05, max: 0.05, noNaN: true }), volume: fc.double({ min: 0, max: 1e4, noNaN: true }) })
  .map(({ open, spread, move, volume }) => {
    const close = open * (1 + move);
    return [open, Math.max(open, close) * (1 + spread), Math.min(open, close) * (1 - spread), close, volume];
  });

const plainFile = fc.record({ rows: fc.array(candle, { minLength: 1, maxLength: 40 }), meta: fc.boolean(), crlf: fc.boolean(), finalNewline: fc.boolean() }).map(({ rows, meta, crlf, finalNewline }) => {
  const lines = [...(meta ? ['# symbol=BTC/USDT timeframe=1m'] : []), HEADER, ...rows.map((r, i) => [START + i * 60_000, ...r].join(','))];
  const end = crlf ? '\r\n' : '\n';
  return lines.join(end) + (finalNewline ? end : '');
});

/** Cells a hand-edited or foreign file holds: each must send the file the general way, or read as it does. */
const oddCell = fc.oneof(
  fc.constantFrom('', ' 5', '"5"', '0x10', '1e400', '-1', '0', 'NaN', '5.', '.5', '.', '+5', '1e2', '1.2.3', '5-', '007', '2024-05-01T00:00:00Z', '1714521600', '99999999999999999'),
  fc.constantFrom('1714521600000.', '1714521600000.0', '+1714521600000', '1714521600000e0', '17145216000000000000', '123456789012345.6', '0.1234567890123456789'),
  fc.double({ noNaN: true }).map(String),
  fc.string({ maxLength: 6 }).filter((cell) => !/[,\r\n]/.test(cell)),
);

describe('plain candle CSV', () => {
  it('reads a plain file exactly as the general table parser and schema read it', () => {
    fc.assert(
      fc.property(plainFile, (text) => {
        const plain = plainCandleCsv(text);
        expect(plain).toBeDefined();
        expect(general(text)).toEqual({ rows: plain!.rows });
      }),
      { numRuns: 300 },
    );
  });

  it('with one odd cell anywhere, either declines the file or reads what the general path reads', () => {
    fc.assert(
      fc.property(plainFile, fc.nat(), fc.nat(), oddCell, (text, row, column, cell) => {
        const lines = text.split(/\r?\n/);
        const at = lines.indexOf(HEADER) + 1 + (row % (lines.filter((l) => /^\d/.test(l)).length));
        const cells = lines[at].split(',');
        cells[column % 6] = cell;
        lines[at] = cells.join(',');
        const odd = lines.join('\n');
        const plain = plainCandleCsv(odd);
        if (plain) expect(general(odd)).toEqual({ rows: plain.rows });
      }),
      { numRuns: 2_000 },
    );
  });

  it('declines rows out of time order, a comment inside, a byte-order mark and another header, leaving their messages to the general path', () => {
    const rows = ['1714521660000,1,1,1,1,1', '1714521600000,1,1,1,1,1'];
    expect(plainCandleCsv([HEADER, ...rows].join('\n'))).toBeUndefined();
    expect(plainCandleCsv([HEADER, '# a note', rows[1]].join('\n'))).toBeUndefined();
    expect(plainCandleCsv(`\uFEFF${HEADER}\n${rows[1]}`)).toBeUndefined();
    expect(plainCandleCsv(`time,open,high,low,close,volume\n${rows[1]}`)).toBeUndefined();
    expect(plainCandleCsv(HEADER)).toBeUndefined();
  });
});
