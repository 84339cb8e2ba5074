import { describe, expect, it } from 'vitest';
import type { OrderBook, SymbolInfo, Trade } from '../../shared/market.ts';
import { eventsFromTrades, TOUCH_PRINTS } from './events-from-trades.ts';

const INFO: SymbolInfo = { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', market: 'spot', tickSize: 0.01, lotSize: 0.001, minSize: 0.001, minNotional: 0, makerFee: 0, takerFee: 0.001 };
const T = 1_714_953_600_200;

function trade(i: number, size: number, price = 50): Trade {
  return { symbol: 'BTC/USDT', ts: T + i * 100, id: `t${i}`, price, size, side: 'buy' };
}

describe('eventsFromTrades', () => {
  it('puts a book and a ticker around each trade at its own time', () => {
    const first = trade(0, 0.25);
    const events = eventsFromTrades([first], INFO, { spreadBps: 0, levels: 2 });
    expect(events).toEqual([
      { type: 'trade', trade: first },
      { type: 'book', book: { symbol: 'BTC/USDT', ts: T, bids: [[49.99, 0.25], [49.97, 0.5]], asks: [[50.01, 0.25], [50.03, 0.5]] } },
      { type: 'ticker', ticker: { symbol: 'BTC/USDT', ts: T, bid: 49.99, ask: 50.01, last: 50 } },
    ]);
  });

  it(`holds the last ${TOUCH_PRINTS} prints' volume at the touch, forgetting older ones`, () => {
    // Twenty prints of 0.01, then one of 0.5: the window is nineteen 0.01s and the 0.5, so 0.69.
    const trades = [...Array.from({ length: 20 }, (_, i) => trade(i, 0.01)), trade(20, 0.5)];
    const books = eventsFromTrades(trades, INFO).flatMap((e) => (e.type === 'book' ? [e.book] : [])) as OrderBook[];
    expect(books[0].asks[0][1]).toBe(0.01);
    expect(books[19].asks[0][1]).toBe(0.2);
    expect(books[20].asks[0][1]).toBe(0.69);
  });
});
