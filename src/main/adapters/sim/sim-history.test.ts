import { describe, expect, it } from 'vitest';
import { isBarOpen, TIMEFRAMES, TIMEFRAME_MS, type MarketEvent } from '../../../shared/market.ts';
import { SimulatedMarket } from './simulated-market.ts';

const START = Date.UTC(2025, 2, 3, 14, 27, 31, 250); // deliberately not on any boundary

describe('SimulatedMarket.history', () => {
  for (const timeframe of TIMEFRAMES) {
    it(`gives the requested number of closed ${timeframe} candles ending at the start price`, () => {
      const market = new SimulatedMarket({ seed: 77, startTime: START });
      const periodMs = TIMEFRAME_MS[timeframe];
      for (const info of market.symbols()) {
        const candles = market.history(info.symbol, timeframe, 300);
        expect(candles).toHaveLength(300);
        const last = candles[candles.length - 1];
        expect(last.close).toBe(market.lastPrice(info.symbol));
        expect(last.openTime + periodMs).toBeLessThanOrEqual(START);
        expect(last.openTime + 2 * periodMs).toBeGreaterThan(START);
        candles.forEach((candle, index) => {
          expect(candle).toMatchObject({ symbol: info.symbol, timeframe, closed: true });
          expect(isBarOpen(candle.openTime, periodMs)).toBe(true);
          if (index > 0) {
            expect(candle.openTime - candles[index - 1].openTime).toBe(periodMs);
            expect(candle.open).toBe(candles[index - 1].close);
          }
          expect(candle.high).toBeGreaterThanOrEqual(Math.max(candle.open, candle.close));
          expect(candle.low).toBeLessThanOrEqual(Math.min(candle.open, candle.close));
          expect(candle.low).toBeGreaterThan(0);
          expect(candle.volume).toBeGreaterThan(0);
        });
      }
    });
  }

  it('is the same for the same seed and the newest part of a longer request', () => {
    const first = new SimulatedMarket({ seed: 5, startTime: START });
    const second = new SimulatedMarket({ seed: 5, startTime: START });
    const long = first.history('ETH/USDT', '5m', 500);
    expect(second.history('ETH/USDT', '5m', 500)).toEqual(long);
    expect(second.history('ETH/USDT', '5m', 120)).toEqual(long.slice(-120));
  });

  it('differs between seeds', () => {
    const a = new SimulatedMarket({ seed: 5, startTime: START }).history('BTC/USDT', '1m', 50);
    const b = new SimulatedMarket({ seed: 6, startTime: START }).history('BTC/USDT', '1m', 50);
    expect(a).not.toEqual(b);
  });

  it('moves over a day of 1h candles by a plausible amount', () => {
    const candles = new SimulatedMarket({ seed: 12, startTime: START }).history('BTC/USDT', '1h', 24 * 30);
    for (const candle of candles) {
      expect(candle.high / candle.low).toBeLessThan(1.15);
    }
    const first = candles[0].open;
    expect(first).toBeGreaterThan(65_000 * 0.5);
    expect(first).toBeLessThan(65_000 * 2);
  });

  it('does not change the live stream when asked for', () => {
    const collect = (market: SimulatedMarket): MarketEvent[] => {
      const events: MarketEvent[] = [];
      market.advance(START + 5_000, (event) => events.push(event));
      return events;
    };
    const untouched = new SimulatedMarket({ seed: 9, startTime: START });
    const asked = new SimulatedMarket({ seed: 9, startTime: START });
    asked.history('BTC/USDT', '1m', 1_000);
    expect(collect(asked)).toEqual(collect(untouched));
  });

  it('returns nothing for a limit of zero', () => {
    expect(new SimulatedMarket({ seed: 1, startTime: START }).history('SOL/USDT', '1m', 0)).toEqual([]);
  });
});
