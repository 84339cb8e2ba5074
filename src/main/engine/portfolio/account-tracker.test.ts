import { describe, expect, it } from 'vitest';
import { AccountTracker, utcDay } from './account-tracker.ts';
import { Portfolio } from './portfolio.ts';

const MARCH_1 = Date.parse('2025-03-01T00:00:00.000Z');
const MARCH_2 = Date.parse('2025-03-02T00:00:00.000Z');

describe('AccountTracker', () => {
  it('rolls the day at exactly 00:00 UTC and takes the first equity of the new day as its start', () => {
    const t = new AccountTracker({ peakEquity: 100_000, dayStartEquity: 100_000, day: '2025-03-01' });
    expect(t.update(MARCH_2 - 1, 97_000)).toBe(false);
    expect(t.day).toBe('2025-03-01');
    expect(t.dailyPnl).toBe(-3_000);
    expect(t.dailyLossFraction).toBe(0.03);

    expect(t.update(MARCH_2, 96_500)).toBe(true);
    expect(t.day).toBe('2025-03-02');
    expect(t.dayStartEquity).toBe(96_500);
    expect(t.dailyPnl).toBe(0);
    expect(t.dailyLossFraction).toBe(0);

    expect(t.update(MARCH_2 + 60_000, 96_000)).toBe(false);
    expect(t.dayStartEquity).toBe(96_500);
    expect(t.dailyPnl).toBe(-500);
  });

  it('rolls once across several missed days and never rolls backwards', () => {
    const t = new AccountTracker({ peakEquity: 100_000, dayStartEquity: 100_000, day: '2025-03-01' });
    expect(t.update(Date.parse('2025-03-05T09:30:00Z'), 101_000)).toBe(true);
    expect(t.day).toBe('2025-03-05');
    expect(t.update(MARCH_1, 90_000)).toBe(false);
    expect(t.day).toBe('2025-03-05');
  });

  it('raises the peak and measures drawdown as a fraction of it', () => {
    const t = AccountTracker.start(MARCH_1, 100_000);
    t.update(MARCH_1 + 1, 125_000);
    t.update(MARCH_1 + 2, 100_000);
    expect(t.peakEquity).toBe(125_000);
    expect(t.drawdown).toBe(0.2);
    t.rebasePeak(100_000);
    expect(t.peakEquity).toBe(100_000);
    expect(t.drawdown).toBe(0);
  });

  it('reports a gain as zero daily loss', () => {
    const t = AccountTracker.start(MARCH_1, 100_000);
    t.update(MARCH_1 + 1, 104_000);
    expect(t.dailyPnl).toBe(4_000);
    expect(t.dailyLossFraction).toBe(0);
  });

  it('returns its state for the journal and restores from it', () => {
    const t = AccountTracker.start(MARCH_1 + 5_000, 50_000);
    t.update(MARCH_1 + 6_000, 55_000);
    expect(t.state()).toEqual({ peakEquity: 55_000, dayStartEquity: 50_000, day: '2025-03-01' });
    const restored = new AccountTracker(t.state());
    expect(restored.update(MARCH_1 + 7_000, 49_000)).toBe(false);
    expect(restored.dailyLossFraction).toBe(0.02);
  });

  it('refuses a day that is not a UTC date', () => {
    expect(() => new AccountTracker({ peakEquity: 1, dayStartEquity: 1, day: '2025-02-30' })).toThrow(RangeError);
    expect(() => new AccountTracker({ peakEquity: 1, dayStartEquity: 1, day: 'yesterday' })).toThrow(RangeError);
  });

  it('summarizes the account from the portfolio at its current equity', () => {
    const p = new Portfolio(100_000);
    const t = AccountTracker.start(MARCH_1, 100_000);
    p.applyFill({
      orderId: 'o1',
      clientOrderId: 'c1',
      tradeId: 't1',
      symbol: 'BTC/USDT',
      side: 'buy',
      price: 50_000,
      size: 1,
      fee: 50,
      feeAsset: 'USDT',
      feeAmount: 50,
      liquidity: 'taker',
      ts: MARCH_1 + 1,
    });
    p.mark('BTC/USDT', 45_000);
    t.update(MARCH_1 + 2, p.equity);
    expect(t.summary(p, 'paper')).toEqual({
      mode: 'paper',
      startingCapital: 100_000,
      cash: 49_950,
      equity: 94_950,
      realizedPnl: 0,
      unrealizedPnl: -5_000,
      feesPaid: 50,
      peakEquity: 100_000,
      drawdown: 0.0505,
      dayStartEquity: 100_000,
      dailyPnl: -5_050,
    });
  });

  it('formats a timestamp as its UTC date', () => {
    expect(utcDay(MARCH_2 - 1)).toBe('2025-03-01');
    expect(utcDay(MARCH_2)).toBe('2025-03-02');
  });
});
