// A real engine on a replay feed, the paper broker and the file journal (log + SQLite) in a temp folder:
// integration tests drive known prices through it and read what a trader would see.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SymbolInfo } from '../../src/shared/market.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings.ts';
import { FileJournal } from '../../src/main/adapters/journal/file-journal.ts';
import { PaperBroker } from '../../src/main/adapters/paper/paper-broker.ts';
import { ReplayFeed } from '../../src/main/adapters/replay/replay-feed.ts';
import { Engine } from '../../src/main/engine/engine.ts';
import type { Broker } from '../../src/main/engine/ports.ts';

export const BTC: SymbolInfo = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  market: 'spot',
  tickSize: 0.1,
  lotSize: 0.00001,
  minSize: 0.0001,
  minNotional: 0,
  makerFee: 0.0002,
  takerFee: 0.0005,
};

export const START = Date.UTC(2026, 0, 5, 12, 0, 0);

export interface TestDesk {
  engine: Engine;
  feed: ReplayFeed;
  journal: FileJournal;
  dir: string;
  /** A book of five 1-BTC levels a tick apart around bid/ask, and the matching ticker. */
  quote(bid: number, ask: number, ts?: number): void;
  trade(price: number, size: number, side: 'buy' | 'sell', ts?: number): void;
  /** Stops the engine and closes the journal, keeping the folder for a restart. */
  close(): void;
}

let tradeSeq = 0;

export interface TestDeskOptions {
  dir?: string;
  settings?: Partial<Settings>;
  now?: number;
  /** Wraps the paper broker, to give the venue rules of its own (its precision). */
  broker?: (paper: PaperBroker) => Broker;
}

export async function openDesk(options: TestDeskOptions = {}): Promise<TestDesk> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'hft-desk-test-'));
  const feed = new ReplayFeed({ symbols: [BTC], startTime: options.now ?? START });
  const journal = new FileJournal(join(dir, 'journal.sqlite'));
  const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const paper = new PaperBroker({ symbols: [BTC], clock: feed.clock });
  const engine = new Engine({ feed, broker: options.broker?.(paper) ?? paper, journal, clock: feed.clock, settings });
  await engine.start();
  const desk: TestDesk = {
    engine,
    feed,
    journal,
    dir,
    quote(bid, ask, ts = feed.clock.now()) {
      const bids: [number, number][] = [0, 1, 2, 3, 4].map((i) => [bid - i * 10, 1]);
      const asks: [number, number][] = [0, 1, 2, 3, 4].map((i) => [ask + i * 10, 1]);
      feed.push({ type: 'book', book: { symbol: BTC.symbol, ts, bids, asks } });
      feed.push({ type: 'ticker', ticker: { symbol: BTC.symbol, ts, bid, ask, last: (bid + ask) / 2 } });
    },
    trade(price, size, side, ts = feed.clock.now()) {
      feed.push({ type: 'trade', trade: { symbol: BTC.symbol, ts, id: `t${++tradeSeq}`, price, size, side } });
    },
    close() {
      engine.stop();
      journal.close();
    },
  };
  return desk;
}

export function removeDesk(desk: TestDesk): void {
  rmSync(desk.dir, { recursive: true, force: true });
}
