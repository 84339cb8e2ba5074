import { describe, expect, it } from 'vitest';
import { AverageTrueRange } from './average-true-range.ts';

describe('AverageTrueRange', () => {
  it('averages the first period of true ranges, then smooths as Wilder did', () => {
    const atr = new AverageTrueRange(3);
    expect(atr.update(10, 8, 9)).toBe(false); // 2
    expect(atr.update(12, 9.5, 11)).toBe(false); // max(2.5, 3, 0.5) = 3
    expect(atr.update(11.5, 10.5, 11)).toBe(true); // 1
    expect(atr.value).toBeCloseTo(2, 12);
    atr.update(11, 7, 8); // max(4, 0, 4) = 4
    expect(atr.value).toBeCloseTo((2 * 2 + 4) / 3, 12);
  });

  it('counts a gap from the previous close as range', () => {
    const atr = new AverageTrueRange(1);
    atr.update(100, 99, 100);
    atr.update(91, 90, 90.5);
    expect(atr.value).toBe(10);
  });
});
