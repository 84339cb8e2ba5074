import { describe, expect, it } from 'vitest';
import { fromSteps, grid, isOnGrid, stepsWithin, toSteps } from './quantity.ts';

describe('quantity grid', () => {
  it('knows how many decimals print a step exactly', () => {
    expect([0.001, 0.25, 0.0005, 1, 10, 1e-8].map((step) => grid(step).decimals)).toEqual([3, 2, 4, 0, 0, 8]);
  });

  it('turns whole lots back into clean numbers', () => {
    expect(fromSteps(3, grid(0.1))).toBe(0.3);
    expect(fromSteps(123_456_789, grid(1e-8))).toBe(1.23456789);
  });

  it('accepts float noise on the grid and refuses real remainders', () => {
    expect(isOnGrid(0.1 + 0.2, 0.1)).toBe(true);
    expect(isOnGrid(30_000.01, 0.01)).toBe(true);
    expect(isOnGrid(123_456.78901234, 1e-8)).toBe(true);
    expect(isOnGrid(0.125, 0.01)).toBe(false);
    expect(isOnGrid(99.25, 0.5)).toBe(false);
  });

  it('counts only whole lots in a book level or print', () => {
    expect(stepsWithin(0.129, 0.01)).toBe(12);
    expect(stepsWithin(0.3, 0.1)).toBe(3);
    expect(toSteps(0.1 + 0.2, 0.1)).toBe(3);
  });
});
