// A candle backtest runs on the candles themselves (the candle loop) rather than on the twelve market
// events per candle the engine would replay. Whichever runs, a trader must get the same backtest: here
// both run on the same candles (the event path with a journal, which also tells what happened in it)
// and every fill, round trip, equity point, price bar and metric must be equal, exactly.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { BacktestRequest } from '../../src/shared/backtest.ts';
import { TIMEFRAME_MS, type Candle, type SymbolInfo, type Timeframe } from '../../src/shared/market.ts';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../src/shared/risk.ts';
import { SqliteJournal } from '../../src/main/adapters/journal/sqlite-journal.ts';
import type { BacktestOutcome } from '../../src/main/backtest/backtest-run.ts';
import { candleColumns } from '../../src/main/backtest/candle-columns.ts';
import { datasetSymbolInfo } from '../../src/main/backtest/dataset-events.ts';
import { eventsFromCandles } from '../../src/main/backtest/events-from-candles.ts';
import { runBacktest } from '../../src/main/backtest/run-backtest.ts';
import { propertyRuns } from '../support/property-runs.ts';
import { Coverage, eventPath, expectSameOutcome, type Seen } from './backtest-paths.ts';
import { request, sampleDataset } from './backtest-support.ts';

const MINUTE = TIMEFRAME_MS['1m'];

interface Run {
  req: BacktestRequest;
  info: SymbolInfo;
  candles: Candle[];
  limits?: RiskLimits;
}

function eventPathOf(run: Run): Promise<{ outcome: BacktestOutcome; seen: Seen }> {
  const events = eventsFromCandles(run.candles.filter((c) => c.openTime >= run.req.from && c.openTime < run.req.to), run.info);
  return eventPath(run.req, run.info, events, run.limits);
}

function candlePath(run: Run): Promise<BacktestOutcome> {
  const timeframe = run.candles[0]?.timeframe ?? run.req.timeframe;
  return runBacktest({ request: run.req, symbol: run.info, riskLimits: run.limits ?? DEFAULT_RISK_LIMITS, candles: candleColumns(run.candles, timeframe) });
}

/** Runs both paths and expects the same backtest; returns what happened in it. */
async function expectSameBacktest(run: Run): Promise<{ outcome: BacktestOutcome; seen: Seen }> {
  const { outcome: events, seen } = await eventPathOf(run);
  const candles = await candlePath(run);
  expectSameOutcome(candles, events);
  return { outcome: candles, seen };
}

function sampleCandles(): Candle[] {
  const dataset = sampleDataset();
  if (dataset.kind !== 'candles') throw new Error('the sample holds candles');
  return dataset.candles;
}

function sampleRun(overrides: Partial<BacktestRequest>, limits?: RiskLimits): Run {
  return { req: request(overrides), info: datasetSymbolInfo(sampleDataset()), candles: sampleCandles(), limits };
}

describe('the candle loop against the event path on the shipped sample (5 days of 1m BTC/USDT)', () => {
  const cases: [string, Partial<BacktestRequest>][] = [
    ['momentum at the desk defaults, spot', { strategy: { kind: 'momentum', params: {} } }],
    ['momentum going long and short on margin', { market: 'margin', strategy: { kind: 'momentum', params: { lookback: 5, threshold: 0.001, orderSize: 0.2 } } }],
    ['mean reversion, spot', { strategy: { kind: 'mean-reversion', params: { orderSize: 0.05 } } }],
    ['mean reversion on margin', { market: 'margin', strategy: { kind: 'mean-reversion', params: { period: 10, stdMultiplier: 1.5, orderSize: 0.1 } } }],
    ['momentum with a stop-loss and a take-profit', { strategy: { kind: 'momentum', params: { orderSize: 0.2, stopLoss: 0.25, takeProfit: 0.5 } } }],
    ['momentum on margin with a trailing stop beside them', { market: 'margin', strategy: { kind: 'momentum', params: { orderSize: 0.2, stopLoss: 0.3, takeProfit: 0.4, trailingStop: 0.15 } } }],
    ['mean reversion with exits in ATRs', { market: 'margin', strategy: { kind: 'mean-reversion', params: { orderSize: 0.1, stopLoss: 1.5, takeProfit: 2, trailingStop: 1, atrPeriod: 14 } } }],
    ['a span that ends inside a candle', { from: sampleDataset().info.from + 30 * MINUTE, to: sampleDataset().info.from + 1_000 * MINUTE + 25_000 }],
  ];
  for (const [name, overrides] of cases) {
    it(`${name}: the same fills, trades, equity and metrics`, async () => {
      const { outcome } = await expectSameBacktest(sampleRun(overrides));
      expect(outcome.fills.length).toBeGreaterThan(10);
    });
  }

  it('orders risk refuses are refused on the candle loop too', async () => {
    // 0.2 BTC is worth more than 11,500 USDT above 57,500, about half the sample.
    const limits = { ...DEFAULT_RISK_LIMITS, maxPositionValue: 11_500 };
    const { outcome, seen } = await expectSameBacktest(sampleRun({ market: 'margin', strategy: { kind: 'momentum', params: { lookback: 5, threshold: 0.001, orderSize: 0.2 } } }, limits));
    expect(seen.denials).toBeGreaterThan(5);
    expect(outcome.fills.length).toBeGreaterThan(5);
  });

  it('desk-held exits fire and fill on the candle loop as on the event path', async () => {
    const { seen } = await expectSameBacktest(sampleRun({ strategy: { kind: 'momentum', params: { orderSize: 0.2, stopLoss: 0.25, takeProfit: 0.5 } } }));
    expect(seen.exitFills).toBeGreaterThan(3);
  });
});

/** One minute candle per price step, prices on a 0.01 tick. */
function walk(closes: number[], from: number, volume = 5): Candle[] {
  let previous = closes[0]!;
  return closes.map((close, i) => {
    const open = previous;
    previous = close;
    const high = Math.round(Math.max(open, close) * 100.1) / 100;
    const low = Math.round(Math.min(open, close) * 99.9) / 100;
    return { symbol: 'BTC/USDT', timeframe: '1m', openTime: from + i * MINUTE, open, high, low, close, volume, closed: true };
  });
}

describe('the candle loop and the loss breakers', () => {
  it('trips the daily loss breaker, and the drawdown breaker days later, exactly where the event path does', async () => {
    const from = Date.UTC(2025, 0, 6);
    // Every day a short rise (momentum buys), then one candle that falls 12%, then a quiet drift.
    const closes: number[] = [];
    let price = 60_000;
    for (let day = 0; day < 4; day++) {
      for (let i = 0; i < 1_440; i++) {
        price = Math.round(price * (i < 10 ? 1.004 : i === 10 ? 0.88 : 1.00001) * 100) / 100;
        closes.push(price);
      }
    }
    const info = datasetSymbolInfo(sampleDataset());
    const limits = { ...DEFAULT_RISK_LIMITS, maxPositionValue: 200_000, riskPerTrade: 0.2 };
    const req = request({ from, to: from + closes.length * MINUTE, startingCapital: 50_000, strategy: { kind: 'momentum', params: { lookback: 5, threshold: 0.01, orderSize: 0.6 } } });
    const { seen } = await expectSameBacktest({ req, info, candles: walk(closes, from), limits });
    expect(seen.breakers).toContain('DAILY_LOSS_LIMIT');
    expect(seen.breakers).toContain('MAX_DRAWDOWN');
  });
});

describe('the candle loop’s progress', () => {
  it('reports progress in candles and stops early when asked, covering the candles it ran', async () => {
    const run = sampleRun({});
    const calls: [number, number][] = [];
    const control = { progressEvery: 1_000, onProgress: (done: number, total: number) => calls.push([done, total]), shouldStop: () => calls.length === 3 };
    const outcome = await runBacktest({ request: run.req, symbol: run.info, riskLimits: DEFAULT_RISK_LIMITS, candles: candleColumns(run.candles, '1m') }, control);
    expect(calls).toEqual([[1_000, 7_200], [2_000, 7_200], [3_000, 7_200], [3_000, 7_200]]);
    expect(outcome.events).toBe(3_000);
    // The last candle run closes its bar: 3,000 closes after the starting point.
    expect(outcome.equity[outcome.equity.length - 1]?.ts).toBe(run.req.from + 3_000 * MINUTE);
  });
});

describe('candles the candle loop leaves to the event path', () => {
  const base = () => sampleRun({ to: sampleDataset().info.from + 600 * MINUTE });

  it('runs on the candle loop when it can, counting candles rather than events', async () => {
    const outcome = await candlePath(base());
    expect(outcome.events).toBe(600);
  });

  it('a bar wider than the candles (5m on 1m candles) is built by the engine from their prints', async () => {
    const run = { ...base(), req: { ...base().req, timeframe: '5m' as Timeframe } };
    const { outcome } = await expectSameBacktest(run);
    expect(outcome.events).toBe(600 * 12);
  });

  it('candles off their minute grid take the event path', async () => {
    const run = base();
    const shifted = { ...run, candles: run.candles.map((c) => ({ ...c, openTime: c.openTime + 7_000 })) };
    const { outcome } = await expectSameBacktest(shifted);
    expect(outcome.events).toBeGreaterThan(600 * 11);
  });

  it('a caller that keeps the journal gets the event path, and the run’s signals in it', async () => {
    const run = base();
    const journal = new SqliteJournal(':memory:');
    try {
      const outcome = await runBacktest({ request: run.req, symbol: run.info, riskLimits: DEFAULT_RISK_LIMITS, candles: candleColumns(run.candles, '1m') }, {}, journal);
      expect(outcome.events).toBe(600 * 12);
      expect(journal.load(1_000).recentSignals.length).toBeGreaterThan(0);
    } finally {
      journal.close();
    }
  });

  it('a span with no candles is refused with the same sentence', async () => {
    const run = sampleRun({ from: Date.UTC(2020, 0, 1), to: Date.UTC(2020, 0, 2) });
    await expect(candlePath(run)).rejects.toThrow('There is no BTC/USDT market data between 2020-01-01T00:00:00.000Z and 2020-01-02T00:00:00.000Z.');
  });
});

// ---- random candles ----

/** Venues from a coarse tick to a coin priced in hundred-millionths (down to a tick or two, where the book has no bid). */
const VENUES = [
  { tickSize: 0.01, lotSize: 0.00001, minSize: 0.0001, minNotional: 5, startTicks: 6_000_000 },
  { tickSize: 0.5, lotSize: 0.001, minSize: 0.001, minNotional: 0, startTicks: 400 },
  { tickSize: 1e-8, lotSize: 1, minSize: 1, minNotional: 0, startTicks: 40_000 },
  { tickSize: 1e-8, lotSize: 1, minSize: 1, minNotional: 0, startTicks: 3 },
] as const;

const exitParams = fc.record(
  {
    stopLoss: fc.constantFrom(0.1, 0.5, 2),
    takeProfit: fc.constantFrom(0.1, 0.8, 3),
    trailingStop: fc.constantFrom(0.05, 0.3, 1),
    atrPeriod: fc.constantFrom(0, 0, 3, 14),
  },
  { requiredKeys: [] },
);

const strategyArb = fc.oneof(
  fc.record({ kind: fc.constant('momentum' as const), params: fc.record({ lookback: fc.integer({ min: 2, max: 12 }), threshold: fc.constantFrom(0.0005, 0.002, 0.01) }) }),
  fc.record({ kind: fc.constant('mean-reversion' as const), params: fc.record({ period: fc.integer({ min: 2, max: 20 }), stdMultiplier: fc.constantFrom(0.5, 1, 2) }) }),
);

/** One candle as moves in ticks from the last close: gaps, bodies up and down, wicks, flat and empty candles, missing ones, crashes. */
const stepArb = fc.record({
  gap: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: -30, max: 30 })),
  body: fc.integer({ min: -60, max: 60 }),
  upper: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
  lower: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
  /** In order sizes: the book around each print holds a quarter of it at the touch, 15 quarters in all. */
  volume: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.double({ min: 0.001, max: 5, noNaN: true }), weight: 4 }),
  missing: fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 90 })),
  /** A candle that falls a fifth of its open: what trips a loss breaker. */
  crash: fc.oneof({ arbitrary: fc.constant(false), weight: 19 }, { arbitrary: fc.constant(true), weight: 1 }),
});

const caseArb = fc.record({
  venue: fc.integer({ min: 0, max: VENUES.length - 1 }),
  margin: fc.boolean(),
  timeframe: fc.constantFrom<Timeframe>('1m', '1m', '1s', '5m'),
  strategy: strategyArb,
  exits: fc.oneof(fc.constant({}), exitParams),
  /** The order's value at the starting price, as a fraction of the starting capital. */
  orderValue: fc.constantFrom(0.02, 0.3, 0.9),
  startingCapital: fc.constantFrom(100_000, 25_000),
  /** The largest body as a fraction of the starting price: the bigger, the wilder the market (and the sooner a breaker trips). */
  volatility: fc.constantFrom(0.0002, 0.002, 0.02, 0.1, 0.1),
  steps: fc.array(stepArb, { minLength: 20, maxLength: 250 }),
  /** Where the span ends inside the last candle, in thousandths of it (1,000: at its close). */
  endInside: fc.oneof(fc.constant(1_000), fc.integer({ min: 1, max: 999 })),
  limits: fc.record({
    maxPositionValue: fc.constantFrom(2_000, 25_000, 1e9, 1e9),
    riskPerTrade: fc.constantFrom(0.01, 0.1, 1, 1),
    noDuplicatePosition: fc.boolean(),
  }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function randomRun(c: Case): Run {
  const venue = VENUES[c.venue]!;
  const periodMs = TIMEFRAME_MS[c.timeframe];
  const unitsPerOne = Math.round(1 / venue.tickSize);
  const price = (ticks: number): number => (venue.tickSize < 1 ? ticks / unitsPerOne : ticks * venue.tickSize);
  const lots = Math.round(1 / venue.lotSize);
  const size = (lotCount: number): number => (venue.lotSize < 1 ? lotCount / lots : lotCount * venue.lotSize);
  // The largest order size a strategy takes is a billion.
  const orderLots = Math.min(1e9 / venue.lotSize, Math.max(1, Math.floor((c.startingCapital * c.orderValue) / price(venue.startTicks) / venue.lotSize)));
  const orderSize = size(orderLots);
  const from = Date.UTC(2025, 2, 3, 23) - 20 * periodMs;
  const candles: Candle[] = [];
  // Steps move by up to 60 units of this many ticks.
  const scale = Math.max(1, Math.round((venue.startTicks * c.volatility) / 60));
  let close: number = venue.startTicks;
  let openTime = from;
  for (const step of c.steps) {
    openTime += step.missing * periodMs;
    const open = Math.max(1, close + step.gap * scale);
    close = Math.max(1, step.crash ? Math.round(open * 0.8) : open + step.body * scale);
    const high = Math.max(open, close) + step.upper * scale;
    const low = Math.max(1, Math.min(open, close) - step.lower * scale);
    const volume = size(Math.round(step.volume * orderLots));
    candles.push({ symbol: 'X/USDT', timeframe: c.timeframe, openTime, open: price(open), high: price(high), low: price(low), close: price(close), volume, closed: true });
    openTime += periodMs;
  }
  const last = candles[candles.length - 1]!;
  const info: SymbolInfo = { symbol: 'X/USDT', base: 'X', quote: 'USDT', market: 'spot', tickSize: venue.tickSize, lotSize: venue.lotSize, minSize: venue.minSize, minNotional: venue.minNotional, makerFee: 0.0002, takerFee: 0.0005 };
  const req: BacktestRequest = {
    strategy: { kind: c.strategy.kind, params: { ...c.strategy.params, ...c.exits, orderSize } },
    symbol: info.symbol,
    timeframe: c.timeframe,
    from,
    to: last.openTime + Math.max(1, Math.floor((periodMs * c.endInside) / 1_000)),
    source: { kind: 'simulated', seed: 1 },
    startingCapital: c.startingCapital,
    ...(c.margin ? { market: 'margin' as const } : {}),
  };
  return { req, info, candles, limits: { ...DEFAULT_RISK_LIMITS, ...c.limits } };
}

const covered = new Coverage();
afterAll(() => covered.report('candle loop vs event path'));

describe('the candle loop against the event path on random candles', () => {
  it('gives the same fills, trades, equity and metrics for any candles, strategy, exits and risk limits', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const { outcome, seen } = await expectSameBacktest(randomRun(c));
        covered.count(outcome, seen);
      }),
      { numRuns: propertyRuns(200) },
    );
    // The cases reach what the candle loop must get right, not only quiet markets.
    expect(covered.withFills).toBeGreaterThan(covered.cases / 2);
    expect(covered.denials).toBeGreaterThan(0);
    expect(covered.breakers).toBeGreaterThan(0);
    expect(covered.exitFills).toBeGreaterThan(0);
  });
});
