// The whole runtime behind the public contract, as a trader's client meets it, on a paper desk whose
// market the test drives: books, tickers and prints pushed by hand on a replay clock, a SQLite journal in
// a temp folder, and restarts that reopen the same folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PaperBroker } from '../../src/main/adapters/paper/paper-broker.ts';
import { eventTime, ReplayFeed } from '../../src/main/adapters/replay/replay-feed.ts';
import type { EngineHost } from '../../src/main/engine-host.ts';
import { createRuntime } from '../../src/main/runtime.ts';
import { PassphraseSecretStore } from '../../src/main/secrets/passphrase-secret-store.ts';
import { FileSettingsStore } from '../../src/main/settings/file-settings-store.ts';
import type { CommandName, CommandRequest, CommandResponses, CommandResult } from '../../src/shared/contract.ts';
import type { BookLevel, MarketEvent, SymbolInfo } from '../../src/shared/market.ts';
import type { EngineSnapshot } from '../../src/shared/state.ts';

/** Spot markets shaped like Binance's: lots, minimum sizes and a minimum order value. */
export const CONTRACT_SYMBOLS: SymbolInfo[] = [
  { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', market: 'spot', tickSize: 0.01, lotSize: 0.00001, minSize: 0.0001, minNotional: 5, makerFee: 0.0002, takerFee: 0.0005 },
  { symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', market: 'spot', tickSize: 0.01, lotSize: 0.001, minSize: 0.01, minNotional: 5, makerFee: 0.0002, takerFee: 0.0005 },
];

export const CONTRACT_START = Date.UTC(2026, 2, 2, 9, 0, 0);

export interface ContractDesk {
  readonly dir: string;
  /** A command through the same handler Electron IPC and the WebSocket host use. */
  call<C extends CommandName>(command: C, payload: CommandRequest<C>): Promise<CommandResult<C>>;
  /** A command that must succeed; throws its error sentence otherwise. */
  ok<C extends CommandName>(command: C, payload: CommandRequest<C>): Promise<CommandResponses[C]>;
  snapshot(): Promise<EngineSnapshot>;
  /** A new book snapshot and a ticker at its touch (mid = the mark), stamped `now()`. */
  book(symbol: string, bids: BookLevel[], asks: BookLevel[]): void;
  /** A public print: resting orders it crosses fill at their own price. */
  trade(symbol: string, price: number, size: number, side: 'buy' | 'sell'): void;
  /** A recorded market event as it is, the clock moved to its time. */
  push(event: MarketEvent): void;
  /** Moves the market clock on; the next event is stamped with it. */
  advance(ms: number): void;
  now(): number;
  /**
   * Stops the runtime cleanly and opens a new one on the same folder; the market clock continues.
   * `whileStopped` runs in between (to leave the journal as a crash would have).
   */
  restart(whileStopped?: () => void): Promise<void>;
  close(): Promise<void>;
}

let printSeq = 0;

export async function openContractDesk(options: { symbols?: SymbolInfo[]; startTime?: number } = {}): Promise<ContractDesk> {
  const dir = mkdtempSync(join(tmpdir(), 'hft-contract-'));
  const symbols = options.symbols ?? CONTRACT_SYMBOLS;
  let clock = options.startTime ?? CONTRACT_START;
  let feed: ReplayFeed;

  const start = (): Promise<EngineHost> =>
    createRuntime({
      dataDir: dir,
      settingsStore: new FileSettingsStore(dir),
      secrets: new PassphraseSecretStore({ dataDir: dir, passphrase: undefined }),
      log: () => undefined,
      openPaperDesk: () => {
        feed = new ReplayFeed({ symbols, source: 'contract-test', startTime: clock });
        const broker = new PaperBroker({ symbols, clock: feed.clock });
        return { mode: 'paper', feed, broker, clock: feed.clock, journalFile: 'paper.sqlite', startingCapital: null, close: async () => feed.stop() };
      },
    });
  let host = await start();

  const desk: ContractDesk = {
    dir,
    call: (command, payload) => host.handle(command, payload) as never,
    async ok(command, payload) {
      const result = await desk.call(command, payload);
      if (!result.ok) throw new Error(`${command} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    snapshot: () => desk.ok('state.snapshot', {}),
    book(symbol, bids, asks) {
      feed.push({ type: 'book', book: { symbol, ts: clock, bids, asks } });
      const bid = bids[0]?.[0];
      const ask = asks[0]?.[0];
      if (bid !== undefined && ask !== undefined) feed.push({ type: 'ticker', ticker: { symbol, ts: clock, bid, ask, last: (bid + ask) / 2 } });
    },
    trade(symbol, price, size, side) {
      feed.push({ type: 'trade', trade: { symbol, ts: clock, id: `p${++printSeq}`, price, size, side } });
    },
    push(event) {
      clock = eventTime(event);
      feed.push(event);
    },
    advance(ms) {
      clock += ms;
    },
    now: () => clock,
    async restart(whileStopped) {
      await host.stop();
      whileStopped?.();
      host = await start();
    },
    async close() {
      await host.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return desk;
}
