import { describe, expect, it } from 'vitest';
import type { Fill, Side } from '../../../shared/trading.ts';
import { Portfolio } from './portfolio.ts';

let tradeSeq = 0;
function fill(symbol: string, side: Side, size: number, price: number, fee = 0): Fill {
  tradeSeq += 1;
  return {
    orderId: `o${tradeSeq}`,
    clientOrderId: `c${tradeSeq}`,
    tradeId: `t${tradeSeq}`,
    symbol,
    side,
    price,
    size,
    fee,
    feeAsset: symbol.split('/')[1]!,
    feeAmount: fee,
    liquidity: 'taker',
    ts: 1_700_000_000_000 + tradeSeq,
  };
}

function expectEquityIdentity(p: Portfolio): void {
  expect(p.equity).toBeCloseTo(p.startingCapital + p.realizedPnl + p.unrealizedPnl - p.feesPaid, 9);
}

describe('Portfolio', () => {
  it('starts with all capital in cash and nothing open', () => {
    const p = new Portfolio(100_000);
    expect(p.cash).toBe(100_000);
    expect(p.equity).toBe(100_000);
    expect(p.positions()).toEqual([]);
    expect(p.position('BTC/USDT')).toBeNull();
    expect(p.grossExposure()).toBe(0);
  });

  it('pays price times size plus the fee for a buy and marks the long', () => {
    const p = new Portfolio(100_000);
    p.applyFill(fill('BTC/USDT', 'buy', 1, 50_000, 50));
    expect(p.cash).toBe(49_950);
    expect(p.position('BTC/USDT')).toEqual({
      symbol: 'BTC/USDT',
      size: 1,
      avgPrice: 50_000,
      markPrice: 50_000,
      realizedPnl: 0,
      unrealizedPnl: 0,
      fees: 50,
      dust: false,
      importedAtMark: false,
    });
    p.mark('BTC/USDT', 52_000);
    expect(p.unrealizedPnl).toBe(2_000);
    expect(p.equity).toBe(101_950);
    expect(p.grossExposure()).toBe(52_000);
    expectEquityIdentity(p);
  });

  it('averages the entry price when adding and realizes PnL on a partial close', () => {
    const p = new Portfolio(100_000);
    p.applyFill(fill('BTC/USDT', 'buy', 1, 50_000, 50));
    p.applyFill(fill('BTC/USDT', 'buy', 1, 54_000, 54));
    expect(p.position('BTC/USDT')?.avgPrice).toBe(52_000);
    expect(p.cash).toBe(-4_104);

    p.applyFill(fill('BTC/USDT', 'sell', 0.5, 56_000, 28));
    p.mark('BTC/USDT', 56_000);
    const pos = p.position('BTC/USDT');
    expect(pos?.size).toBe(1.5);
    expect(pos?.avgPrice).toBe(52_000);
    expect(p.realizedPnl).toBe(2_000);
    expect(p.unrealizedPnl).toBe(6_000);
    expect(p.feesPaid).toBe(132);
    expect(p.cash).toBe(23_868);
    expect(p.equity).toBe(107_868);
    expectEquityIdentity(p);
  });

  it('receives the proceeds of a short sale and realizes a profit when buying back lower', () => {
    const p = new Portfolio(100_000);
    p.applyFill(fill('ETH/USDT', 'sell', 2, 3_000, 6));
    expect(p.cash).toBe(105_994);
    p.mark('ETH/USDT', 2_800);
    expect(p.position('ETH/USDT')?.size).toBe(-2);
    expect(p.unrealizedPnl).toBe(400);
    expect(p.equity).toBe(100_394);
    expect(p.grossExposure()).toBe(5_600);

    p.applyFill(fill('ETH/USDT', 'buy', 1, 2_700, 2.7));
    expect(p.realizedPnl).toBe(300);
    expect(p.cash).toBeCloseTo(103_291.3, 9);
    expect(p.position('ETH/USDT')?.size).toBe(-1);
    expect(p.position('ETH/USDT')?.avgPrice).toBe(3_000);
    expectEquityIdentity(p);
  });

  it('closes then opens the remainder at the fill price when a fill flips the position', () => {
    const p = new Portfolio(100_000);
    p.applyFill(fill('SOL/USDT', 'buy', 1, 100));
    p.applyFill(fill('SOL/USDT', 'sell', 3, 110));
    const pos = p.position('SOL/USDT');
    expect(pos?.size).toBe(-2);
    expect(pos?.avgPrice).toBe(110);
    expect(p.realizedPnl).toBe(10);
    expect(p.cash).toBe(100_230);
    p.mark('SOL/USDT', 105);
    expect(p.unrealizedPnl).toBe(10);
    expect(p.equity).toBe(100_020);
    expectEquityIdentity(p);
  });

  it('leaves a closed position at exactly zero with its realized PnL and fees kept', () => {
    const p = new Portfolio(1_000);
    p.applyFill(fill('SOL/USDT', 'buy', 0.1, 100, 0.01));
    p.applyFill(fill('SOL/USDT', 'buy', 0.1, 100, 0.01));
    p.applyFill(fill('SOL/USDT', 'buy', 0.1, 100, 0.01));
    p.applyFill(fill('SOL/USDT', 'sell', 0.3, 110, 0.03));
    const pos = p.position('SOL/USDT');
    expect(pos?.size).toBe(0);
    expect(pos?.avgPrice).toBe(0);
    expect(pos?.unrealizedPnl).toBe(0);
    expect(pos?.realizedPnl).toBeCloseTo(3, 9);
    expect(pos?.fees).toBeCloseTo(0.06, 12);
    expect(p.positions()).toEqual([]);
    expect(p.grossExposure()).toBe(0);
    expect(p.equity).toBeCloseTo(1_002.94, 9);
    expectEquityIdentity(p);
  });

  it('pays the fee from cash on sells as well as buys', () => {
    const p = new Portfolio(10_000);
    p.applyFill(fill('ETH/USDT', 'buy', 1, 2_000, 2));
    p.applyFill(fill('ETH/USDT', 'sell', 1, 2_000, 2));
    expect(p.cash).toBe(9_996);
    expect(p.feesPaid).toBe(4);
    expect(p.realizedPnl).toBe(0);
  });

  it('does not move cash when a price is marked', () => {
    const p = new Portfolio(10_000);
    p.applyFill(fill('ETH/USDT', 'buy', 2, 2_000));
    p.mark('ETH/USDT', 2_500);
    p.mark('BTC/USDT', 60_000);
    expect(p.cash).toBe(6_000);
    expect(p.equity).toBe(11_000);
    expect(p.position('BTC/USDT')).toBeNull();
  });

  it('returns copies of positions that do not change the portfolio when edited', () => {
    const p = new Portfolio(10_000);
    p.applyFill(fill('ETH/USDT', 'buy', 2, 2_000));
    const [copy] = p.positions();
    copy.size = 99;
    expect(p.positionSize('ETH/USDT')).toBe(2);
  });

  it('reports the largest single position value across symbols', () => {
    const p = new Portfolio(100_000);
    p.applyFill(fill('ETH/USDT', 'sell', 3, 2_000));
    p.applyFill(fill('BTC/USDT', 'buy', 0.1, 50_000));
    expect(p.largestPositionValue()).toBe(6_000);
    expect(p.grossExposure()).toBe(11_000);
  });

  it('rejects a fill with a non-positive size or price', () => {
    const p = new Portfolio(10_000);
    expect(() => p.applyFill(fill('ETH/USDT', 'buy', 0, 2_000))).toThrow(RangeError);
    expect(() => p.applyFill(fill('ETH/USDT', 'buy', 1, Number.NaN))).toThrow(RangeError);
    expect(() => p.mark('ETH/USDT', 0)).toThrow(RangeError);
    expect(p.cash).toBe(10_000);
  });

  it('takes in coins that no fill explains at the mark, as capital rather than profit, and lets coins go at their average price', () => {
    const p = new Portfolio(10_000);
    p.applyFill(fill('BTC/USDT', 'buy', 0.1, 50_000, 0));
    p.mark('BTC/USDT', 60_000);
    const equityBefore = p.equity; // 5,000 cash + 0.1 × 60,000
    expect(p.adjustPosition('BTC/USDT', 0.4, 60_000)).toBe(24_000);
    expect(p.equity).toBe(equityBefore + 24_000);
    expect(p.startingCapital).toBe(34_000);
    expect(p.position('BTC/USDT')).toMatchObject({ size: 0.5, avgPrice: (0.1 * 50_000 + 0.4 * 60_000) / 0.5, importedAtMark: true });
    expectEquityIdentity(p);
    p.adjustPosition('BTC/USDT', -0.2, 60_000);
    expect(p.position('BTC/USDT')?.size).toBeCloseTo(0.3, 12);
    expect(p.realizedPnl).toBe(0);
    expectEquityIdentity(p);
    expect(p.adjustCash(-1_000)).toBe(-1_000);
    expect(p.cash).toBe(4_000);
    expectEquityIdentity(p);
  });

  it('shrinks a position by a fee taken in its base asset, as if that much were sold at the fill price', () => {
    const p = new Portfolio(100_000);
    p.applyFill({ ...fill('BTC/USDT', 'buy', 0.01, 60_000, 0.6), feeAsset: 'BTC', feeAmount: 0.00001 });
    expect(p.cash).toBe(99_400);
    expect(p.position('BTC/USDT')).toMatchObject({ size: 0.00999, avgPrice: 60_000, fees: 0.6 });
    p.mark('BTC/USDT', 61_000);
    expectEquityIdentity(p);
    p.applyFill({ ...fill('BTC/USDT', 'sell', 0.00999, 61_000, 0.60939) });
    expect(p.positions()).toEqual([]);
    expect(p.realizedPnl).toBeCloseTo(0.00999 * 1_000, 9);
    expectEquityIdentity(p);
  });

  it('leaves cash and the position alone for a fee paid in another asset', () => {
    const p = new Portfolio(100_000);
    p.applyFill({ ...fill('BTC/USDT', 'buy', 0.01, 60_000, 0.45), feeAsset: 'BNB', feeAmount: 0.0008 });
    expect(p.cash).toBe(99_400);
    expect(p.position('BTC/USDT')?.size).toBe(0.01);
    expect(p.feesPaid).toBe(0);
  });
});
