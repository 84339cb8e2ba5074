import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MarketEvent } from '../../../shared/market.ts';
import { SimFeed } from './sim-feed.ts';
import { SimulatedMarket } from './simulated-market.ts';

const START = Date.UTC(2025, 2, 3, 14, 0, 0);

/** Fake timers also fake Date.now, so the feed's wall clock and its interval move together. */
function makeFeed(speed: number, wallClock: () => number = () => Date.now()): { feed: SimFeed; market: SimulatedMarket; events: MarketEvent[] } {
  const market = new SimulatedMarket({ seed: 31, startTime: START });
  const feed = new SimFeed({ market, speed, tickMs: 50, wallClock });
  const events: MarketEvent[] = [];
  feed.setListener((event) => events.push(event));
  return { feed, market, events };
}

describe('SimFeed', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('advances sim time at wall time × speed', () => {
    const { feed, market } = makeFeed(10);
    feed.start();
    vi.advanceTimersByTime(1_000);
    expect(market.now()).toBe(START + 10_000);
    vi.advanceTimersByTime(3_000);
    expect(market.now()).toBe(START + 40_000);
    feed.stop();
  });

  it('runs at real time at 1x, carrying fractions of a step between ticks', () => {
    const { feed, market } = makeFeed(1);
    feed.start();
    vi.advanceTimersByTime(150);
    expect(market.now()).toBe(START + 100);
    vi.advanceTimersByTime(50);
    expect(market.now()).toBe(START + 200);
    feed.stop();
  });

  it('changes speed from the moment it is set, without a jump in sim time', () => {
    const { feed, market } = makeFeed(1);
    feed.start();
    vi.advanceTimersByTime(520); // the last tick ran at 500 ms
    const before = market.now();
    feed.setSpeed(100);
    expect(market.now()).toBe(before);
    vi.advanceTimersByTime(980);
    // 520 ms at 1x, then 980 ms at 100x: the 20 ms since the last tick still count at 1x.
    expect(market.now()).toBe(START + 98_500);
    feed.stop();
  });

  it('refuses speeds outside 1..100', () => {
    const { feed } = makeFeed(1);
    expect(() => feed.setSpeed(0.5)).toThrow(RangeError);
    expect(() => feed.setSpeed(101)).toThrow(RangeError);
    expect(() => feed.setSpeed(Number.NaN)).toThrow(RangeError);
    expect(() => makeFeed(0)).toThrow(RangeError);
  });

  it('delivers the market events to its listener in time order', () => {
    const { feed, events } = makeFeed(5);
    feed.start();
    vi.advanceTimersByTime(2_000);
    feed.stop();
    const books = events.filter((event) => event.type === 'book');
    expect(books).toHaveLength(100 * 3);
    const stamps = books.map((event) => event.book.ts);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  });

  it('exposes sim time as its clock', () => {
    const { feed, market } = makeFeed(25);
    expect(feed.clock.now()).toBe(START);
    feed.start();
    vi.advanceTimersByTime(400);
    expect(feed.clock.now()).toBe(market.now());
    expect(feed.clock.now()).toBe(START + 10_000);
    feed.stop();
  });

  it('stops emitting and leaves no timer running after stop', () => {
    const { feed, market, events } = makeFeed(10);
    feed.start();
    vi.advanceTimersByTime(500);
    feed.stop();
    const count = events.length;
    const simTime = market.now();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect(events).toHaveLength(count);
    expect(market.now()).toBe(simTime);
  });

  it('resumes after a restart from where it stopped, not from the wall time spent stopped', () => {
    const { feed, market } = makeFeed(10);
    feed.start();
    vi.advanceTimersByTime(1_000);
    feed.stop();
    vi.advanceTimersByTime(60_000);
    feed.start();
    vi.advanceTimersByTime(1_000);
    expect(market.now()).toBe(START + 20_000);
    feed.stop();
  });

  it('reports live health with the last event time and the event rate, and stopped after stop', () => {
    const { feed, market } = makeFeed(10);
    expect(feed.health()).toEqual({ source: 'simulated', status: 'stopped', lastEventTs: null, eventsPerSecond: 0 });
    feed.start();
    vi.advanceTimersByTime(3_000);
    const health = feed.health();
    expect(health.status).toBe('live');
    expect(health.lastEventTs).toBe(market.now());
    // 100 steps a wall second at 10x, each with a book and a ticker per symbol, plus trades.
    expect(health.eventsPerSecond).toBeGreaterThanOrEqual(600);
    expect(health.eventsPerSecond).toBeLessThan(2_000);
    feed.stop();
    expect(feed.health().status).toBe('stopped');
  });

  it('catches up at most a second of wall time per tick after the process stalls', () => {
    let wall = Date.UTC(2026, 0, 1);
    const { feed, market } = makeFeed(10, () => wall);
    feed.start();
    wall += 3_600_000;
    vi.advanceTimersByTime(50);
    expect(market.now()).toBe(START + 10_000);
    feed.stop();
  });

  it('serves the market history and rejects unknown symbols', async () => {
    const { feed, market } = makeFeed(1);
    await expect(feed.history('BTC/USDT', '1m', 30)).resolves.toEqual(market.history('BTC/USDT', '1m', 30));
    await expect(feed.history('XRP/USDT', '1m', 30)).rejects.toThrow(/unknown simulated symbol/);
    expect(feed.symbols()).toEqual(market.symbols());
  });
});
