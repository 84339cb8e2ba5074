import { describe, expect, it } from 'vitest';
import type { Candle, MarketEvent, SymbolInfo } from '../../shared/market.ts';
import { eventsFromCandles } from './events-from-candles.ts';

const INFO: SymbolInfo = { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', market: 'spot', tickSize: 0.01, lotSize: 0.001, minSize: 0.001, minNotional: 0, makerFee: 0, takerFee: 0.001 };
const T = Date.UTC(2024, 4, 1, 12, 0);

function candle(open: number, high: number, low: number, close: number, volume: number, openTime = T): Candle {
  return { symbol: 'BTC/USDT', timeframe: '1m', openTime, open, high, low, close, volume, closed: true };
}

const trades = (events: MarketEvent[]) => events.flatMap((e) => (e.type === 'trade' ? [e.trade] : []));

describe('eventsFromCandles', () => {
  it('walks a down candle open, high, low, close at 0 s, 20 s, 40 s and 59.999 s', () => {
    const prints = trades(eventsFromCandles([candle(100, 103, 97, 98, 1)], INFO));
    expect(prints.map((t) => t.price)).toEqual([100, 103, 97, 98]);
    expect(prints.map((t) => t.ts - T)).toEqual([0, 20_000, 40_000, 59_999]);
  });

  it('walks an up candle open, low, high, close with aggressor sides following each move', () => {
    const prints = trades(eventsFromCandles([candle(100, 103, 97, 102, 1)], INFO));
    expect(prints.map((t) => t.price)).toEqual([100, 97, 103, 102]);
    expect(prints.map((t) => t.side)).toEqual(['buy', 'sell', 'buy', 'sell']);
  });

  it('splits 1.003 of volume into three prints of 0.25 and the remaining 0.253 on the close', () => {
    const prints = trades(eventsFromCandles([candle(100, 101, 99, 100, 1.003)], INFO));
    expect(prints.map((t) => t.size)).toEqual([0.25, 0.25, 0.25, 0.253]);
  });

  it('follows each print with a five-level book a tick each side of the price and a ticker at its touch', () => {
    const events = eventsFromCandles([candle(100, 100, 100, 100, 4)], INFO, { spreadBps: 0 });
    expect(events.slice(0, 3).map((e) => e.type)).toEqual(['trade', 'book', 'ticker']);
    const book = events[1].type === 'book' ? events[1].book : null;
    // Half spread 1 tick, levels 2 ticks apart, touch = the print's 1.0, then 2.0, 3.0 ...
    expect(book?.bids).toEqual([[99.99, 1], [99.97, 2], [99.95, 3], [99.93, 4], [99.91, 5]]);
    expect(book?.asks).toEqual([[100.01, 1], [100.03, 2], [100.05, 3], [100.07, 4], [100.09, 5]]);
    expect(events[2]).toEqual({ type: 'ticker', ticker: { symbol: 'BTC/USDT', ts: T, bid: 99.99, ask: 100.01, last: 100 } });
  });

  it('widens the spread to 1 bp of a 60,000 price: 3 dollars each side', () => {
    const events = eventsFromCandles([candle(60_000, 60_000, 60_000, 60_000, 4)], INFO);
    const ticker = events[2].type === 'ticker' ? events[2].ticker : null;
    expect([ticker?.bid, ticker?.ask]).toEqual([59_997, 60_003]);
  });

  it('gives the same events for the same candles every time', () => {
    const candles = [candle(100, 103, 97, 98, 1.5), candle(98, 99, 95, 96, 2.25, T + 60_000)];
    expect(eventsFromCandles(candles, INFO)).toEqual(eventsFromCandles(candles, INFO));
  });

  it('keeps every event of a candle inside the candle', () => {
    const candles = [candle(100, 103, 97, 98, 1), candle(98, 99, 95, 96, 1, T + 60_000)];
    const events = eventsFromCandles(candles, INFO);
    for (const event of events) {
      const ts = event.type === 'trade' ? event.trade.ts : event.type === 'book' ? event.book.ts : event.type === 'ticker' ? event.ticker.ts : 0;
      const owner = events.indexOf(event) < events.length / 2 ? candles[0] : candles[1];
      expect(ts).toBeGreaterThanOrEqual(owner.openTime);
      expect(ts).toBeLessThan(owner.openTime + 60_000);
    }
  });
});
