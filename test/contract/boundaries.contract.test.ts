// Every order rule at its exact threshold, measured at the price the order fills at: an order exactly at
// a limit passes and one lot more is refused. The book is chosen so that the touch alone would measure
// the order too low: 10 SOL at 100, then 100 SOL at 101, so 20 SOL fill at (1,000 + 1,010) / 20 = 100.5.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RiskLimits } from '../../src/shared/risk.ts';
import { openContractDesk, type ContractDesk } from '../support/contract-desk.ts';
import { LOOSE_LIMITS } from '../support/loose-limits.ts';

let desk: ContractDesk;
beforeEach(async () => {
  desk = await openContractDesk();
});
afterEach(async () => {
  await desk.close();
});

async function setUp(startingCapital: number, limits: Partial<RiskLimits>): Promise<void> {
  await desk.ok('settings.update', { startingCapital, riskLimits: { ...LOOSE_LIMITS, ...limits } });
  desk.advance(100);
  desk.book('SOL/USDT', [[99.9, 500]], [[100, 10], [101, 100]]);
  desk.book('BTC/USDT', [[59_999.99, 5]], [[60_000.01, 5]]);
}

async function codeOf(size: number, extra: { stopLoss?: { triggerPrice: number } } = {}): Promise<string> {
  const result = await desk.call('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size, ...extra });
  return result.ok ? 'accepted' : result.error.code;
}

describe('each rule at its exact threshold, at the fill price', () => {
  it('MAX_POSITION_SIZE: a position worth exactly the limit at its fill price passes, one lot more does not', async () => {
    await setUp(100_000, { maxPositionValue: 2_010 });
    // Measured at the 100 touch, 20.001 SOL would look like 2,000.1 and pass.
    expect(await codeOf(20.001)).toBe('MAX_POSITION_SIZE');
    expect(await codeOf(20)).toBe('accepted');
  });

  it('INSUFFICIENT_CAPITAL: gross exposure of exactly the allowed multiple of equity passes, one lot more does not', async () => {
    await setUp(100_000, { maxGrossExposure: 0.0201 }); // 2,010 allowed
    expect(await codeOf(20.001)).toBe('INSUFFICIENT_CAPITAL');
    expect(await codeOf(20)).toBe('accepted');
  });

  it('RISK_PER_TRADE: exactly the allowed loss to the stop passes, one lot more does not', async () => {
    await setUp(100_000, { riskPerTrade: 0.0021 }); // 210 allowed; 20 × (100.5 − 90) = 210
    expect(await codeOf(20.001, { stopLoss: { triggerPrice: 90 } })).toBe('RISK_PER_TRADE');
    expect(await codeOf(20, { stopLoss: { triggerPrice: 90 } })).toBe('accepted');
  });

  it('RISK_PER_TRADE without a stop: exactly the default stop distance at the fill price passes', async () => {
    await setUp(100_000, { riskPerTrade: 0.000402 }); // 40.2 allowed; 20 × 100.5 × 2% = 40.2
    expect(await codeOf(20.001)).toBe('RISK_PER_TRADE');
    expect(await codeOf(20)).toBe('accepted');
  });

  it('INSUFFICIENT_BALANCE: a buy costing exactly the free cash passes, one lot more does not', async () => {
    await setUp(2_010, {});
    expect(await codeOf(20.001)).toBe('INSUFFICIENT_BALANCE');
    expect(await codeOf(20)).toBe('accepted');
    expect((await desk.snapshot()).account.cash).toBeCloseTo(0, 9);
  });

  it('INSUFFICIENT_BALANCE: a sell of exactly what is held passes, one lot more does not', async () => {
    await setUp(100_000, {});
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 20 }); // holds 20 × 0.9995 = 19.99
    const sell = (size: number) => desk.call('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'market', size });
    const over = await sell(19.991);
    expect(!over.ok && over.error.code).toBe('INSUFFICIENT_BALANCE');
    expect((await sell(19.99)).ok).toBe(true);
  });

  it('the minimum order value: exactly 5 USDT at the fill price passes, one lot less does not', async () => {
    await setUp(100_000, {});
    expect(await codeOf(0.049)).toBe('INVALID_ORDER'); // 4.9
    expect(await codeOf(0.05)).toBe('accepted'); // 5
  });

  it('the stop: one tick below the fill price passes, at it is refused', async () => {
    await setUp(100_000, {});
    expect(await codeOf(20, { stopLoss: { triggerPrice: 100.5 } })).toBe('INVALID_ORDER');
    expect(await codeOf(20, { stopLoss: { triggerPrice: 100.49 } })).toBe('accepted');
  });

  it('STALE_FEED: market data exactly staleFeedMs old passes, a millisecond older does not', async () => {
    await setUp(100_000, { staleFeedMs: 5_000 });
    // The clock moves with the other symbol's data; SOL's last book stays where it was.
    desk.advance(5_000);
    desk.book('BTC/USDT', [[59_999.99, 5]], [[60_000.01, 5]]);
    expect(await codeOf(1)).toBe('accepted');
    desk.advance(1);
    desk.book('BTC/USDT', [[59_999.99, 5]], [[60_000.01, 5]]);
    expect(await codeOf(1)).toBe('STALE_FEED');
  });

  it('DUPLICATE_POSITION: a holding of at least the minimum order counts as a position, dust below it does not', async () => {
    await setUp(100_000, { noDuplicatePosition: true });
    desk.book('SOL/USDT', [[1_000, 500]], [[1_000, 500]]); // at 1,000 the 0.01 SOL minimum size, not the 5 USDT value, decides
    const buy = (size: number) => desk.call('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size });
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.06 }); // holds 0.06 × 0.9995 = 0.05997
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 0.049 }); // 0.01097: 0.010 can be sold
    expect((await desk.snapshot()).positions[0]).toMatchObject({ dust: false });
    const duplicate = await buy(0.01);
    expect(!duplicate.ok && duplicate.error.code).toBe('DUPLICATE_POSITION');

    await desk.ok('settings.update', { riskLimits: { noDuplicatePosition: false } });
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.04 }); // 0.01097 + 0.03998 = 0.05095
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 0.041 }); // 0.00995: below 0.01, dust
    await desk.ok('settings.update', { riskLimits: { noDuplicatePosition: true } });
    expect((await desk.snapshot()).positions[0]).toMatchObject({ dust: true });
    expect((await buy(0.01)).ok).toBe(true);
  });
});
