import { describe, expect, it } from 'vitest';
import { buildLadder } from './book-ladder.ts';

const book = {
  symbol: 'BTC/USDT',
  ts: 1,
  bids: [
    [99, 2],
    [98, 4],
    [97, 1],
  ] as [number, number][],
  asks: [
    [101, 1],
    [102, 3],
  ] as [number, number][],
};

describe('buildLadder', () => {
  it('lists asks worst first so the best ask sits on the spread, and bids best first', () => {
    const ladder = buildLadder(book, 10);
    expect(ladder.asks.map((r) => r.price)).toEqual([102, 101]);
    expect(ladder.bids.map((r) => r.price)).toEqual([99, 98, 97]);
  });

  it('runs totals outwards from the spread and sizes bars against the largest level shown', () => {
    const ladder = buildLadder(book, 10);
    expect(ladder.bids.map((r) => r.total)).toEqual([2, 6, 7]);
    expect(ladder.asks.map((r) => r.total)).toEqual([4, 1]);
    expect(ladder.bids.map((r) => r.share)).toEqual([0.5, 1, 0.25]);
  });

  it('computes mid, spread and spread in basis points', () => {
    const ladder = buildLadder(book, 10);
    expect(ladder.mid).toBe(100);
    expect(ladder.spread).toBe(2);
    expect(ladder.spreadBps).toBe(200);
  });

  it('shows only the requested depth', () => {
    const ladder = buildLadder(book, 1);
    expect(ladder.bids).toHaveLength(1);
    expect(ladder.bids[0].share).toBe(1);
  });

  it('is empty without a book', () => {
    expect(buildLadder(null, 10)).toEqual({ asks: [], bids: [], spread: null, spreadBps: null, mid: null });
  });
});
