import { describe, expect, it } from 'vitest';
import { candle, fill, meanReversion, momentum } from '../../store/test-fixtures.ts';
import { bandPoints, chartTime, fillMarkers, fillsInBar, indicatorsKey, pickIndicators, rateOfChangePoints, toBar, toVolume } from './chart-data.ts';

const colors = { up: 'green', down: 'red', upVolume: 'g', downVolume: 'r' };
const focus = { symbol: 'BTC/USDT', timeframe: '1m' } as const;
const closes = [10, 11, 12, 13, 12, 11, 10, 11];
const candles = closes.map((close, i) => candle((i + 1) * 60_000, close));

describe('bars and volume', () => {
  it('converts candles to chart bars in epoch seconds', () => {
    expect(chartTime(61_999)).toBe(61);
    expect(toBar(candle(60_000, 5, { open: 4, high: 6, low: 3 }))).toEqual({ time: 60, open: 4, high: 6, low: 3, close: 5 });
  });

  it('colours volume by the candle direction', () => {
    expect(toVolume(candle(60_000, 5, { open: 4, volume: 7 }), colors)).toEqual({ time: 60, value: 7, color: 'g' });
    expect(toVolume(candle(60_000, 3, { open: 4 }), colors).color).toBe('r');
  });
});

describe('pickIndicators', () => {
  it('draws bands for a mean-reversion strategy and a rate of change for a momentum one on the focused symbol', () => {
    const picked = pickIndicators([meanReversion('mr'), momentum('mo')], focus);
    expect(picked).toEqual({ bollinger: { period: 20, stdMultiplier: 2 }, rateOfChange: { lookback: 10, threshold: 0.002 } });
  });

  it('ignores strategies on other symbols', () => {
    expect(pickIndicators([momentum('mo', { symbol: 'ETH/USDT' })], focus)).toEqual({ bollinger: null, rateOfChange: null });
  });

  it('prefers a strategy on the focused timeframe, then an active one', () => {
    const other = momentum('a', { timeframe: '5m', active: true, params: { lookback: 5, threshold: 0.01, orderSize: 1 } });
    const sameTimeframe = momentum('b', { params: { lookback: 7, threshold: 0.01, orderSize: 1 } });
    expect(pickIndicators([other, sameTimeframe], focus).rateOfChange?.lookback).toBe(7);
  });

  it('gives the overlays a key that changes only when their parameters do', () => {
    const key = indicatorsKey(pickIndicators([meanReversion('mr')], focus));
    expect(indicatorsKey(pickIndicators([meanReversion('other-id')], focus))).toBe(key);
    expect(indicatorsKey(pickIndicators([meanReversion('mr', { params: { period: 21, stdMultiplier: 2, orderSize: 1 } })], focus))).not.toBe(key);
  });
});

describe('indicator points', () => {
  it('leaves band points blank until the period is filled', () => {
    const points = bandPoints(candles, 3, 2);
    expect(points.middle.slice(0, 2)).toEqual([{ time: 60 }, { time: 120 }]);
    expect(points.middle[2]).toEqual({ time: 180, value: 11 });
  });

  it('computes the tail from its warm-up window the same as the whole series', () => {
    const whole = bandPoints(candles, 3, 2);
    const tail = bandPoints(candles, 3, 2, 5);
    expect(tail.upper).toEqual(whole.upper.slice(5));
    expect(tail.lower).toEqual(whole.lower.slice(5));
  });

  it('shows the rate of change in percent and its tail matches the whole series', () => {
    const whole = rateOfChangePoints(candles, 2);
    expect(whole[0]).toEqual({ time: 60 });
    expect(whole[2]).toEqual({ time: 180, value: expect.closeTo(20, 9) });
    expect(rateOfChangePoints(candles, 2, 6)).toEqual(whole.slice(6));
  });
});

describe('fillMarkers', () => {
  it('puts buys below the bar and sells above it, on the candle of the fill, oldest first', () => {
    const fills = [fill('t2', 185_000, { side: 'sell' }), fill('t1', 125_000)];
    expect(fillMarkers(fills, focus, 60_000, colors)).toEqual([
      { time: 120, position: 'belowBar', shape: 'arrowUp', color: 'green', id: 'o-1:t1' },
      { time: 180, position: 'aboveBar', shape: 'arrowDown', color: 'red', id: 'o-1:t2' },
    ]);
  });

  it('skips fills on other symbols and before the first candle', () => {
    const fills = [fill('t1', 125_000, { symbol: 'ETH/USDT' }), fill('t0', 30_000)];
    expect(fillMarkers(fills, focus, 60_000, colors)).toEqual([]);
  });
});

describe('fills in a bar', () => {
  it('tells the focus symbol’s fills inside the bar, oldest first, with price and fee', () => {
    const t0 = Date.UTC(2024, 0, 1, 12, 0);
    const fills = [
      fill('t3', t0 + 61_000, { side: 'sell', price: 101, fee: 0.05 }),
      fill('t2', t0 + 30_000, { side: 'sell', size: 0.5, price: 102, fee: 0.051 }),
      fill('t1', t0 + 1_000, { price: 100.5, fee: 0.1 }),
      fill('t0', t0 + 2_000, { symbol: 'ETH/USDT' }),
    ];
    expect(fillsInBar(fills, 'BTC/USDT', t0, 60_000, (p) => p.toFixed(2))).toEqual(['Bought 1 at 100.50, fee 0.10', 'Sold 0.5 at 102.00, fee 0.05']);
  });
});
