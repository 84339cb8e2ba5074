import { describe, expect, it } from 'vitest';
import { RateOfChange } from './rate-of-change.ts';

describe('RateOfChange', () => {
  it('becomes ready after lookback + 1 closes', () => {
    const roc = new RateOfChange(2);
    expect(roc.update(100)).toBe(false);
    expect(roc.update(105)).toBe(false);
    expect(roc.value).toBeNaN();
    expect(roc.update(110)).toBe(true);
    expect(roc.ready).toBe(true);
  });

  it('compares the close with the close lookback candles ago', () => {
    const roc = new RateOfChange(2);
    for (const close of [100, 105, 110]) roc.update(close);
    expect(roc.value).toBeCloseTo(0.1, 12); // 110 / 100 − 1
    roc.update(84);
    expect(roc.value).toBeCloseTo(-0.2, 12); // 84 / 105 − 1
  });

  it('rejects a lookback that is not a positive integer', () => {
    expect(() => new RateOfChange(0)).toThrow(/lookback/);
  });
});
