import { describe, expect, it } from 'vitest';
import type { RiskEvent } from '../../../../shared/risk.ts';
import { fill, order } from '../../store/test-fixtures.ts';
import { initialTerminalState, type TerminalState } from '../../store/terminal-state.ts';
import { desktopNotices } from './desktop-notices.ts';

const synced = (change: (s: TerminalState) => TerminalState = (s) => s): TerminalState =>
  change({ ...initialTerminalState, connection: { ...initialTerminalState.connection, status: 'open', synced: true } });
const withFills = (s: TerminalState, fills: ReturnType<typeof fill>[]): TerminalState => ({ ...s, orders: { ...s.orders, fills } });
const withEvents = (s: TerminalState, events: RiskEvent[]): TerminalState => ({ ...s, risk: { ...s.risk, events } });
const event = (kind: RiskEvent['kind'], code: string, message: string): RiskEvent => ({ ts: 5_000, kind, code, message });

describe('desktop notices', () => {
  it('tells of a new fill, and of several in one go as one notice', () => {
    const before = synced((s) => withFills(s, [fill('t1', 1_000)]));
    const one = withFills(before, [fill('t2', 2_000, { side: 'sell', size: 0.5, price: 60_100 }), fill('t1', 1_000)]);
    expect(desktopNotices(before, one)).toEqual([{ kind: 'fill', title: 'Order filled', body: 'Sold 0.5 BTC/USDT at 60100' }]);
    const many = withFills(before, [fill('t4', 4_000), fill('t3', 3_000), fill('t2', 2_000), fill('t1', 1_000)]);
    expect(desktopNotices(before, many)).toMatchObject([{ kind: 'fill', title: '3 fills' }]);
  });

  it('tells of an order newly rejected, once', () => {
    const before = synced((s) => ({ ...s, orders: { ...s.orders, open: [order('c-9', { status: 'pending' })] } }));
    const after = { ...before, orders: { ...before.orders, open: [], history: [order('c-9', { status: 'rejected' })] } };
    expect(desktopNotices(before, after)).toMatchObject([{ kind: 'rejection', title: 'Order rejected' }]);
    expect(desktopNotices(after, after)).toEqual([]);
  });

  it('tells of breaker trips, halts, stale feeds and the kill switch, not of denials or resumes', () => {
    const before = synced();
    const after = withEvents(before, [
      event('breaker', 'DAILY_LOSS_LIMIT', 'Daily loss 5.2% over the 5% limit.'),
      event('denied', 'MAX_POSITION_SIZE', 'Over the limit.'),
      event('resume', 'RESUMED', 'Trading resumed.'),
      event('stale', 'STALE_FEED', 'No market data for BTC/USDT for 5 s.'),
    ]);
    expect(desktopNotices(before, after).map((n) => [n.kind, n.title])).toEqual([
      ['breaker', 'Circuit breaker tripped'],
      ['stale', 'Market data stale'],
    ]);
    const kill = withEvents(after, [event('kill-switch', 'KILL_SWITCH', 'Kill switch engaged.'), ...after.risk.events]);
    expect(desktopNotices(after, kill)).toMatchObject([{ kind: 'kill-switch', title: 'Kill switch engaged' }]);
  });

  it('says nothing about what a snapshot brings on connecting', () => {
    const connecting = { ...initialTerminalState };
    const loaded = synced((s) => withEvents(withFills(s, [fill('t1', 1_000)]), [event('halt', 'MANUAL', 'Halted.')]));
    expect(desktopNotices(connecting, loaded)).toEqual([]);
  });
});
