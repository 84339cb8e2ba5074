import { describe, expect, it } from 'vitest';
import { DecimalGrid } from './decimal-grid.ts';

describe('DecimalGrid', () => {
  it('turns whole steps back into the exact decimal', () => {
    const cents = new DecimalGrid(0.01);
    expect(cents.value(3)).toBe(0.03);
    expect(cents.value(6_500_001)).toBe(65_000.01);
    expect(new DecimalGrid(0.00001).value(123)).toBe(0.00123);
  });

  it('rounds a value to the nearest step', () => {
    expect(new DecimalGrid(0.01).round(149.99449)).toBe(149.99);
    expect(new DecimalGrid(0.01).round(149.99749)).toBe(150);
    expect(new DecimalGrid(0.5).round(10.3)).toBe(10.5);
    expect(new DecimalGrid(5).round(12.6)).toBe(15);
  });

  it('refuses steps that are not positive or do not divide one', () => {
    expect(() => new DecimalGrid(0)).toThrow(RangeError);
    expect(() => new DecimalGrid(0.3)).toThrow(RangeError);
  });
});
