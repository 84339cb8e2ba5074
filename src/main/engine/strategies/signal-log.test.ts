import { describe, expect, it } from 'vitest';
import type { Signal, SignalDirection } from '../../../shared/strategy.ts';
import { SIGNAL_HISTORY_LIMIT, SignalLog } from './signal-log.ts';

function signal(direction: SignalDirection, ts: number): Signal {
  return { strategyId: 's', symbol: 'BTC/USDT', direction, strength: 1, price: 100, ts, meta: {} };
}

describe('SignalLog', () => {
  it('keeps 200 signals by default', () => {
    expect(new SignalLog().limit).toBe(SIGNAL_HISTORY_LIMIT);
    expect(SIGNAL_HISTORY_LIMIT).toBe(200);
  });

  it('keeps the newest signals first and drops the oldest beyond its limit', () => {
    const log = new SignalLog(3);
    for (let ts = 1; ts <= 5; ts += 1) log.record(signal('long', ts));
    expect(log.history().map((s) => s.ts)).toEqual([5, 4, 3]);
  });

  it('counts every signal by direction, including those dropped from the history', () => {
    const log = new SignalLog(2);
    log.record(signal('long', 10));
    log.record(signal('flat', 20));
    log.record(signal('short', 30));
    log.record(signal('long', 40));
    expect(log.stats()).toEqual({ signals: 4, longSignals: 2, shortSignals: 1, flatSignals: 1, lastSignalTs: 40 });
  });

  it('starts with no signals and no last signal time', () => {
    const log = new SignalLog();
    expect(log.history()).toEqual([]);
    expect(log.stats()).toEqual({ signals: 0, longSignals: 0, shortSignals: 0, flatSignals: 0, lastSignalTs: null });
  });

  it('leaves a history handed out earlier unchanged when a signal arrives', () => {
    const log = new SignalLog();
    log.record(signal('long', 1));
    const earlier = log.history();
    log.record(signal('short', 2));
    expect(earlier.map((s) => s.ts)).toEqual([1]);
  });
});
