// The real engine and SQLite journal on a desk opened by the ccxt gateway against the loopback Binance
// simulator: what runs in shadow and live mode, minus Electron. Waits are shortened, nothing else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileJournal } from '../../src/main/adapters/journal/file-journal.ts';
import { createCcxtGateway } from '../../src/main/adapters/ccxt/ccxt-gateway.ts';
import type { DeskTiming } from '../../src/main/adapters/ccxt/exchange-desk.ts';
import type { Desk, ExchangeGateway } from '../../src/main/desk.ts';
import { Engine } from '../../src/main/engine/engine.ts';
import { DEFAULT_RISK_LIMITS } from '../../src/shared/risk.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings.ts';
import type { Order } from '../../src/shared/trading.ts';
import { expect } from 'vitest';
import { pointCcxtAtSim, startBinanceSim, type BinanceSim, type BinanceSimOptions } from '../support/exchange-sim/binance-sim.ts';
import { COMMISSION_RATE } from '../support/exchange-sim/venue.ts';

export const SYMBOL = 'BTC/USDT';

/** Every wait cut to a fraction so a fault plays out in a second or two. */
export const FAST: DeskTiming = {
  feed: { retryDelaysMs: [100, 200, 400], pollMs: 200 },
  live: {
    lookupDelaysMs: [150, 250, 400, 500],
    readRetryMs: [50, 150, 300],
    streamRetryMs: [100, 200, 400],
    streamSettledMs: 400,
    pollMs: 250,
    safetyPollMs: 1_500,
    fillGraceMs: 100,
    rateLimitMs: 1_000,
    holdingsMs: 500,
  },
};

/** Limits wide enough that risk never gets in the way of what a test is about. */
export const OPEN_LIMITS: Settings['riskLimits'] = {
  ...DEFAULT_RISK_LIMITS,
  maxPositionValue: 1_000_000,
  maxGrossExposure: 10,
  riskPerTrade: 1,
  noDuplicatePosition: false,
  staleFeedMs: 60_000,
};

/** ccxt's own request timeout, cut so an unanswered order times out in a test's time. */
const SIM_REQUEST_TIMEOUT_MS = 1_500;

export interface ExchangeSession {
  desk: Desk;
  engine: Engine;
  journal: FileJournal;
  /** Lines the desk logged (shadow's "would send", stream failures, ...). */
  logs: string[];
  close(): Promise<void>;
}

export function simGateway(sim: Pick<BinanceSim, 'urls'>, logs: string[], timing: DeskTiming = FAST, adjust?: (exchange: any) => void): ExchangeGateway {
  return createCcxtGateway({
    log: (line) => logs.push(line),
    overrides: {
      binance: (exchange) => {
        pointCcxtAtSim(exchange, sim);
        exchange.timeout = SIM_REQUEST_TIMEOUT_MS;
        // The sim enforces recvWindow like Binance; a short one lets "never received" be final sooner.
        exchange.options.recvWindow = 1_000;
        // ccxt waits before redialling a dropped socket: 1 s, doubling to 60 s, until a connection has
        // held for 30 s. On the tests' compressed clock, as FAST is for the desk's own waits: a sequence
        // that drops every socket four times in a minute tests the desk, not ccxt's patience.
        exchange.options.ws = { ...exchange.options.ws, backoff: { base: 100, factor: 2, max: 800, stableAfter: 3_000 } };
        adjust?.(exchange);
      },
    },
    timing,
  });
}

export interface SessionOptions {
  timing?: DeskTiming;
  riskLimits?: Partial<Settings['riskLimits']>;
  /** Adjusts the exchange object after it points at the sim (e.g. hides its websockets). */
  adjust?: (exchange: any) => void;
}

export async function openSession(options: { sim: BinanceSim; mode: 'shadow' | 'live'; dir: string } & SessionOptions): Promise<ExchangeSession> {
  const logs: string[] = [];
  const gateway = simGateway(options.sim, logs, options.timing, options.adjust);
  const desk = await gateway.openDesk({
    mode: options.mode,
    exchange: { id: 'binance', testnet: false, symbols: [SYMBOL] },
    credentials: { apiKey: options.sim.apiKey, secret: options.sim.secret },
    log: (line) => logs.push(line),
  });
  const journal = new FileJournal(join(options.dir, desk.journalFile));
  const riskLimits = { ...OPEN_LIMITS, ...options.riskLimits };
  const settings: Settings = { ...DEFAULT_SETTINGS, mode: options.mode, riskLimits, startingCapital: desk.startingCapital ?? 0 };
  const engine = new Engine({ feed: desk.feed, broker: desk.broker, journal, clock: desk.clock, settings });
  await engine.start();
  let closed = false;
  return {
    desk,
    engine,
    journal,
    logs,
    async close() {
      if (closed) return;
      closed = true;
      engine.stop();
      await desk.close();
      journal.close();
    },
  };
}

/** Sims and sessions a test opened, closed in afterEach whatever happened. */
export class Harness {
  private readonly sims: BinanceSim[] = [];
  private readonly sessions: ExchangeSession[] = [];
  readonly dir = mkdtempSync(join(tmpdir(), 'hft-desk-exchange-'));

  async sim(options?: BinanceSimOptions): Promise<BinanceSim> {
    const sim = await startBinanceSim(options);
    this.sims.push(sim);
    return sim;
  }

  async session(sim: BinanceSim, mode: 'shadow' | 'live', options: SessionOptions = {}): Promise<ExchangeSession> {
    const session = await openSession({ sim, mode, dir: this.dir, ...options });
    this.sessions.push(session);
    return session;
  }

  async close(): Promise<void> {
    for (const session of this.sessions.splice(0)) await session.close();
    for (const sim of this.sims.splice(0)) await sim.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Polls until the probe returns something truthy; fails with what it was waiting for. */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The engine's view of one order, open or finished. */
export function orderIn(session: ExchangeSession, clientOrderId: string): Order | undefined {
  const snap = session.engine.snapshot();
  return snap.openOrders.find((o) => o.clientOrderId === clientOrderId) ?? snap.orderHistory.find((o) => o.clientOrderId === clientOrderId);
}

/** How many orders the exchange was sent (POST /api/v3/order), whatever it answered. */
export function orderPosts(sim: Pick<BinanceSim, 'requests'>): number {
  return sim.requests().filter((r) => r.method === 'POST' && r.path === '/api/v3/order').length;
}

export function positionSize(session: ExchangeSession): number {
  return session.engine.snapshot().positions.find((p) => p.symbol === SYMBOL)?.size ?? 0;
}

/**
 * A book around 60,000 and a print inside it (the sim's ticker moves on trades), both seen by the engine;
 * then, priced, the BTC the exchange account holds is in the desk's position.
 */
export async function marketAt60k(sim: BinanceSim, session: ExchangeSession): Promise<void> {
  sim.setBook('BTCUSDT', [[60_000, 1], [59_990, 2], [59_980, 3]], [[60_010, 1], [60_020, 2], [60_030, 3]]);
  await waitFor('the 60,000 book to reach the engine', () => session.engine.snapshot().book?.bids[0]?.[0] === 60_000);
  sim.printTrade('BTCUSDT', 60_005, 0.001, 'BUY');
  await waitFor('a ticker to reach the engine', () => session.engine.snapshot().tickers[SYMBOL]?.ask === 60_010);
  await waitFor('the exchange holdings in the position', () => Math.abs(positionSize(session) - heldAt(sim, 'BTC')) < 1e-9);
}

/** The BTC a simulator account starts with (startBinanceSim's default balances). */
export const SIM_START_BTC = 1;

/**
 * The desk's BTC position is what the exchange account holds: the BTC it started with plus what was
 * bought, less the share of each buy the exchange kept as its fee (in BTC, as Binance spot does).
 */
export function expectPositionAsAtExchange(session: ExchangeSession, sim: BinanceSim, bought: number): void {
  expect(heldAt(sim, 'BTC')).toBeCloseTo(SIM_START_BTC + bought * (1 - COMMISSION_RATE), 10);
  expect(positionSize(session)).toBeCloseTo(heldAt(sim, 'BTC'), 10);
}

/** What the exchange account holds of an asset, free and locked in orders. */
export function heldAt(sim: Pick<BinanceSim, 'balance'>, asset: string): number {
  const { free, locked } = sim.balance(asset);
  return free + locked;
}

export function placeLimit(session: ExchangeSession, side: 'buy' | 'sell', size: number, price: number): Order {
  const outcome = session.engine.placeOrder({ symbol: SYMBOL, side, type: 'limit', size, price });
  if (!outcome.ok) throw new Error(`risk denied the order: ${outcome.denial.message}`);
  return outcome.order;
}
