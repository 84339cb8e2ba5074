import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BacktestResult } from '../../shared/backtest.ts';
import { NotFoundError } from '../engine/strategy-host.ts';
import { BacktestStore } from './backtest-store.ts';
import { HistoryStore } from './history-store.ts';

const MINUTE = 60_000;
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function result(runId: string, createdAt: number, profitFactor: number): BacktestResult {
  return {
    runId,
    createdAt,
    request: {
      strategy: { kind: 'momentum', params: {} },
      symbol: 'BTC/USDT',
      timeframe: '1m',
      from: 0,
      to: MINUTE,
      source: { kind: 'simulated', seed: 1 },
      startingCapital: 1_000,
    },
    metrics: {
      totalReturn: 0.1, cagr: 1, sharpe: 2, sortino: Infinity, maxDrawdown: 0, maxDrawdownDurationMs: 0, calmar: Infinity,
      winRate: 1, profitFactor, expectancy: 5, trades: 1, exposure: 0.5, feesPaid: 1, finalEquity: 1_100,
    },
    events: 10,
    durationMs: 5,
    trades: [{ side: 'long', entryTs: 0, exitTs: 1, size: 1, entryPrice: 1, exitPrice: 2, pnl: 1, fees: 0 }],
    equity: [{ ts: 0, equity: 1_000, drawdown: 0 }],
    fills: [],
    candles: [{ symbol: 'BTC/USDT', timeframe: '1m', openTime: 0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3, closed: true }],
  };
}

describe('backtest store', () => {
  it('gives back a run with infinite metrics as infinite after the file is reopened, and lists runs newest first', () => {
    dir = mkdtempSync(join(tmpdir(), 'hft-desk-store-'));
    const path = join(dir, 'backtests.sqlite');
    const first = new BacktestStore(path);
    first.save(result('older', 1_000, 2));
    first.save(result('newer', 2_000, Infinity));
    first.close();

    const store = new BacktestStore(path);
    expect(store.list().map((s) => s.runId)).toEqual(['newer', 'older']);
    expect(store.get('newer')).toEqual(result('newer', 2_000, Infinity));
    expect(store.list()[0]).not.toHaveProperty('trades');
    store.close();
  });

  it('throws NotFoundError for a run it does not hold, on get and on remove', () => {
    const store = new BacktestStore(':memory:');
    expect(() => store.get('nope')).toThrow(NotFoundError);
    expect(() => store.remove('nope')).toThrow(NotFoundError);
    store.close();
  });
});

describe('history store', () => {
  const key = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' } as const;
  const candle = (openTime: number) => ({ ...key, openTime, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3, closed: true });

  it('reports only the ranges no download covered, merging touching ranges, even where the exchange had no candles', () => {
    const store = new HistoryStore(':memory:');
    expect(store.missing(key, 0, 10 * MINUTE)).toEqual([[0, 10 * MINUTE]]);
    store.savePage(key, [candle(0), candle(MINUTE)], 0, 2 * MINUTE);
    store.savePage(key, [], 2 * MINUTE, 4 * MINUTE); // a quiet stretch: covered, though empty
    store.savePage(key, [candle(6 * MINUTE)], 6 * MINUTE, 7 * MINUTE);
    expect(store.missing(key, 0, 10 * MINUTE)).toEqual([[4 * MINUTE, 6 * MINUTE], [7 * MINUTE, 10 * MINUTE]]);
    expect(store.missing(key, 30_000, 3 * MINUTE)).toEqual([]);
    expect(store.missing({ ...key, timeframe: '5m' }, 0, 10 * MINUTE)).toEqual([[0, 10 * MINUTE]]);
    expect(store.candles(key, 0, 10 * MINUTE).map((c) => c.openTime)).toEqual([0, MINUTE, 6 * MINUTE]);
    expect(store.series()).toEqual([{ ...key, from: 0, to: 7 * MINUTE, rows: 3 }]);
    store.close();
  });
});
