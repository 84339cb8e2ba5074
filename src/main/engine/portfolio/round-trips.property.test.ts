// A second opinion on round trips: when a position is back at zero, what its trips made is what the
// cash did, sells received less buys paid less fees, with no average cost anywhere.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SymbolInfo } from '../../../shared/market.ts';
import type { Fill, RoundTrip } from '../../../shared/trading.ts';
import { RoundTrips } from './round-trips.ts';

const MARGIN_BTC: SymbolInfo = { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', market: 'margin', tickSize: 0.01, lotSize: 0.001, minSize: 0.001, minNotional: 0, makerFee: 0.001, takerFee: 0.001 };

const step = fc.record({
  side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
  lots: fc.integer({ min: 1, max: 5_000 }),
  price: fc.integer({ min: 1_000, max: 100_000 }),
  feeRate: fc.constantFrom(0, 0.0002, 0.001),
});

function fillOf(index: number, side: 'buy' | 'sell', lots: number, price: number, feeRate: number): Fill {
  const size = lots / 1_000;
  const fee = size * price * feeRate;
  return { orderId: `o${index}`, clientOrderId: `c${index}`, tradeId: `t${index}`, symbol: 'BTC/USDT', side, price, size, fee, feeAsset: 'USDT', feeAmount: fee, liquidity: 'taker', ts: index };
}

describe('round trips checked against the cash they moved', () => {
  it('make, in sum, what sells received less what buys paid and every fee, once the position is flat again', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const trips = new RoundTrips(MARGIN_BTC);
        const closed: RoundTrip[] = [];
        let lots = 0;
        let cash = 0;
        const fills = steps.map((s, i) => fillOf(i, s.side, s.lots, s.price, s.feeRate));
        // Flatten at the end, through one more fill, so the account is back where it started.
        if (fills.length > 0) {
          for (const s of steps) lots += s.side === 'buy' ? s.lots : -s.lots;
          if (lots !== 0) fills.push(fillOf(fills.length, lots > 0 ? 'sell' : 'buy', Math.abs(lots), 50_000, 0.001));
        }
        for (const f of fills) {
          cash += (f.side === 'sell' ? 1 : -1) * f.price * f.size - f.fee;
          const trip = trips.onFill(f);
          if (trip !== null) closed.push(trip);
        }
        const made = closed.reduce((sum, t) => sum + t.pnl, 0);
        expect(made).toBeCloseTo(cash, 6);
        expect(trips.openSince).toBeUndefined();
        // Every trip sold what it bought: its entry and exit sides are of one position, never empty.
        for (const t of closed) expect(t.size).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
