// The exchange section: the loopback Binance simulator (test/support/exchange-sim) -> ccxt's own binance
// class over real HTTP/WebSocket on 127.0.0.1 -> a shadow desk from the ccxt gateway -> the real engine
// with a SQLite journal on disk. Sim, ccxt and engine share this one process and its event loop.
//   1. transport: the sim's ws.send() of a trade message -> the engine's market listener gets that trade
//   2. end to end: the sim's ws.send() of the trade that closed a 1s candle -> broker.submit() of the
//      momentum strategy's order intent (produced synchronously while the engine handles that trade)
// t0 is read inside WebSocket.prototype.send (the `ws` package the sim serves with), patched for the
// server side only while this section runs: the sim has no send hook of its own and test/ stays untouched.
// The time from calling sim.printTrade() to that send (tape record, JSON) is reported apart, as info.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { createCcxtGateway } from '../src/main/adapters/ccxt/ccxt-gateway.ts';
import { SqliteJournal } from '../src/main/adapters/journal/sqlite-journal.ts';
import type { Desk } from '../src/main/desk.ts';
import { Engine } from '../src/main/engine/engine.ts';
import type { MarketEvent } from '../src/shared/market.ts';
import { DEFAULT_RISK_LIMITS } from '../src/shared/risk.ts';
import { DEFAULT_SETTINGS, type Settings } from '../src/shared/settings.ts';
import { pointCcxtAtSim, startBinanceSim, type BinanceSim } from '../test/support/exchange-sim/binance-sim.ts';
import { tapBroker } from './engine-fixture.ts';
import { summarize, type Summary } from './stats.ts';

const now = process.hrtime.bigint;

const SYMBOL = 'BTC/USDT';
const VENUE_SYMBOL = 'BTCUSDT';
const TRADE_SIZE = 0.001;

export interface ExchangeOptions {
  /** Transport leg: measured trades, one every `transportPaceMs`, after `warmupTrades` unmeasured ones. */
  transportTrades: number;
  warmupTrades: number;
  transportPaceMs: number;
  /** End-to-end leg: trades every `e2ePaceMs` for `e2eSeconds`; the price trend flips every `legMs`. */
  e2eSeconds: number;
  e2ePaceMs: number;
  legMs: number;
}

export const EXCHANGE_DEFAULTS: ExchangeOptions = {
  transportTrades: 2_000,
  warmupTrades: 200,
  transportPaceMs: 5,
  e2eSeconds: 36,
  e2ePaceMs: 20,
  legMs: 3_000,
};

export interface ExchangeResult {
  setupSeconds: number;
  transport: {
    /** Trades printed while measuring (after warm-up), and how many of them reached the engine. */
    printed: number;
    received: number;
    paceMs: number;
    /** sim ws.send(trade message) -> engine listener called with that trade (ns). */
    sendToEngine: Summary;
    /** sim.printTrade() called -> engine listener (ns): adds the sim's own work before the send. */
    printToEngine: Summary;
  };
  endToEnd: {
    seconds: number;
    printed: number;
    paceMs: number;
    legMs: number;
    /** Intents at broker.submit(), and how many were produced while the engine handled a sim trade. */
    intents: number;
    matched: number;
    /** "Shadow: would send" lines the desk logged: intents that passed the shadow checks. */
    shadowSends: number;
    /** sim ws.send(candle-closing trade) -> broker.submit() (ns), and its two parts: */
    sendToSubmit: Summary;
    /** ... sim ws.send() -> the engine's listener gets that trade, */
    sendToEngine: Summary;
    /** ... the listener gets the trade -> broker.submit() (candle close, strategy, risk, journal). */
    engineToSubmit: Summary;
  };
  /** Desk log lines that were not shadow sends (failures, reconnects); empty on a clean run. */
  deskProblems: string[];
  unhandledRejections: number;
}

/** Record of the trade messages the sim's sockets sent: trade id -> hrtime just before send(). */
class SendTap {
  readonly sentAt = new Map<string, bigint>();
  lastId = '';
  private original: ((...args: unknown[]) => void) | undefined;

  install(): void {
    const proto = WebSocket.prototype as unknown as { send: (...args: unknown[]) => void };
    const original = proto.send;
    this.original = original;
    const tap = this;
    proto.send = function (this: WebSocket & { _isServer?: boolean }, ...args: unknown[]): void {
      const data = args[0];
      // Server side only (ccxt's client sockets are the same class), trade stream messages only.
      if (this._isServer !== true || typeof data !== 'string' || !data.includes('"e":"trade"')) {
        original.apply(this, args);
        return;
      }
      const t0 = now();
      original.apply(this, args);
      const id = /"t":(\d+)/.exec(data)?.[1];
      if (id !== undefined) {
        tap.sentAt.set(id, t0);
        tap.lastId = id;
      }
    };
  }

  uninstall(): void {
    if (!this.original) return;
    (WebSocket.prototype as unknown as { send: unknown }).send = this.original;
    this.original = undefined;
  }
}

async function waitFor(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`exchange bench: timed out waiting for ${what}`);
    await sleep(10);
  }
}

export async function runExchangeSection(options: ExchangeOptions = EXCHANGE_DEFAULTS): Promise<ExchangeResult> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'hft-desk-bench-exchange-'));
  const tap = new SendTap();
  const logs: string[] = [];
  let unhandled = 0;
  // ccxt.pro leaves some internal promises unawaited when sockets close; the app logs and keeps running.
  const onUnhandled = (reason: unknown): void => {
    unhandled++;
    logs.push(`Unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`);
  };
  process.on('unhandledRejection', onUnhandled);

  let sim: BinanceSim | undefined;
  let desk: Desk | undefined;
  let engine: Engine | undefined;
  let journal: SqliteJournal | undefined;

  // What the measurement hooks share: which phase records, and the sim send time of the trade being handled.
  let phase: 'idle' | 'transport' | 'e2e' = 'idle';
  let tradesSeen = 0;
  let current: bigint | undefined;
  let currentT1 = 0n;
  const printedAt = new Map<string, bigint>();
  const sendToEngine = new Float64Array(options.transportTrades);
  const printToEngine = new Float64Array(options.transportTrades);
  let nTransport = 0;
  let nPrintTransport = 0;
  const sendToSubmit: number[] = [];
  const e2eToEngine: number[] = [];
  const e2eEngineToSubmit: number[] = [];
  let intents = 0;

  try {
    sim = await startBinanceSim();
    tap.install();
    const theSim = sim;
    const gateway = createCcxtGateway({
      log: (line) => logs.push(line),
      overrides: { binance: (exchange) => pointCcxtAtSim(exchange, theSim) },
    });
    desk = await gateway.openDesk({
      mode: 'shadow',
      exchange: { id: 'binance', testnet: false, symbols: [SYMBOL] },
      credentials: { apiKey: sim.apiKey, secret: sim.secret },
      log: (line) => logs.push(line),
    });

    // The engine's market listener, wrapped before engine.start() sets it: t1 on entry, then the engine.
    const feed = desk.feed;
    const setListener = feed.setListener.bind(feed);
    feed.setListener = (listener: (event: MarketEvent) => void): void =>
      setListener((event: MarketEvent): void => {
        if (event.type !== 'trade') {
          listener(event);
          return;
        }
        const t1 = now();
        tradesSeen++;
        const id = event.trade.id;
        const t0 = tap.sentAt.get(id);
        tap.sentAt.delete(id);
        if (phase === 'transport' && t0 !== undefined && nTransport < sendToEngine.length) {
          sendToEngine[nTransport++] = Number(t1 - t0);
          const tp = printedAt.get(id);
          if (tp !== undefined) printToEngine[nPrintTransport++] = Number(t1 - tp);
        }
        printedAt.delete(id);
        current = t0;
        currentT1 = t1;
        try {
          listener(event);
        } finally {
          current = undefined;
        }
      });
    const broker = tapBroker(desk.broker, () => {
      const t = now();
      if (phase !== 'e2e') return;
      intents++;
      if (current === undefined) return;
      sendToSubmit.push(Number(t - current));
      e2eToEngine.push(Number(currentT1 - current));
      e2eEngineToSubmit.push(Number(t - currentT1));
    });

    journal = new SqliteJournal(join(dir, desk.journalFile));
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      mode: 'shadow',
      startingCapital: desk.startingCapital ?? 0,
      riskLimits: { ...DEFAULT_RISK_LIMITS, maxPositionValue: 1_000_000, maxGrossExposure: 10, riskPerTrade: 1, noDuplicatePosition: false, staleFeedMs: 60_000 },
    };
    engine = new Engine({ feed: desk.feed, broker, journal, clock: desk.clock, settings });
    await engine.start();
    const eng = engine;

    // A book around 60,000 and a first print, both through to the engine, before anything is timed.
    sim.setBook(VENUE_SYMBOL, [[60_000, 1], [59_990, 2], [59_980, 3]], [[60_010, 1], [60_020, 2], [60_030, 3]]);
    await waitFor('the 60,000 book to reach the engine', () => eng.snapshot().book?.bids[0]?.[0] === 60_000);
    await waitFor('a first trade to reach the engine', () => {
      theSim.printTrade(VENUE_SYMBOL, 60_005, TRADE_SIZE, 'BUY');
      return tradesSeen > 0;
    });
    const setupSeconds = (performance.now() - started) / 1000;

    // 1. Transport: small prints inside the spread, one every transportPaceMs so ccxt hands over one at a time.
    let printed = 0;
    for (let i = 0; i < options.warmupTrades + options.transportTrades; i++) {
      if (i === options.warmupTrades) phase = 'transport';
      const price = 60_001 + (i % 8);
      const tp = now();
      sim.printTrade(VENUE_SYMBOL, price, TRADE_SIZE, i % 2 === 0 ? 'BUY' : 'SELL');
      if (phase === 'transport') {
        printed++;
        printedAt.set(tap.lastId, tp);
      }
      await sleep(options.transportPaceMs);
    }
    await waitFor('the last transport trades', () => nTransport >= printed, 2_000).catch(() => {});
    phase = 'idle';
    const transportReceived = nTransport;

    // 2. End to end: momentum on 1s candles (lookback 2, tiny threshold) while the price trends up for
    //    legMs, then down for legMs, ... Candles close on wall time, at the first trade of each second.
    const strategyId = engine.createStrategy({ kind: 'momentum', symbol: SYMBOL, timeframe: '1s', params: { lookback: 2, threshold: 0.00001, orderSize: TRADE_SIZE } });
    engine.setStrategyActive(strategyId, true);
    const shadowBefore = logs.filter((l) => l.startsWith('Shadow: would send')).length;
    phase = 'e2e';
    const e2eStart = performance.now();
    const e2eEnd = e2eStart + options.e2eSeconds * 1000;
    let price = 60_000;
    let e2ePrinted = 0;
    for (let t = e2eStart; t < e2eEnd; t = performance.now()) {
      const up = Math.floor((t - e2eStart) / options.legMs) % 2 === 0;
      price += up ? 1 : -1;
      sim.printTrade(VENUE_SYMBOL, price, TRADE_SIZE, up ? 'BUY' : 'SELL');
      e2ePrinted++;
      await sleep(options.e2ePaceMs);
    }
    await sleep(200); // the last prints' intents, if any
    phase = 'idle';
    const e2eSeconds = (performance.now() - e2eStart) / 1000;
    const shadowSends = logs.filter((l) => l.startsWith('Shadow: would send')).length - shadowBefore;

    return {
      setupSeconds,
      transport: {
        printed,
        received: transportReceived,
        paceMs: options.transportPaceMs,
        sendToEngine: summarize(sendToEngine, nTransport),
        printToEngine: summarize(printToEngine, nPrintTransport),
      },
      endToEnd: {
        seconds: e2eSeconds,
        printed: e2ePrinted,
        paceMs: options.e2ePaceMs,
        legMs: options.legMs,
        intents,
        matched: sendToSubmit.length,
        shadowSends,
        sendToSubmit: summarize(Float64Array.from(sendToSubmit)),
        sendToEngine: summarize(Float64Array.from(e2eToEngine)),
        engineToSubmit: summarize(Float64Array.from(e2eEngineToSubmit)),
      },
      deskProblems: logs.filter((l) => !l.startsWith('Shadow: would send') && !l.startsWith('Opened a shadow desk')),
      unhandledRejections: unhandled,
    };
  } finally {
    phase = 'idle';
    engine?.stop();
    await desk?.close();
    journal?.close();
    await sim?.close();
    tap.uninstall();
    rmSync(dir, { recursive: true, force: true });
    // Rejections ccxt leaves behind while its sockets close arrive a tick later.
    await sleep(50);
    process.off('unhandledRejection', onUnhandled);
  }
}
