// The shipped sample with the desk's default momentum strategy: what a trader sees on first opening the
// backtest panel. The numbers are checked for sanity, not pinned: the sample may be regenerated.
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/main/backtest/run-backtest.ts';
import { sampleInput } from './backtest-support.ts';

describe('momentum on the sample dataset', () => {
  it('trades, and its metrics agree with its own trades, fills and equity curve', async () => {
    const input = sampleInput();
    const { metrics, trades, fills, equity, candles, events } = await runBacktest(input);
    expect(events).toBe(5 * 1_440 * 12);
    expect(metrics.trades).toBeGreaterThan(20);
    expect(trades).toHaveLength(metrics.trades);
    // On spot, momentum holds BTC while its view is long and nothing while it is short: in the market
    // about half the time, each trip a buy and a sell.
    expect(fills.length).toBeGreaterThanOrEqual(2 * metrics.trades);
    expect(metrics.exposure).toBeGreaterThan(0.2);
    expect(metrics.exposure).toBeLessThan(0.8);
    expect(metrics.winRate).toBeGreaterThan(0);
    expect(metrics.winRate).toBeLessThan(1);
    expect(Number.isFinite(metrics.sharpe)).toBe(true);
    expect(metrics.maxDrawdown).toBeGreaterThan(0);
    expect(metrics.maxDrawdown).toBeLessThan(0.2);
    // 0.05 BTC at ~57k is ~2,900 a side: each flip pays 0.05% of it twice at most.
    expect(metrics.feesPaid).toBeGreaterThan(0);
    expect(metrics.feesPaid).toBeLessThan(fills.length * 0.1 * 62_000 * 0.0005);
    expect(metrics.expectancy).toBeCloseTo(trades.reduce((sum, t) => sum + t.pnl, 0) / trades.length, 9);
    // Five days of 1m bars, 7,201 points, drawn with at most 2,000.
    expect(equity.length).toBeLessThanOrEqual(2_000);
    expect(equity[0]).toEqual({ ts: input.request.from, equity: 100_000, drawdown: 0 });
    expect(equity[equity.length - 1].ts).toBe(input.request.to);
    expect(equity[equity.length - 1].equity).toBe(metrics.finalEquity);
    expect(Math.abs(metrics.totalReturn)).toBeLessThan(0.05);
    // The price chart: 7,200 one-minute bars merged into 4-minute ones to stay within 2,000, in order,
    // covering every trade's entry.
    expect(candles.length).toBeGreaterThan(1_000);
    expect(candles.length).toBeLessThanOrEqual(2_000);
    const barMs = candles[1].openTime - candles[0].openTime;
    for (let i = 1; i < candles.length; i++) expect(candles[i].openTime).toBeGreaterThan(candles[i - 1].openTime);
    for (const c of candles) expect(c.low <= Math.min(c.open, c.close) && c.high >= Math.max(c.open, c.close)).toBe(true);
    const spanEnd = candles[candles.length - 1].openTime + barMs;
    for (const t of trades) expect(t.entryTs >= candles[0].openTime && t.entryTs < spanEnd).toBe(true);
  });
});
