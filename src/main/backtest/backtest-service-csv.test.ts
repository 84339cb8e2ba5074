import { describe, expect, it } from 'vitest';
import { toCsv } from './backtest-service-csv.ts';

describe('backtest CSV', () => {
  it('ends every line with CRLF and quotes only fields holding a comma, a quote or a line break, doubling quotes', () => {
    const csv = toCsv(['name', 'value'], [
      ['plain', 1.5],
      ['a,b', Infinity],
      ['say "hi"', Number.NaN],
      ['two\nlines', -Infinity],
    ]);
    expect(csv).toBe('name,value\r\nplain,1.5\r\n"a,b",Infinity\r\n"say ""hi""",NaN\r\n"two\nlines",-Infinity\r\n');
  });
});
