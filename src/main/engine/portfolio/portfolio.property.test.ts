import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fill } from '../../../shared/trading.ts';
import { propertyRuns } from '../../../../test/support/property-runs.ts';
import { Portfolio } from './portfolio.ts';

const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'] as const;
const STARTING_CAPITAL = 100_000;

const price = fc.double({ min: 1, max: 50_000, noNaN: true, noDefaultInfinity: true });
const step = fc.oneof(
  fc.record({
    kind: fc.constant('fill' as const),
    symbol: fc.constantFrom(...SYMBOLS),
    side: fc.constantFrom('buy' as const, 'sell' as const),
    // Sizes from a small grid as well as arbitrary ones, so exact closes and flips happen often.
    size: fc.oneof(fc.constantFrom(0.1, 0.2, 0.3, 1), fc.double({ min: 0.001, max: 10, noNaN: true, noDefaultInfinity: true })),
    price,
    fee: fc.double({ min: 0, max: 10, noNaN: true, noDefaultInfinity: true }),
  }),
  fc.record({ kind: fc.constant('mark' as const), symbol: fc.constantFrom(...SYMBOLS), price }),
);

describe('Portfolio properties', () => {
  it('keeps equity equal to capital plus realized plus unrealized minus fees, and cash moves only on fills', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const p = new Portfolio(STARTING_CAPITAL);
        let expectedCash = STARTING_CAPITAL;
        steps.forEach((s, i) => {
          const cashBefore = p.cash;
          if (s.kind === 'mark') {
            p.mark(s.symbol, s.price);
            expect(p.cash).toBe(cashBefore);
          } else {
            const f: Fill = {
              orderId: `o${i}`,
              clientOrderId: `c${i}`,
              tradeId: `t${i}`,
              symbol: s.symbol,
              side: s.side,
              price: s.price,
              size: s.size,
              fee: s.fee,
              feeAsset: 'USDT',
              feeAmount: s.fee,
              liquidity: 'taker',
              ts: i,
            };
            p.applyFill(f);
            expectedCash += (s.side === 'buy' ? -1 : 1) * s.price * s.size - s.fee;
          }
          expect(Math.abs(p.cash - expectedCash)).toBeLessThan(1e-6);
          const identity = STARTING_CAPITAL + p.realizedPnl + p.unrealizedPnl - p.feesPaid;
          expect(Math.abs(p.equity - identity)).toBeLessThan(1e-6);
          for (const pos of p.positions()) expect(pos.size).not.toBe(0);
        });
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
