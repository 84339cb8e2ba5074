import { describe, expect, it } from 'vitest';
import { crossesTrigger, firedType, firesOnFall, trailedTrigger } from './trigger-rules.ts';

describe('trigger rules', () => {
  it('fire sell stops and buy take-profits on a fall, buy stops and sell take-profits on a rise', () => {
    expect(firesOnFall('stop_market', 'sell')).toBe(true);
    expect(firesOnFall('trailing_stop', 'sell')).toBe(true);
    expect(firesOnFall('take_profit_limit', 'buy')).toBe(true);
    expect(firesOnFall('stop_limit', 'buy')).toBe(false);
    expect(firesOnFall('take_profit_market', 'sell')).toBe(false);
  });

  it('fire at the trigger itself and past it, not before', () => {
    const stop = { side: 'sell' as const, type: 'stop_market' as const, triggerPrice: 95 };
    expect([crossesTrigger(stop, 95.01), crossesTrigger(stop, 95), crossesTrigger(stop, 80)]).toEqual([false, true, true]);
    const target = { side: 'sell' as const, type: 'take_profit_market' as const, triggerPrice: 110 };
    expect([crossesTrigger(target, 109.99), crossesTrigger(target, 110), crossesTrigger(target, 150)]).toEqual([false, true, true]);
  });

  it('never fire a trailing stop that has not reached its activation price', () => {
    const trail = { side: 'sell' as const, type: 'trailing_stop' as const, trailing: { distance: 1, unit: 'amount' as const, activationPrice: 104 } };
    expect(crossesTrigger(trail, 1)).toBe(false);
    expect(trailedTrigger(trail, 103.99)).toBeUndefined();
    expect(trailedTrigger(trail, 104)).toBe(103);
  });

  it('trail a sell up behind the best price and never back down; a buy the other way', () => {
    const sell = { side: 'sell' as const, type: 'trailing_stop' as const, trailing: { distance: 2, unit: 'percent' as const }, triggerPrice: 98 };
    expect(trailedTrigger(sell, 110)).toBeCloseTo(107.8, 12);
    expect(trailedTrigger(sell, 99)).toBeUndefined();
    const buy = { side: 'buy' as const, type: 'trailing_stop' as const, trailing: { distance: 5, unit: 'amount' as const }, triggerPrice: 105 };
    expect(trailedTrigger(buy, 90)).toBe(95);
    expect(trailedTrigger(buy, 101)).toBeUndefined();
  });

  it('turn the limit kinds into limit orders and the others into market orders', () => {
    expect(['stop_market', 'stop_limit', 'take_profit_market', 'take_profit_limit', 'trailing_stop'].map((t) => firedType(t as never))).toEqual(['market', 'limit', 'market', 'limit', 'market']);
  });
});
