import { describe, expect, it } from 'vitest';
import { formatAmount, formatPercent, formatQuantity } from './format.ts';

describe('risk message formatting', () => {
  it('writes amounts with thousands separators and at most two decimals', () => {
    expect(formatAmount(31_250)).toBe('31,250');
    expect(formatAmount(25_004.999999999996)).toBe('25,005');
    expect(formatAmount(1_000.4)).toBe('1,000.4');
    expect(formatAmount(0)).toBe('0');
  });

  it('keeps four significant digits for prices below one', () => {
    expect(formatAmount(0.000123456)).toBe('0.0001235');
  });

  it('keeps up to eight decimals for sizes', () => {
    expect(formatQuantity(0.00125)).toBe('0.00125');
    expect(formatQuantity(0.30000000000000004)).toBe('0.3');
  });

  it('writes fractions as percentages', () => {
    expect(formatPercent(0.05)).toBe('5%');
    expect(formatPercent(0.051234)).toBe('5.12%');
  });
});
