import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatasetError } from '../../src/main/backtest/dataset-error.ts';
import { listDatasets, loadDataset, type DatasetDir } from '../../src/main/backtest/datasets.ts';
import { NotFoundError } from '../../src/main/engine/strategy-host.ts';
import { SAMPLE_DIRS } from './backtest-support.ts';

let dir: string;
let dirs: DatasetDir[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hft-datasets-'));
  dirs = [...SAMPLE_DIRS, { dir, origin: 'user' }];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Twenty 1-minute candles from 2024-05-01 00:00 UTC, line 17 of the file holding a bad close. */
function csvWithBadLine17(): string {
  const lines = ['# symbol=ETH/USDT timeframe=1m', 'timestamp,open,high,low,close,volume'];
  for (let i = 0; i < 20; i++) lines.push(`${Date.UTC(2024, 4, 1) + i * 60_000},3000,3010,2990,${i === 14 ? 'n/a' : '3005'},12.5`);
  return `${lines.join('\n')}\n`;
}

describe('datasets', () => {
  it('lists the shipped samples: five days of BTC/USDT 1m candles and ten minutes of trades', () => {
    const [candles, trades] = listDatasets(SAMPLE_DIRS);
    expect(candles).toEqual({
      id: 'sample:BTC-USDT_1m.csv',
      name: 'BTC-USDT_1m.csv',
      kind: 'candles',
      symbol: 'BTC/USDT',
      timeframe: '1m',
      from: Date.UTC(2024, 4, 1),
      to: Date.UTC(2024, 4, 6),
      rows: 5 * 1_440,
      origin: 'sample',
    });
    expect(trades).toMatchObject({ id: 'sample:BTC-USDT_trades.csv', kind: 'trades', symbol: 'BTC/USDT', timeframe: null, origin: 'sample' });
    expect(trades.to - trades.from).toBeLessThanOrEqual(10 * 60_000);
  });

  it('lists a user file by its first-line symbol, even with a bad row inside, and loading it names line 17', () => {
    writeFileSync(join(dir, 'eth.csv'), csvWithBadLine17());
    const listed = listDatasets(dirs).find((d) => d.origin === 'user');
    expect(listed).toMatchObject({ id: 'user:eth.csv', symbol: 'ETH/USDT', timeframe: '1m', rows: 20 });
    let loaded: unknown = null;
    let error: unknown = null;
    try {
      loaded = loadDataset('user:eth.csv', dirs);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toBe('line 17: close is not a number');
    expect(loaded).toBeNull();
  });

  it('loads a user JSON file of trades named by the pattern SOL-USDT_ticks.json', () => {
    const rows = [
      { timestamp: '2024-05-01T00:00:00.250Z', price: 150.12, size: 3, side: 'buy' },
      { timestamp: '2024-05-01T00:00:01.000Z', price: 150.1, size: 1.5, side: 'sell' },
    ];
    writeFileSync(join(dir, 'SOL-USDT_ticks.json'), JSON.stringify(rows));
    const dataset = loadDataset('user:SOL-USDT_ticks.json', dirs);
    expect(dataset.kind).toBe('trades');
    expect(dataset.info).toMatchObject({ symbol: 'SOL/USDT', kind: 'trades', timeframe: null, from: Date.UTC(2024, 4, 1) + 250, to: Date.UTC(2024, 4, 1) + 1_001, rows: 2 });
    expect(dataset.kind === 'trades' && dataset.trades.map((t) => t.price)).toEqual([150.12, 150.1]);
  });

  it('leaves out a file that cannot say its timeframe, and says why when it is asked for', () => {
    writeFileSync(join(dir, 'candles.csv'), '# symbol=BTC/USDT\ntimestamp,open,high,low,close,volume\n1714521600000,1,1,1,1,1\n');
    expect(listDatasets(dirs).some((d) => d.origin === 'user')).toBe(false);
    expect(() => loadDataset('user:candles.csv', dirs)).toThrow(/candles.csv does not say its timeframe/);
  });

  it('will not read outside the dataset folders, whatever the id says', () => {
    expect(() => loadDataset('user:../../etc/passwd', dirs)).toThrow(NotFoundError);
    expect(() => loadDataset('sample:BTC-USDT_1m.csv', [{ dir, origin: 'sample' }])).toThrow('There is no dataset sample:BTC-USDT_1m.csv.');
  });
});
