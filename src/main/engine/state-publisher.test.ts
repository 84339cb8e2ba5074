import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings.ts';
import { StatePublisher, type PublishedState } from './state-publisher.ts';

const state: PublishedState = {
  account: () => ({ mode: 'paper', startingCapital: 1, cash: 1, equity: 1, realizedPnl: 0, unrealizedPnl: 0, feesPaid: 0, peakEquity: 1, drawdown: 0, dayStartEquity: 1, dailyPnl: 0 }),
  positions: () => [],
  risk: () => ({ state: 'ACTIVE', reason: null, reasonCode: null, limits: DEFAULT_SETTINGS.riskLimits, usage: { dailyLoss: 0, drawdown: 0, grossExposure: 0, largestPosition: 0 }, staleSymbols: [] }),
  strategies: () => [],
  feed: () => ({ source: 'simulated', status: 'live', lastEventTs: 1, eventsPerSecond: 10 }),
  execution: () => ({ orders: 0, filledOrders: 0, fillRatio: 0, avgSlippageBps: 0, feesPaid: 0 }),
  settings: () => DEFAULT_SETTINGS,
  formingCandle: () => undefined,
};

function listeningPublisher(): StatePublisher {
  const publisher = new StatePublisher();
  publisher.collecting = true;
  return publisher;
}

describe('StatePublisher', () => {
  it('keeps nothing while nobody listens, so a backtest never piles up UI state', () => {
    const publisher = new StatePublisher();
    for (let i = 0; i < 1000; i++) publisher.entry({ ts: i, level: 'info', source: 'system', message: `line ${i}` });
    publisher.feedChanged();
    expect(publisher.flush(1000, state)).toBeNull();
  });

  it('sends one delta with only the latest ticker per symbol however many ticks came in', () => {
    const publisher = listeningPublisher();
    for (let i = 0; i < 1000; i++) {
      publisher.ticker({ symbol: 'BTC/USDT', ts: i, bid: 100 + i, ask: 101 + i, last: 100 + i });
      publisher.ticker({ symbol: 'ETH/USDT', ts: i, bid: 10, ask: 11, last: 10 });
    }
    const delta = publisher.flush(1000, state)!;
    expect(delta.tickers).toHaveLength(2);
    expect(delta.tickers!.find((t) => t.symbol === 'BTC/USDT')!.bid).toBe(1099);
    expect(delta.account?.equity).toBe(1);
    expect(delta.seq).toBe(1);
  });

  it('sends nothing when nothing changed and numbers deltas in order', () => {
    const publisher = listeningPublisher();
    expect(publisher.flush(0, state)).toBeNull();
    publisher.feedChanged();
    expect(publisher.flush(1, state)!.seq).toBe(1);
    expect(publisher.flush(2, state)).toBeNull();
    publisher.entry({ ts: 3, level: 'info', source: 'system', message: 'hello' });
    const delta = publisher.flush(3, state)!;
    expect(delta.seq).toBe(2);
    expect(delta.log?.[0]?.message).toBe('hello');
    expect(delta.feed).toBeUndefined();
  });
});
