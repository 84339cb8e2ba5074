import { describe, expect, it } from 'vitest';
import { CompensatedSum } from './compensated-sum.ts';

describe('CompensatedSum', () => {
  it('keeps a small term that a plain sum would round away next to a large one', () => {
    const sum = new CompensatedSum();
    for (const value of [1e16, 1, -1e16]) sum.add(value);
    expect(1e16 + 1 - 1e16).toBe(0);
    expect(sum.value).toBe(1);
  });

  it('returns to exactly zero after every added value is subtracted again', () => {
    const sum = new CompensatedSum();
    const values = [0.1, 60_000.37, 0.2, 1e-7, 123.456];
    for (const value of values) sum.add(value);
    for (const value of values) sum.add(-value);
    expect(sum.value).toBe(0);
  });

  it('starts over from zero when reset', () => {
    const sum = new CompensatedSum();
    sum.add(5);
    sum.reset();
    sum.add(2);
    expect(sum.value).toBe(2);
  });
});
