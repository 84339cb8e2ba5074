import { describe, expect, it } from 'vitest';
import {
  decimalsForStep,
  direction,
  formatBps,
  formatMoney,
  formatPercent,
  formatPrice,
  formatSignedMoney,
  formatHolding,
  formatSize,
  roundToStep,
} from './number.ts';

describe('decimalsForStep', () => {
  it('counts the decimals a step needs', () => {
    expect(decimalsForStep(0.01)).toBe(2);
    expect(decimalsForStep(0.5)).toBe(1);
    expect(decimalsForStep(1)).toBe(0);
    expect(decimalsForStep(10)).toBe(0);
  });

  it('reads steps that JavaScript prints in exponent form', () => {
    expect(decimalsForStep(1e-8)).toBe(8);
    expect(decimalsForStep(2.5e-7)).toBe(8);
  });

  it('falls back to two decimals for a step that is not positive', () => {
    expect(decimalsForStep(0)).toBe(2);
    expect(decimalsForStep(Number.NaN)).toBe(2);
  });
});

describe('roundToStep', () => {
  it('rounds to the nearest multiple without float noise', () => {
    expect(roundToStep(100.3, 0.5)).toBe(100.5);
    expect(roundToStep(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(roundToStep(1.005, 0.01)).toBe(1.01);
  });
});

describe('formatPrice', () => {
  it('shows a price to the tick with thousands separators', () => {
    expect(formatPrice(65123.456, 0.01)).toBe('65,123.46');
    expect(formatPrice(65123, 0.01)).toBe('65,123.00');
  });

  it('rounds to a tick that is not a power of ten', () => {
    expect(formatPrice(100.3, 0.5)).toBe('100.5');
  });

  it('shows a dash for a missing or non-finite price', () => {
    expect(formatPrice(null, 0.01)).toBe('—');
    expect(formatPrice(undefined, 0.01)).toBe('—');
    expect(formatPrice(Number.POSITIVE_INFINITY, 0.01)).toBe('—');
  });
});

describe('formatHolding', () => {
  it('shows a holding off the lot grid exactly, never rounded up to the lot', () => {
    expect(formatHolding(0.009995, 0.00001)).toBe('0.009995');
    expect(formatHolding(0.01, 0.00001)).toBe('0.01000');
    expect(formatHolding(1.49925, 0.001)).toBe('1.49925');
    expect(formatHolding(0.0000999, 0.00001)).toBe('0.0000999');
  });
});

describe('formatSize', () => {
  it('shows a size to the lot', () => {
    expect(formatSize(0.123456, 0.001)).toBe('0.123');
    expect(formatSize(2, 0.00001)).toBe('2.00000');
    expect(formatSize(1500, 1)).toBe('1,500');
  });
});

describe('formatMoney', () => {
  it('shows money with separators and two decimals', () => {
    expect(formatMoney(1234567.891)).toBe('1,234,567.89');
    expect(formatMoney(-42.5)).toBe('-42.50');
  });

  it('never shows negative zero', () => {
    expect(formatMoney(-0.001)).toBe('0.00');
  });
});

describe('formatSignedMoney', () => {
  it('puts a plus sign on gains only', () => {
    expect(formatSignedMoney(12.345)).toBe('+12.35');
    expect(formatSignedMoney(-12.345)).toBe('-12.35');
    expect(formatSignedMoney(0.001)).toBe('0.00');
  });
});

describe('formatPercent and formatBps', () => {
  it('shows a fraction as a percentage', () => {
    expect(formatPercent(0.0525)).toBe('5.25%');
    expect(formatPercent(0.5, 0)).toBe('50%');
  });

  it('shows basis points with one decimal', () => {
    expect(formatBps(2.345)).toBe('2.3 bps');
  });
});

describe('direction', () => {
  it('tells gains, losses and amounts that round to zero apart', () => {
    expect(direction(1)).toBe('up');
    expect(direction(-1)).toBe('down');
    expect(direction(0.004)).toBe('flat');
    expect(direction(null)).toBe('flat');
  });
});
