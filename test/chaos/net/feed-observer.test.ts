import { describe, expect, it } from 'vitest';
import { FeedObserver } from './feed-observer.ts';

/** A stand-in for the watch calls of a ccxt exchange object: resolves or fails when told. */
function exchangeWith(outcomes: ('data' | 'fail')[]): Record<string, unknown> {
  return {
    watchTrades: async () => {
      if (outcomes.shift() === 'fail') throw new Error('socket closed');
      return [];
    },
  };
}

describe('FeedObserver', () => {
  it('calls a symbol stale when its data is older than the limit, and fresh right after data', async () => {
    const observer = new FeedObserver();
    const exchange = exchangeWith(['data']);
    observer.observe(exchange);
    await (exchange['watchTrades'] as (s: string) => Promise<unknown>)('BTC/USDT');
    const now = Date.now();
    expect(observer.staleAt('BTC/USDT', now + 10, 2_000, 50)).toBe(false);
    expect(observer.staleAt('BTC/USDT', now + 2_100, 2_000, 50)).toBe(true);
    expect(observer.staleAt('ETH/USDT', now, 2_000, 50)).toBe(true);
  });

  it('calls a symbol stale from a stream failure until data arrives again', async () => {
    const observer = new FeedObserver();
    const exchange = exchangeWith(['data', 'fail', 'data']);
    observer.observe(exchange);
    const watch = exchange['watchTrades'] as (s: string) => Promise<unknown>;
    await watch('BTC/USDT');
    await new Promise((resolve) => setTimeout(resolve, 120));
    await expect(watch('BTC/USDT')).rejects.toThrow('socket closed');
    const failedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(observer.staleAt('BTC/USDT', failedAt + 60, 2_000, 50)).toBe(true);
    await watch('BTC/USDT');
    expect(observer.staleAt('BTC/USDT', Date.now() + 1, 2_000, 50)).toBe(false);
    expect(observer.failureCount()).toBe(1);
  });
});
