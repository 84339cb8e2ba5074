// Risk invariants as properties over random action sequences on a real engine (replay feed, paper
// broker, SQLite journal): what risk lets through, how the books add up, and when breakers trip.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../src/shared/risk.ts';
import type { EngineSnapshot } from '../../src/shared/state.ts';
import type { Side } from '../../src/shared/trading.ts';
import { isReducingOrder } from '../../src/main/engine/risk/risk-context.ts';
import { propertyRuns } from '../support/property-runs.ts';
import { BTC, openDesk, removeDesk, START, type TestDesk } from '../support/test-desk.ts';

const desks: TestDesk[] = [];
async function desk(...args: Parameters<typeof openDesk>): Promise<TestDesk> {
  const d = await openDesk(...args);
  desks.push(d);
  return d;
}
function release(d: TestDesk): void {
  const i = desks.indexOf(d);
  if (i >= 0) desks.splice(i, 1);
  try {
    d.close();
  } catch {
    // already closed
  }
  removeDesk(d);
}
afterEach(() => {
  for (const d of desks.splice(0)) release(d);
});

/** Same slack the risk engine gives its breakers. */
const BREAKER_EPSILON = 1e-12;
/** Relative slack on money comparisons: float sums of a few hundred fills. */
const REL = 1e-6;
export const stats: Record<string, number> = {};
const STEP_MS = 100; // well inside staleFeedMs and far from a UTC day boundary

// ---- readings from the public snapshot, independent of the engine's own risk context ----

interface Reading {
  state: EngineSnapshot['risk']['state'];
  position: number;
  equity: number;
  cash: number;
  /** Σ |size| × mark plus Σ remaining × limit price of working orders (the engine's definition). */
  gross: number;
  dailyLossFraction: number;
  drawdown: number;
  snap: EngineSnapshot;
}

function read(d: TestDesk): Reading {
  const snap = d.engine.snapshot();
  const position = snap.positions.find((p) => p.symbol === BTC.symbol)?.size ?? 0;
  let gross = 0;
  for (const p of snap.positions) gross += Math.abs(p.size) * p.markPrice;
  for (const o of snap.openOrders) gross += (o.size - o.filled) * (o.price ?? 0);
  const { equity, cash, dayStartEquity, drawdown } = snap.account;
  const dailyLossFraction = dayStartEquity > 0 && equity < dayStartEquity ? (dayStartEquity - equity) / dayStartEquity : 0;
  return { state: snap.risk.state, position, equity, cash, gross, dailyLossFraction, drawdown, snap };
}

function leq(value: number, limit: number, scale: number): boolean {
  return value <= limit + REL * Math.max(1, Math.abs(scale));
}

/** Invariant 2: equity = cash + Σ size × mark = startingCapital + realized + unrealized − fees. */
function checkBooks(r: Reading): void {
  const a = r.snap.account;
  let marked = a.cash;
  for (const p of r.snap.positions) marked += p.size * p.markPrice;
  const tol = REL * Math.max(1, Math.abs(a.startingCapital));
  expect(Math.abs(a.equity - marked), `equity ${a.equity} vs cash + Σ size×mark ${marked}`).toBeLessThanOrEqual(tol);
  const pnl = a.startingCapital + a.realizedPnl + a.unrealizedPnl - a.feesPaid;
  expect(Math.abs(a.equity - pnl), `equity ${a.equity} vs start + realized + unrealized − fees ${pnl}`).toBeLessThanOrEqual(tol);
}

/**
 * Invariants 1 and 3 for one accepted order, against the state read just before it was placed.
 * Limits are measured as the engine defines them, at the order's reference price (its limit price,
 * or the touch for a market order): a market order that walks the book can end with a position worth
 * up to size × (VWAP − touch) more than that, the slippage this check deliberately does not count.
 */
function checkAccepted(before: Reading, order: { side: Side; size: number; price?: number }, limits: RiskLimits): void {
  expect(before.state, 'an order was accepted while HALTED').not.toBe('HALTED');
  const reducing = isReducingOrder(order.side, order.size, before.position);
  const breakerDue = before.dailyLossFraction >= limits.dailyLossLimit - BREAKER_EPSILON || before.drawdown >= limits.maxDrawdown - BREAKER_EPSILON;
  if (before.state === 'REDUCING' || breakerDue) {
    expect(reducing, `a non-reducing ${order.side} ${order.size} was accepted while REDUCING (position ${before.position})`).toBe(true);
  }
  if (reducing) return; // reducing orders are exempt from the size limits by design
  const ref = order.price!;
  expect(ref > 0 && Number.isFinite(ref)).toBe(true);
  const sign = order.side === 'buy' ? 1 : -1;
  const after = before.position + sign * order.size;
  const positionValue = Math.abs(after) * ref;
  expect(leq(positionValue, limits.maxPositionValue, limits.maxPositionValue), `position value ${positionValue} > ${limits.maxPositionValue}`).toBe(true);
  const grossAfter = before.gross + (Math.abs(after) - Math.abs(before.position)) * ref;
  const grossCap = limits.maxGrossExposure * before.equity;
  expect(leq(grossAfter, grossCap, grossCap), `gross ${grossAfter} > ${grossCap}`).toBe(true);
  const risk = order.size * ref * limits.defaultStopPct;
  const riskCap = limits.riskPerTrade * before.equity;
  expect(leq(risk, riskCap, riskCap), `risk ${risk} > ${riskCap}`).toBe(true);
  if (limits.noDuplicatePosition && before.position !== 0) {
    expect(Math.sign(before.position), `added ${order.side} ${order.size} to a position of ${before.position}`).not.toBe(sign);
  }
}

// ---- random action sequences ----

type Action =
  | { kind: 'move'; pct: number }
  | { kind: 'print'; offset: number; lots: number; side: Side }
  | { kind: 'market'; side: Side; lots: number }
  | { kind: 'limit'; side: Side; lots: number; offset: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'halt' }
  | { kind: 'resume' };

const side = fc.constantFrom<Side>('buy', 'sell');
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('move' as const), pct: fc.double({ min: -0.01, max: 0.01, noNaN: true }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('print' as const), offset: fc.integer({ min: -60, max: 60 }), lots: fc.integer({ min: 1, max: 800 }), side }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('market' as const), side, lots: fc.integer({ min: 1, max: 800 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('limit' as const), side, lots: fc.integer({ min: 1, max: 800 }), offset: fc.integer({ min: -80, max: 80 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('halt' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('resume' as const) }) },
);

const limitsArb: fc.Arbitrary<RiskLimits> = fc.record({
  maxPositionValue: fc.integer({ min: 5_000, max: 120_000 }),
  maxGrossExposure: fc.double({ min: 0.2, max: 3, noNaN: true }),
  riskPerTrade: fc.double({ min: 0.002, max: 0.05, noNaN: true }),
  defaultStopPct: fc.double({ min: 0.005, max: 0.05, noNaN: true }),
  noDuplicatePosition: fc.boolean(),
  dailyLossLimit: fc.double({ min: 0.002, max: 0.1, noNaN: true }),
  maxDrawdown: fc.double({ min: 0.003, max: 0.1, noNaN: true }),
  staleFeedMs: fc.constant(DEFAULT_RISK_LIMITS.staleFeedMs),
});

/** Runs one sequence, checking invariants 1–3 after every step; optionally checks the working-order exposure too. */
async function runSequence(limits: RiskLimits, capital: number, actions: Action[], committed = false): Promise<void> {
  const d = await desk({ settings: { startingCapital: capital, riskLimits: limits } });
  try {
    let ts = START;
    let mid = 60_000;
    const quote = () => {
      const bid = Math.round((mid - 5) * 10) / 10;
      d.quote(bid, bid + 10, (ts += STEP_MS));
    };
    quote();
    for (const a of actions) {
      switch (a.kind) {
        case 'move':
          mid = Math.min(200_000, Math.max(1_000, mid * (1 + a.pct)));
          quote();
          break;
        case 'print':
          d.trade(Math.round(mid + a.offset), a.lots * BTC.lotSize, a.side, (ts += STEP_MS));
          break;
        case 'market':
        case 'limit': {
          const before = read(d);
          const request =
            a.kind === 'market'
              ? { symbol: BTC.symbol, side: a.side, type: 'market' as const, size: a.lots * BTC.lotSize }
              : { symbol: BTC.symbol, side: a.side, type: 'limit' as const, size: a.lots * BTC.lotSize, price: Math.round(mid + a.offset) };
          const outcome = d.engine.placeOrder(request);
          stats[outcome.ok ? (before.state === 'ACTIVE' ? 'acceptedActive' : 'acceptedReducing') : `denied:${outcome.denial.code}`] =
            (stats[outcome.ok ? (before.state === 'ACTIVE' ? 'acceptedActive' : 'acceptedReducing') : `denied:${outcome.denial.code}`] ?? 0) + 1;
          if (outcome.ok) {
            checkAccepted(before, outcome.order, limits);
            if (committed) checkCommitted(before, outcome.order, limits);
          } else if (before.state === 'HALTED') {
            expect(outcome.denial.code).toBe('TRADING_HALTED');
          }
          break;
        }
        case 'cancel': {
          const open = d.engine.snapshot().openOrders;
          if (open.length > 0) d.engine.cancelOrder(open[a.pick % open.length]!.clientOrderId);
          break;
        }
        case 'halt':
          d.engine.halt('property test');
          break;
        case 'resume':
          d.engine.resume();
          break;
      }
      checkBooks(read(d));
    }
  } finally {
    release(d);
  }
}

/**
 * The worst-case position the order commits the account to: the current position plus every
 * working order on the same side plus this one, valued at the limit/reference prices. A limit that
 * only holds for the filled position can be walked past by stacking resting orders.
 */
function checkCommitted(before: Reading, order: { side: Side; size: number; price?: number }, limits: RiskLimits): void {
  const sign = order.side === 'buy' ? 1 : -1;
  let worst = before.position + sign * order.size;
  let value = Math.abs(worst) * order.price!;
  for (const o of before.snap.openOrders) {
    if (o.side !== order.side) continue;
    const remaining = o.size - o.filled;
    worst += sign * remaining;
    value += remaining * (o.price ?? 0) * (Math.sign(worst) === sign ? 1 : 0);
  }
  if (Math.sign(worst) !== sign) return;
  expect(
    leq(Math.abs(worst) * order.price!, limits.maxPositionValue, limits.maxPositionValue),
    `accepted ${order.side} ${order.size} @ ${order.price} commits a position of ${worst} BTC (≈${value.toFixed(0)}) over the ${limits.maxPositionValue} limit`,
  ).toBe(true);
}

describe('risk invariants on a real engine', () => {
  it('accepted orders respect every limit at acceptance; HALTED accepts nothing, REDUCING only reducing orders; the books balance every step', async () => {
    await fc.assert(
      fc.asyncProperty(limitsArb, fc.integer({ min: 20_000, max: 500_000 }), fc.array(action, { minLength: 200, maxLength: 300 }), (limits, capital, actions) =>
        runSequence(limits, capital, actions),
      ),
      { numRuns: propertyRuns(60) },
    );
    if (process.env.RISK_STATS) console.log(stats);
  }, 60_000);

  it('a small fixed scenario: reducing orders pass while REDUCING, adds are denied', async () => {
    const limits: RiskLimits = { ...DEFAULT_RISK_LIMITS, maxPositionValue: 1e9, maxGrossExposure: 10, riskPerTrade: 1, dailyLossLimit: 0.01, noDuplicatePosition: false };
    const d = await desk({ settings: { riskLimits: limits } });
    d.quote(59_995, 60_005, START + 100);
    expect(d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: 1 }).ok).toBe(true);
    d.quote(58_000, 58_010, START + 200); // −2 000 on 100 000: 2% > 1%
    expect(read(d).state).toBe('REDUCING');
    const add = d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: 0.1 });
    expect(!add.ok && add.denial.code).toBe('REDUCING_ONLY');
    expect(d.engine.placeOrder({ symbol: BTC.symbol, side: 'sell', type: 'market', size: 0.5 }).ok).toBe(true);
  });
});

// ---- invariant 4: breakers trip exactly at their thresholds ----

type Breaker = 'daily' | 'drawdown';

/**
 * Opens a long, then marks along a random path that includes the exact threshold price; at every
 * mark the breaker must be tripped iff the reading is ≥ limit − 1e-12, and it must first trip on the
 * first such mark.
 */
async function breakerPath(breaker: Breaker, capital: number, limit: number, lots: number, path: number[], exactAt: number): Promise<void> {
  const limits: RiskLimits = {
    ...DEFAULT_RISK_LIMITS,
    maxPositionValue: 1e12,
    maxGrossExposure: 10,
    riskPerTrade: 1,
    defaultStopPct: 0.001,
    noDuplicatePosition: false,
    dailyLossLimit: breaker === 'daily' ? limit : 1,
    maxDrawdown: breaker === 'drawdown' ? limit : 1,
  };
  const d = await desk({ settings: { startingCapital: capital, riskLimits: limits } });
  try {
    let ts = START;
    const mark = (m: number) => d.quote(m - 5, m + 5, (ts += STEP_MS));
    mark(60_000);
    const bought = d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: lots * BTC.lotSize });
    expect(bought.ok, bought.ok ? '' : bought.denial.message).toBe(true);
    let tripped = false;
    let price = 60_000;
    for (let i = 0; i < path.length; i++) {
      const r0 = read(d);
      if (r0.state !== 'ACTIVE') break;
      if (i === exactAt) {
        // The mark that puts equity exactly on the threshold (up to float rounding of the mid).
        const base = breaker === 'daily' ? r0.snap.account.dayStartEquity : r0.snap.account.peakEquity;
        price = (base * (1 - limit) - r0.cash) / r0.position;
      } else {
        price = price * (1 + path[i]!);
      }
      if (!(price > 100)) break;
      mark(price);
      const r = read(d);
      const reading = breaker === 'daily' ? r.dailyLossFraction : r.drawdown;
      const over = reading >= limit - BREAKER_EPSILON;
      if (!tripped) {
        expect(r.state, `${breaker} reading ${reading} vs limit ${limit} at mark ${price}`).toBe(over ? 'REDUCING' : 'ACTIVE');
        if (over) {
          expect(r.snap.risk.reasonCode).toBe(breaker === 'daily' ? 'DAILY_LOSS_LIMIT' : 'MAX_DRAWDOWN');
          tripped = true;
        }
      } else {
        expect(r.state).toBe('REDUCING');
      }
    }
  } finally {
    release(d);
  }
}

describe('breakers trip at exactly their thresholds', () => {
  const args = fc.tuple(
    fc.integer({ min: 20_000, max: 1_000_000 }),
    fc.double({ min: 0.001, max: 0.3, noNaN: true }),
    fc.integer({ min: 100, max: 4_000 }),
    fc.array(fc.double({ min: -0.01, max: 0.008, noNaN: true }), { minLength: 20, maxLength: 80 }),
    fc.nat(80),
  );

  for (const breaker of ['daily', 'drawdown'] as const) {
    it(`${breaker === 'daily' ? 'daily loss' : 'drawdown'} breaker flips on the first mark at or over its limit and not before`, async () => {
      await fc.assert(
        fc.asyncProperty(args, async ([capital, limit, lots, path, exactAt]) => {
          // Keep the long within 10× equity so it is accepted.
          const maxLots = Math.floor((capital * 9) / 60_010 / BTC.lotSize);
          await breakerPath(breaker, capital, limit, Math.min(lots, maxLots, 4_900), path, exactAt % path.length);
        }),
        { numRuns: propertyRuns(25) },
      );
    }, 60_000);
  }
});

// ---- working orders count toward the limits ----

describe('working orders count toward the position limits', () => {
  it('accepted orders never commit a worst-case position over maxPositionValue (property)', async () => {
    await fc.assert(
      fc.asyncProperty(limitsArb, fc.integer({ min: 20_000, max: 500_000 }), fc.array(action, { minLength: 200, maxLength: 300 }), (limits, capital, actions) =>
        runSequence(limits, capital, actions, true),
      ),
      // Fixed seed and no shrinking: deterministic and fast (shrinking a whole-desk run takes ~80 s).
      { numRuns: propertyRuns(60), seed: 42, endOnFailure: true },
    );
  }, 60_000);

  it('denies a second 0.4 BTC limit buy that would fill the position to 48,000 under a 25,000 limit', async () => {
    const d = await desk();
    d.quote(60_000, 60_010, START + 100);
    const a = d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'limit', size: 0.4, price: 59_990 });
    const b = d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'limit', size: 0.4, price: 59_990 });
    expect(a.ok).toBe(true);
    expect(!b.ok && b.denial.code).toBe('MAX_POSITION_SIZE');
    d.trade(59_990, 0.8, 'sell', START + 200);
    const r = read(d);
    expect(r.position).toBeCloseTo(0.4, 12);
    expect(r.position * 60_005).toBeLessThan(DEFAULT_RISK_LIMITS.maxPositionValue);
  });
});
