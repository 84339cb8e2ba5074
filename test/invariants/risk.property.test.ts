// Breakers as properties on a real engine (replay feed, paper broker, SQLite journal): each trips on the
// first mark at or over its limit, read from the public snapshot. What risk lets through order by order
// is compared with the independent reference model in test/model.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../src/shared/risk.ts';
import type { EngineSnapshot } from '../../src/shared/state.ts';
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
const STEP_MS = 100; // well inside staleFeedMs and far from a UTC day boundary

// ---- readings from the public snapshot, independent of the engine's own risk context ----

interface Reading {
  state: EngineSnapshot['risk']['state'];
  position: number;
  equity: number;
  cash: number;
  dailyLossFraction: number;
  drawdown: number;
  snap: EngineSnapshot;
}

function read(d: TestDesk): Reading {
  const snap = d.engine.snapshot();
  const position = snap.positions.find((p) => p.symbol === BTC.symbol)?.size ?? 0;
  const { equity, cash, dayStartEquity, drawdown } = snap.account;
  const dailyLossFraction = dayStartEquity > 0 && equity < dayStartEquity ? (dayStartEquity - equity) / dayStartEquity : 0;
  return { state: snap.risk.state, position, equity, cash, dailyLossFraction, drawdown, snap };
}

describe('the trading state on a real engine', () => {
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

// ---- breakers trip exactly at their thresholds ----

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
  it('denies a second 0.4 BTC limit buy that would fill the position to 48,000 under a 25,000 limit', async () => {
    const d = await desk();
    d.quote(60_000, 60_010, START + 100);
    const a = d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'limit', size: 0.4, price: 59_990 });
    const b = d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'limit', size: 0.4, price: 59_990 });
    expect(a.ok).toBe(true);
    expect(!b.ok && b.denial.code).toBe('MAX_POSITION_SIZE');
    d.trade(59_990, 0.8, 'sell', START + 200);
    const r = read(d);
    // 0.4 bought as maker, less its 0.02% fee taken in BTC.
    expect(r.position).toBeCloseTo(0.4 * (1 - 0.0002), 12);
    expect(r.position * 60_005).toBeLessThan(DEFAULT_RISK_LIMITS.maxPositionValue);
  });
});
