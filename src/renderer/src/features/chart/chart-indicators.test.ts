import { describe, expect, it } from 'vitest';
import { candle } from '../../store/test-fixtures.ts';
import { indicatorLines } from './chart-indicators.ts';

// A second opinion written apart from the library: the textbook definitions over the same closes.
const closes = Array.from({ length: 60 }, (_, i) => 100 + 10 * Math.sin(i / 5) + i * 0.3);
const candles = closes.map((close, i) => candle(Date.UTC(2024, 0, 1) + i * 60_000, close, { open: close - 0.5, high: close + 1, low: close - 1.5 }));

function sma(values: number[], n: number, at: number): number {
  return values.slice(at - n + 1, at + 1).reduce((a, b) => a + b, 0) / n;
}

describe('chart indicators', () => {
  it('gives SMA 20 as the mean of the last 20 closes, and nothing before the 20th bar', () => {
    const [line] = indicatorLines('sma', candles);
    expect(line!.values.slice(0, 19).every((v) => v === null)).toBe(true);
    for (const at of [19, 35, 59]) expect(line!.values[at]).toBeCloseTo(sma(closes, 20, at), 9);
  });

  it('gives EMA 20 seeded and smoothed with 2 / 21', () => {
    const [line] = indicatorLines('ema', candles);
    // Seeded with the first close and smoothed from there, as the library does; checked by recurrence.
    const k = 2 / 21;
    let ema = closes[0]!;
    for (let i = 1; i < closes.length; i++) ema = closes[i]! * k + ema * (1 - k);
    expect(line!.values.at(-1)).toBeCloseTo(ema, 6);
  });

  it('keeps RSI between 0 and 100 and MACD’s histogram the MACD less its signal', () => {
    const [rsi] = indicatorLines('rsi', candles);
    const shown = rsi!.values.filter((v): v is number => v !== null);
    expect(shown.length).toBeGreaterThan(40);
    expect(shown.every((v) => v >= 0 && v <= 100)).toBe(true);
    const [macd, signal, histogram] = indicatorLines('macd', candles);
    const at = closes.length - 1;
    expect(histogram!.values[at]).toBeCloseTo(macd!.values[at]! - signal!.values[at]!, 9);
  });

  it('gives ATR 14 a positive range no wider than the widest bar’s true range', () => {
    const [atr] = indicatorLines('atr', candles);
    const last = atr!.values.at(-1)!;
    expect(last).toBeGreaterThan(0);
    expect(last).toBeLessThanOrEqual(Math.max(...candles.map((c, i) => Math.max(c.high - c.low, i > 0 ? Math.abs(c.high - candles[i - 1]!.close) : 0, i > 0 ? Math.abs(c.low - candles[i - 1]!.close) : 0))));
  });
});
