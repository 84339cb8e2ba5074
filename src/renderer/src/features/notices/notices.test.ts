import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dismiss, notify, NOTICE_TTL_MS, useNotices } from './notices.ts';

const texts = () => useNotices.getState().notices.map((n) => n.text);

beforeEach(() => {
  vi.useFakeTimers();
  useNotices.setState({ notices: [] });
});
afterEach(() => vi.useRealTimers());

describe('notices', () => {
  it('show a notice until its time is up, an error longer than news', () => {
    notify('success', 'Cancelled');
    notify('error', 'Refused');
    vi.advanceTimersByTime(NOTICE_TTL_MS.success);
    expect(texts()).toEqual(['Refused']);
    vi.advanceTimersByTime(NOTICE_TTL_MS.error - NOTICE_TTL_MS.success);
    expect(texts()).toEqual([]);
  });

  it('keep the four newest when many arrive at once, and close one on request', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'].map((t) => notify('info', t));
    expect(texts()).toEqual(['b', 'c', 'd', 'e']);
    dismiss(ids[2]!);
    expect(texts()).toEqual(['b', 'd', 'e']);
  });
});
