import { describe, expect, it } from 'vitest';
import type { SymbolInfo } from '../../../shared/market.ts';
import type { CcxtOrder, CcxtTrade } from './ccxt-module.ts';
import { orderReportProblem, tradeProblem } from './report-checks.ts';

const BTC: SymbolInfo = { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', market: 'spot', tickSize: 0.01, lotSize: 0.00001, minSize: 0.0001, minNotional: 0, makerFee: 0.001, takerFee: 0.001 };
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

describe('orderReportProblem', () => {
  const report = (filled: unknown, cost: unknown): CcxtOrder => ({ id: '1', status: 'closed', amount: 0.01, filled, cost }) as unknown as CcxtOrder;

  it('accepts a filled size that its cost agrees with, or one without a cost', () => {
    expect(orderReportProblem(report(0.01, 599), 0.01, 59_900, BTC)).toBeNull();
    expect(orderReportProblem(report(0, 0), 0.01, 59_900, BTC)).toBeNull();
    expect(orderReportProblem(report(0.004, undefined), 0.01, 59_900, BTC)).toBeNull();
  });

  it('refuses nothing filled for a cost, which is how ccxt reads a missing filled size', () => {
    expect(orderReportProblem(report(0, 599), 0.01, 59_900, BTC)).toBe('filled 0 for a cost of 599');
    expect(orderReportProblem(report(0, 599), 0.01, undefined, BTC)).toBe('filled 0 for a cost of 599');
  });

  it('refuses a filled size whose cost puts its average price far from the order\'s', () => {
    expect(orderReportProblem(report(5e-324, 599), 0.01, 59_900, BTC)).toMatch(/^filled 5e-324 for a cost of 599/);
    expect(orderReportProblem(report(0.01, 1e308), 0.01, 59_900, BTC)).toMatch(/for a cost of/);
  });
});
