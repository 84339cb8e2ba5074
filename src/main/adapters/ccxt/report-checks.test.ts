import { describe, expect, it } from 'vitest';
import type { SymbolInfo } from '../../../shared/market.ts';
import type { CcxtTrade } from './ccxt-module.ts';
import { tradeProblem } from './report-checks.ts';

const BTC: SymbolInfo = { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, lotSize: 0.00001, minSize: 0.0001, makerFee: 0.001, takerFee: 0.001 };
const trade = (amount: unknown, price: unknown = 60_000): CcxtTrade =>
  ({ id: '7', order: '1', price, amount, fee: { cost: 0.06, currency: 'USDT' } }) as unknown as CcxtTrade;

describe('tradeProblem', () => {
  it('accepts a fill up to what is left of the order', () => {
    expect(tradeProblem(trade(0.006), BTC, 0.006, 60_000)).toBeNull();
  });

  it('refuses a fill larger than what is left of the order, however finite', () => {
    expect(tradeProblem(trade(1e308), BTC, 0.01, 60_000)).toMatch(/more than the 0\.01 left/);
    expect(tradeProblem(trade(0.0061), BTC, 0.006, 60_000)).toMatch(/more than/);
  });

  it('refuses a price far from the order\'s own, however finite', () => {
    expect(tradeProblem(trade(0.006, 1e308), BTC, 0.01, 59_900)).toMatch(/far from the order/);
    expect(tradeProblem(trade(0.006, 25_000), BTC, 0.01, 59_900)).toMatch(/far from the order/);
    expect(tradeProblem(trade(0.006, 1e308), BTC, 0.01, undefined)).toBeNull();
  });

  it('refuses a trade id that was a number and is no longer a whole one', () => {
    for (const id of ['1e400', 'Infinity', '1.5e+21', 'NaN']) {
      expect(tradeProblem({ ...trade(0.006), id } as CcxtTrade, BTC, 0.01, 60_000), id).toMatch(/^trade id/);
    }
    for (const id of ['1084', 'a1b2-c3', 'T-77']) expect(tradeProblem({ ...trade(0.006), id } as CcxtTrade, BTC, 0.01, 60_000), id).toBeNull();
  });

  it('refuses a price or size that is not a positive number', () => {
    expect(tradeProblem(trade(-1), BTC, 0.01, 60_000)).toMatch(/^size/);
    expect(tradeProblem(trade(0.01, Number.NaN), BTC, 0.01, 60_000)).toMatch(/^price/);
  });
});

describe('tradeProblem on fees', () => {
  it('refuses a fee no exchange would charge, and accepts an ordinary one or a maker rebate', () => {
    const withFee = (cost: number): CcxtTrade => ({ ...trade(0.006, 59_900), fee: { cost, currency: 'USDT' } }) as CcxtTrade;
    expect(tradeProblem(withFee(958_400), BTC, 0.006, 59_900)).toMatch(/^fee 958400/);
    expect(tradeProblem(withFee(0.36), BTC, 0.006, 59_900)).toBeNull();
    expect(tradeProblem(withFee(-0.036), BTC, 0.006, 59_900)).toBeNull();
  });
});
