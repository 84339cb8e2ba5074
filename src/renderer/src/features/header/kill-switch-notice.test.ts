import { describe, expect, it } from 'vitest';
import { killSwitchNotice } from './kill-switch-notice.ts';

describe('kill switch notice', () => {
  it('says what was cancelled and closed, and what is still held with its reason', () => {
    expect(killSwitchNotice({ cancelled: 1, closed: 2, remaining: [], strategiesStopped: 0 })).toBe('Kill switch: 1 order cancelled, 2 positions closed.');
    expect(killSwitchNotice({ cancelled: 0, closed: 1, remaining: [], strategiesStopped: 1 })).toBe('Kill switch: 0 orders cancelled, 1 position closed, 1 strategy switched off.');
    expect(
      killSwitchNotice({
        cancelled: 0,
        closed: 0,
        remaining: [{ symbol: 'BTC/USDT', size: 37.69, reason: 'The book absorbed 42.31 of 80; the other 37.69 BTC is sold on each new book until flat.' }],
        strategiesStopped: 0,
      }),
    ).toBe('Kill switch: 0 orders cancelled, 0 positions closed. BTC/USDT: The book absorbed 42.31 of 80; the other 37.69 BTC is sold on each new book until flat.');
  });
});
