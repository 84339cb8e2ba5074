import { describe, expect, it } from 'vitest';
import { order } from '../../store/test-fixtures.ts';
import { exitLabel } from './exit-label.ts';

describe('exit labels', () => {
  it('name the kind, the trigger and a limit after it', () => {
    expect(exitLabel(order('a', { type: 'stop_market', triggerPrice: 95, price: undefined }))).toBe('SL 95.00');
    expect(exitLabel(order('b', { type: 'take_profit_limit', triggerPrice: 110, price: 109.5 }))).toBe('TP 110.00 → 109.50');
  });

  it('show where a trailing stop stands, or where it starts trailing', () => {
    expect(exitLabel(order('c', { type: 'trailing_stop', trailing: { distance: 2, unit: 'percent' }, triggerPrice: 97.8 }))).toBe('Trail 2% @ 97.80');
    expect(exitLabel(order('d', { type: 'trailing_stop', trailing: { distance: 1.5, unit: 'amount', activationPrice: 104 } }))).toBe('Trail 1.50 from 104.00');
  });
});
