// A strategy must decide on what has happened, never on what will. We run the same strategy twice on
// the sample: once as it is, once with every candle from time T on changed (prices × 1.1, volume
// doubled). Everything decided and done up to T (signals, orders, fills) must be identical; after T
// the runs must differ, or the change proved nothing.
import { describe, expect, it } from 'vitest';
import type { BacktestRequest } from '../../src/shared/backtest.ts';
import type { Candle } from '../../src/shared/market.ts';
import { SqliteJournal } from '../../src/main/adapters/journal/sqlite-journal.ts';
import { datasetSymbolInfo } from '../../src/main/backtest/dataset-events.ts';
import { eventsFromCandles } from '../../src/main/backtest/events-from-candles.ts';
import { runBacktest } from '../../src/main/backtest/run-backtest.ts';
import { inputFrom, request, sampleDataset } from './backtest-support.ts';

const HOUR = 3_600_000;

function candlesOf(from: number, to: number): Candle[] {
  const dataset = sampleDataset();
  if (dataset.kind !== 'candles') throw new Error('the sample holds candles');
  return dataset.candles.filter((c) => c.openTime >= from && c.openTime < to);
}

async function journaled(req: BacktestRequest, candles: Candle[]) {
  const symbol = datasetSymbolInfo(sampleDataset());
  const journal = new SqliteJournal(':memory:');
  try {
    const outcome = await runBacktest(inputFrom(req, symbol, eventsFromCandles(candles, symbol)), {}, journal);
    const saved = journal.load(1_000_000);
    return { outcome, signals: saved.recentSignals.reverse(), orders: saved.recentOrders.reverse(), fills: saved.fills };
  } finally {
    journal.close();
  }
}

describe('no look-ahead', () => {
  const strategies: BacktestRequest['strategy'][] = [
    { kind: 'momentum', params: { lookback: 5, threshold: 0.001 } },
    { kind: 'mean-reversion', params: { period: 10, stdMultiplier: 1.5, orderSize: 0.05 } },
  ];
  for (const strategy of strategies) {
    it(`${strategy.kind}: signals, orders and fills up to T are identical when every candle from T on is changed`, async () => {
      const from = sampleDataset().info.from;
      const to = from + 12 * HOUR;
      const cut = from + 6 * HOUR;
      const req = request({ strategy, from, to });
      const original = candlesOf(from, to);
      const changed = original.map((c) =>
        c.openTime < cut ? c : { ...c, open: c.open * 1.1, high: c.high * 1.1, low: c.low * 1.1, close: c.close * 1.1, volume: c.volume * 2 },
      );
      const a = await journaled(req, original);
      const b = await journaled(req, changed);

      // The candle closing at T was decided on before T's data: up to and including T must match.
      const upTo = <X extends { ts: number }>(xs: X[]) => xs.filter((x) => x.ts <= cut);
      expect(upTo(a.signals).length).toBeGreaterThan(5);
      expect(upTo(a.fills).length).toBeGreaterThan(5);
      expect(upTo(b.signals)).toEqual(upTo(a.signals));
      expect(upTo(b.orders)).toEqual(upTo(a.orders));
      expect(upTo(b.fills)).toEqual(upTo(a.fills));
      expect(a.outcome.equity.filter((p) => p.ts <= cut)).toEqual(b.outcome.equity.filter((p) => p.ts <= cut));
      // After T the market differs, and so does what the strategy did.
      expect(b.fills.filter((f) => f.ts > cut)).not.toEqual(a.fills.filter((f) => f.ts > cut));
    });
  }
});
