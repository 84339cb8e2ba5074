import { describe, expect, it } from 'vitest';
import type { FeedHealth } from '../../../../shared/market.ts';
import { riskStatus } from '../../store/test-fixtures.ts';
import { feedTone, staleNotice } from './feed-health.ts';

const feed = (status: FeedHealth['status']): FeedHealth => ({ source: 'binance', status, lastEventTs: 1, eventsPerSecond: 5 });

describe('the feed health dot', () => {
  it('is green when live, amber while connecting or stale and red once stopped', () => {
    expect((['live', 'connecting', 'stale', 'stopped'] as const).map(feedTone)).toEqual(['is-ok', 'is-warn', 'is-warn', 'is-bad']);
  });
});

describe('the stale notice', () => {
  it('is absent while every market is fresh', () => {
    expect(staleNotice(feed('live'), riskStatus)).toBeNull();
    expect(staleNotice(null, null)).toBeNull();
  });

  it('names the stale markets, two at most, and says trading is paused', () => {
    const notice = staleNotice(feed('live'), { ...riskStatus, staleSymbols: ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'] });
    expect(notice).toMatchObject({ symbols: ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'], label: 'STALE BTC/USDT, ETH/USDT +1', reason: 'trading paused' });
    expect(notice?.title).toContain('SOL/USDT');
  });

  it('shows a stale feed even before risk names the markets', () => {
    expect(staleNotice(feed('stale'), riskStatus)).toMatchObject({ symbols: [], label: 'STALE feed', reason: 'trading paused' });
  });
});
