import { describe, expect, it } from 'vitest';
import type { OrderBook, Ticker } from '../../../shared/market.ts';
import { measuredPrice } from './measured-price.ts';

const book: OrderBook = {
  symbol: 'SOL/USDT',
  ts: 0,
  bids: [[150, 10], [149, 20], [148, 30]],
  asks: [[151, 10], [152, 20], [153, 30]],
};
const ticker: Ticker = { symbol: 'SOL/USDT', ts: 0, bid: 150, ask: 151, last: 150.5 };
const LOT = 0.001;

describe('the price an order can fill at', () => {
  it('measures a sell limit far below the bid at the bids it would take, not at its limit', () => {
    // 10 @ 150 + 20 @ 149 + 30 @ 148 = 1,500 + 2,980 + 4,440 = 8,920 over 60 → 148.666…
    expect(measuredPrice('sell', 60, 0.01, book, ticker, LOT)).toBeCloseTo(8_920 / 60, 9);
  });

  it('prices what the book cannot fill at the limit, where it will rest', () => {
    // 10 @ 151 + 20 @ 152 + 30 @ 153 = 1,510 + 3,040 + 4,590 = 9,140, then 40 resting at 10,000 → (9,140 + 400,000) / 100
    expect(measuredPrice('buy', 100, 10_000, book, ticker, LOT)).toBeCloseTo(409_140 / 100, 9);
  });

  it('measures a limit order that does not cross at its limit', () => {
    expect(measuredPrice('buy', 5, 140, book, ticker, LOT)).toBe(140);
    expect(measuredPrice('sell', 5, 160, book, ticker, LOT)).toBe(160);
  });

  it('walks the book for a market order and prices what is beyond it at the last level', () => {
    // 10 @ 151 + 20 @ 152 = 1,510 + 3,040 = 4,550 over 30; for 100, the other 70 at 153 (the last level, 30 deep, and beyond it)
    expect(measuredPrice('buy', 30, undefined, book, ticker, LOT)).toBeCloseTo(4_550 / 30, 9);
    expect(measuredPrice('buy', 100, undefined, book, ticker, LOT)).toBeCloseTo((4_550 + 70 * 153) / 100, 9);
  });

  it('falls back to the touch without a book, and knows no price without either', () => {
    expect(measuredPrice('sell', 1, undefined, undefined, ticker, LOT)).toBe(150);
    expect(measuredPrice('buy', 1, undefined, undefined, undefined, LOT)).toBeNull();
    expect(measuredPrice('buy', 1, 99, undefined, undefined, LOT)).toBe(99);
  });

  it('counts only whole lots of a level, as the matcher takes them', () => {
    const thin: OrderBook = { symbol: 'BTC/USDT', ts: 0, bids: [[60_000, 0.0000833]], asks: [] };
    // 0.00008 at 60,000 = 4.8, and 0.00159 resting at 0.01 = 0.0000159: (4.8 + 0.0000159) / 0.00167
    expect(measuredPrice('sell', 0.00167, 0.01, thin, undefined, 0.00001)).toBeCloseTo((4.8 + 0.0000159) / 0.00167, 9);
  });
});
