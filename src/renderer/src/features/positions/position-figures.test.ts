import { describe, expect, it } from 'vitest';
import type { Position } from '../../../../shared/trading.ts';
import { formatSignedPercent } from '../../format/number.ts';
import { pnlPercent } from './position-figures.ts';

const position = (size: number, avgPrice: number, unrealizedPnl: number): Position => ({
  symbol: 'BTC/USDT',
  size,
  avgPrice,
  markPrice: avgPrice,
  realizedPnl: 0,
  unrealizedPnl,
  fees: 0,
  dust: false,
  importedAtMark: false,
});

describe('position PnL percent', () => {
  it('measures unrealized PnL against what the position cost, for longs and shorts alike', () => {
    expect(pnlPercent(position(0.5, 60_000, 600))).toBeCloseTo(0.02, 12); // 600 on 30,000
    expect(pnlPercent(position(-2, 3_000, -120))).toBeCloseTo(-0.02, 12); // a short losing 120 on 6,000
    expect(formatSignedPercent(pnlPercent(position(0.5, 60_000, 600)))).toBe('+2.00%');
    expect(formatSignedPercent(pnlPercent(position(-2, 3_000, -120)))).toBe('-2.00%');
  });

  it('has no percent without a cost', () => {
    expect(pnlPercent(position(1, 0, 5))).toBeNull();
    expect(formatSignedPercent(null)).toBe('—');
    expect(formatSignedPercent(-0.000001)).toBe('0.00%');
    expect(formatSignedPercent(0.000001)).toBe('0.00%');
  });
});
