// The engine is the last line before the journal: a fill that cannot be money that moved is refused there,
// whatever broker reports it, so it is never journaled and never replayed at a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { FileJournal } from '../../src/main/adapters/journal/file-journal.ts';
import { ReplayFeed } from '../../src/main/adapters/replay/replay-feed.ts';
import { Engine } from '../../src/main/engine/engine.ts';
import type { Broker, ExecutionEvent } from '../../src/main/engine/ports.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';
import type { Fill } from '../../src/shared/trading.ts';
import { BTC, START } from '../support/test-desk.ts';

/** A venue that reports whatever the test tells it to. */
class ReportingBroker implements Broker {
  readonly mode = 'live' as const;
  private listener: (event: ExecutionEvent) => void = () => {};
  setListener(listener: (event: ExecutionEvent) => void): void {
    this.listener = listener;
  }
  submit(): void {}
  cancel(): void {}
  onMarket(): void {}
  restore(): void {}
  report(event: ExecutionEvent): void {
    this.listener(event);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'hft-desk-bad-fill-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function start(): Promise<{ engine: Engine; broker: ReportingBroker; journal: FileJournal }> {
  const feed = new ReplayFeed({ symbols: [BTC], startTime: START });
  const broker = new ReportingBroker();
  const journal = new FileJournal(join(dir, 'journal.sqlite'));
  const engine = new Engine({ feed, broker, journal, clock: feed.clock, settings: DEFAULT_SETTINGS });
  await engine.start();
  return { engine, broker, journal };
}

const fill = (tradeId: string, price: number, size: number): Fill => ({
  orderId: 'X1', clientOrderId: 'hd-x-1', tradeId, symbol: BTC.symbol, side: 'buy', price, size, fee: 0.1, feeAsset: 'USDT', feeAmount: 0.1, liquidity: 'taker', ts: START,
});

it('ignores a fill with an impossible price or size, keeps it out of the journal, and restarts on the good ones', async () => {
  const first = await start();
  first.broker.report({ type: 'fill', fill: fill('t1', 60_000, 0.5) });
  first.broker.report({ type: 'fill', fill: fill('t2', Number.NaN, 0.5) });
  first.broker.report({ type: 'fill', fill: fill('t3', 60_000, -1) });
  expect(first.engine.snapshot().positions.map((p) => [p.symbol, p.size])).toEqual([[BTC.symbol, 0.5]]);
  expect(first.engine.snapshot().log.filter((l) => l.level === 'error' && /t2|t3/.test(l.message))).toHaveLength(2);
  first.engine.stop();
  first.journal.close();

  const second = await start();
  expect(second.engine.snapshot().positions.map((p) => [p.symbol, p.size])).toEqual([[BTC.symbol, 0.5]]);
  expect(second.engine.snapshot().account.cash).toBeCloseTo(DEFAULT_SETTINGS.startingCapital - 30_000 - 0.1, 6);
  second.engine.stop();
  second.journal.close();
});
