import { describe, expect, it } from 'vitest';
import { BadDataLog, shown } from './bad-data-log.ts';

describe('BadDataLog', () => {
  it('logs the first report of a kind, then every hundredth with the count, so a broken stream cannot flood the log', () => {
    const lines: string[] = [];
    const log = new BadDataLog((line) => lines.push(line));
    for (let i = 0; i < 250; i++) log.report('trade BTC/USDT', () => 'bad trade');
    log.report('book BTC/USDT', () => 'bad level');
    expect(lines).toEqual(['bad trade', 'bad trade (100 times so far)', 'bad trade (200 times so far)', 'bad level']);
  });

  it('builds a line only when it is logged', () => {
    const log = new BadDataLog(() => {});
    let built = 0;
    for (let i = 0; i < 99; i++) log.report('x', () => String(++built));
    expect(built).toBe(1);
  });
});

describe('shown', () => {
  it('shows what the exchange sent, short and on one line', () => {
    expect([shown('abc'), shown(-5), shown(Number.NaN), shown(undefined), shown({ x: 1 }), shown('x'.repeat(100))]).toEqual([
      '"abc"',
      '-5',
      'NaN',
      'undefined',
      '{"x":1}',
      `"${'x'.repeat(30)}…"`,
    ]);
    expect(shown('a\nb')).toBe('"a\\nb"');
  });
});
