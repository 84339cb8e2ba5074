import { describe, expect, it } from 'vitest';
import { fromSteps, grid, isOnGrid, offLotProblem, roundDownToLot, stepsWithin, toSteps } from './quantity.ts';

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

describe('rounding to the lot', () => {
  it('rounds down to the lot, never past what was asked, for lots that are not powers of ten', () => {
    expect(roundDownToLot(0.25, 0.25)).toBe(0.25);
    expect(roundDownToLot(0.75, 0.25)).toBe(0.75);
    expect(roundDownToLot(0.8, 0.25)).toBe(0.75);
    expect(roundDownToLot(0.000156, 0.00001)).toBe(0.00015);
    expect(roundDownToLot(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(roundDownToLot(0.000001, 0.00001)).toBe(0);
  });

  it('names the lot and the sizes either side of an off-lot size', () => {
    expect(offLotProblem(0.000156, 0.00001, 'BTC/USDT')).toBe('Size 0.000156 is not a multiple of the BTC/USDT lot size 0.00001; use 0.00015 or 0.00016.');
    expect(offLotProblem(0.000001, 0.00001, 'BTC/USDT')).toBe('Size 0.000001 is not a multiple of the BTC/USDT lot size 0.00001; use 0.00001.');
    expect(offLotProblem(0.75, 0.25, 'X/USDT')).toBeNull();
  });
});
