// A backtest on trade prints runs on the prints themselves (the trade loop) rather than on the three
// market events per print the engine would replay. Whichever runs, a trader must get the same backtest:
// here both run on the same prints (the event path with a journal, which also tells what happened in
// it) and every fill, round trip, equity point, price bar and metric must be equal, exactly.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { BacktestRequest } from '../../src/shared/backtest.ts';
import { TIMEFRAME_MS, type SymbolInfo, type Timeframe, type Trade } from '../../src/shared/market.ts';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../src/shared/risk.ts';
import type { BacktestOutcome } from '../../src/main/backtest/backtest-run.ts';
import { eventsFromSimulation, simulationSymbolInfo } from '../../src/main/backtest/events-from-simulation.ts';
import { eventsFromTrades } from '../../src/main/backtest/events-from-trades.ts';
import { runBacktest } from '../../src/main/backtest/run-backtest.ts';
import { tradeColumns } from '../../src/main/backtest/trade-columns.ts';
import { propertyRuns } from '../support/property-runs.ts';
import { Coverage, eventPath, expectSameOutcome, type Seen } from './backtest-paths.ts';

const MINUTE = TIMEFRAME_MS['1m'];

interface Run {
  req: BacktestRequest;
  info: SymbolInfo;
  trades: Trade[];
  limits?: RiskLimits;
}

function eventPathOf(run: Run): Promise<{ outcome: BacktestOutcome; seen: Seen }> {
  const events = eventsFromTrades(run.trades.filter((t) => t.ts >= run.req.from && t.ts < run.req.to), run.info);
  return eventPath(run.req, run.info, events, run.limits);
}

function tradePath(run: Run): Promise<BacktestOutcome> {
  return runBacktest({ request: run.req, symbol: run.info, riskLimits: run.limits ?? DEFAULT_RISK_LIMITS, trades: tradeColumns(run.trades) });
}

async function expectSameBacktest(run: Run): Promise<{ outcome: BacktestOutcome; seen: Seen }> {
  const { outcome: events, seen } = await eventPathOf(run);
  const prints = await tradePath(run);
  expectSameOutcome(prints, events);
  return { outcome: prints, seen };
}

/** Two hours of the simulated market's BTC/USDT prints (a print every few hundred ms). */
const SIM_FROM = Date.UTC(2025, 0, 6, 9);
let simulated: Trade[] | undefined;
function simulatedTrades(): Trade[] {
  simulated ??= eventsFromSimulation(3, 'BTC/USDT', SIM_FROM, SIM_FROM + 120 * MINUTE).flatMap((e) => (e.type === 'trade' ? [e.trade] : []));
  return simulated;
}

function simulatedRun(overrides: Partial<BacktestRequest>, limits?: RiskLimits): Run {
  const req: BacktestRequest = {
    strategy: { kind: 'momentum', params: { lookback: 5, threshold: 0.0005, orderSize: 0.2 } },
    symbol: 'BTC/USDT',
    timeframe: '1m',
    from: SIM_FROM,
    to: SIM_FROM + 120 * MINUTE,
    source: { kind: 'dataset', id: 'user:BTC-USDT_trades.csv' },
    startingCapital: 100_000,
    ...overrides,
  };
  return { req, info: simulationSymbolInfo('BTC/USDT'), trades: simulatedTrades(), limits };
}

describe('the trade loop against the event path on two hours of simulated prints', () => {
  const cases: [string, Partial<BacktestRequest>][] = [
    ['momentum, spot', {}],
    ['momentum on 1s bars going long and short on margin', { market: 'margin', timeframe: '1s' as Timeframe }],
    ['mean reversion on 1s bars, spot', { timeframe: '1s', strategy: { kind: 'mean-reversion', params: { period: 10, stdMultiplier: 1, orderSize: 0.1 } } }],
    ['momentum with a stop-loss, a take-profit and a trailing stop on margin', { market: 'margin', timeframe: '1s' as Timeframe, strategy: { kind: 'momentum', params: { lookback: 5, threshold: 0.0003, orderSize: 0.2, stopLoss: 0.05, takeProfit: 0.08, trailingStop: 0.03 } } }],
    ['a span that starts and ends between prints', { from: SIM_FROM + 7 * MINUTE + 333, to: SIM_FROM + 61 * MINUTE + 12_345 }],
  ];
  for (const [name, overrides] of cases) {
    it(`${name}: the same fills, trades, equity and metrics`, async () => {
      const { outcome } = await expectSameBacktest(simulatedRun(overrides));
      expect(outcome.fills.length).toBeGreaterThan(4);
    });
  }

  it('orders risk refuses and exits that fire come out as on the event path', async () => {
    const limits = { ...DEFAULT_RISK_LIMITS, maxPositionValue: 20_000 };
    const params = { lookback: 3, threshold: 0.0002, orderSize: 0.25, stopLoss: 0.04, takeProfit: 0.06 };
    const { seen } = await expectSameBacktest(simulatedRun({ market: 'margin', timeframe: '1s' as Timeframe, strategy: { kind: 'momentum', params } }, limits));
    expect(seen.denials).toBeGreaterThan(0);
    expect(seen.exitFills).toBeGreaterThan(0);
  });

  it('counts prints, reports progress in them and stops early when asked', async () => {
    const run = simulatedRun({});
    const inSpan = run.trades.filter((t) => t.ts >= run.req.from && t.ts < run.req.to).length;
    const calls: [number, number][] = [];
    const control = { progressEvery: 5_000, onProgress: (done: number, total: number) => calls.push([done, total]), shouldStop: () => calls.length === 2 };
    const outcome = await runBacktest({ request: run.req, symbol: run.info, riskLimits: DEFAULT_RISK_LIMITS, trades: tradeColumns(run.trades) }, control);
    expect(calls.length).toBe(3);
    expect(calls.every(([, total]) => total === inSpan)).toBe(true);
    expect(calls[1]![0]).toBeGreaterThanOrEqual(10_000);
    expect(outcome.events).toBe(calls[1]![0]);
    expect((await tradePath(run)).events).toBe(inSpan);
  });

  it('prints out of time order take the event path, which names them', async () => {
    const run = simulatedRun({});
    const trades = [...run.trades];
    [trades[10], trades[11]] = [{ ...trades[11]!, ts: trades[11]!.ts + 5_000 }, trades[10]!];
    await expect(tradePath({ ...run, trades })).rejects.toThrow(/Market events must be in time order/);
  });
});

// ---- random prints ----

const strategyArb = fc.oneof(
  fc.record({ kind: fc.constant('momentum' as const), params: fc.record({ lookback: fc.integer({ min: 2, max: 8 }), threshold: fc.constantFrom(0.0002, 0.001, 0.005) }) }),
  fc.record({ kind: fc.constant('mean-reversion' as const), params: fc.record({ period: fc.integer({ min: 2, max: 12 }), stdMultiplier: fc.constantFrom(0.5, 1, 2) }) }),
);

/** Distances in percent, or in ATRs of the bars built from the prints (which reads their highs and lows). */
const exitParams = fc.record(
  { stopLoss: fc.constantFrom(0.1, 0.5, 2), takeProfit: fc.constantFrom(0.1, 0.8, 3), trailingStop: fc.constantFrom(0.05, 0.3, 1), atrPeriod: fc.constantFrom(0, 0, 3, 14) },
  { requiredKeys: [] },
);

/** One print as a move in ticks and a wait: bursts in one millisecond, pauses of several bars, crashes. */
const printArb = fc.record({
  move: fc.integer({ min: -40, max: 40 }),
  waitMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3_000 }), fc.integer({ min: 3_000, max: 400_000 })),
  size: fc.double({ min: 0.0001, max: 3, noNaN: true }),
  side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
  crash: fc.oneof({ arbitrary: fc.constant(false), weight: 39 }, { arbitrary: fc.constant(true), weight: 1 }),
});

const caseArb = fc.record({
  margin: fc.boolean(),
  timeframe: fc.constantFrom<Timeframe>('1s', '1s', '1s', '1m'),
  strategy: strategyArb,
  exits: fc.oneof(fc.constant({}), exitParams),
  orderSize: fc.constantFrom(0.01, 0.2, 0.5),
  prints: fc.array(printArb, { minLength: 30, maxLength: 600 }),
  /** Where the span ends, as a fraction of the prints' time range. */
  endAt: fc.constantFrom(1, 1, 0.7),
  limits: fc.record({ maxPositionValue: fc.constantFrom(20_000, 1e9), riskPerTrade: fc.constantFrom(0.05, 1), noDuplicatePosition: fc.boolean() }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function randomRun(c: Case): Run {
  const info = simulationSymbolInfo('BTC/USDT');
  const from = Date.UTC(2025, 2, 3, 23, 50);
  const trades: Trade[] = [];
  let ticks = 6_000_000; // 60,000.00
  let ts = from;
  for (const [i, p] of c.prints.entries()) {
    ts += p.waitMs;
    ticks = Math.max(100, p.crash ? Math.round(ticks * 0.85) : ticks + p.move * 50);
    trades.push({ symbol: 'BTC/USDT', ts, id: `t${i}`, price: ticks / 100, size: Math.round(p.size * 1e5) / 1e5 || 0.00001, side: p.side });
  }
  const to = Math.floor(from + (ts - from) * c.endAt) + 1;
  const req: BacktestRequest = {
    strategy: { kind: c.strategy.kind, params: { ...c.strategy.params, ...c.exits, orderSize: c.orderSize } },
    symbol: 'BTC/USDT',
    timeframe: c.timeframe,
    from,
    to,
    source: { kind: 'dataset', id: 'user:BTC-USDT_trades.csv' },
    startingCapital: 100_000,
    ...(c.margin ? { market: 'margin' as const } : {}),
  };
  return { req, info, trades, limits: { ...DEFAULT_RISK_LIMITS, ...c.limits } };
}

const covered = new Coverage();
afterAll(() => covered.report('trade loop vs event path'));

describe('the trade loop against the event path on random prints', () => {
  it('gives the same fills, trades, equity and metrics for any prints, strategy, exits and risk limits', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const { outcome, seen } = await expectSameBacktest(randomRun(c));
        covered.count(outcome, seen);
      }),
      { numRuns: propertyRuns(200) },
    );
    // The cases reach what the trade loop must get right, not only quiet markets.
    expect(covered.withFills).toBeGreaterThan(covered.cases / 3);
    expect(covered.denials).toBeGreaterThan(0);
    expect(covered.exitFills).toBeGreaterThan(0);
  });
});
