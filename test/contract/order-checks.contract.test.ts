// Orders as a trader sends them through the public contract, checked against what the order would
// really do at the book: each case here got through before the desk measured orders at their fill price.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BookLevel } from '../../src/shared/market.ts';
import { openContractDesk, type ContractDesk } from '../support/contract-desk.ts';

let desk: ContractDesk;
beforeEach(async () => {
  desk = await openContractDesk();
});
afterEach(async () => {
  await desk.close();
});

/** Five levels a cent apart either side of `mid`, each `size` deep. */
function levels(from: number, step: number, size: number): BookLevel[] {
  return [0, 1, 2, 3, 4].map((i) => [Number((from + i * step).toFixed(2)), size]);
}

function solBookAt150(): void {
  desk.book('SOL/USDT', levels(149.99, -0.01, 500), levels(150.01, 0.01, 500));
  desk.book('BTC/USDT', levels(59_999.99, -0.01, 5), levels(60_000.01, 0.01, 5));
}

describe('orders measured at the price they can fill at', () => {
  it('refuses a buy limit far above the book by the position limit, measured at the asks it would take', async () => {
    await desk.ok('settings.update', { startingCapital: 10_000, riskLimits: { maxPositionValue: 1_000 } });
    solBookAt150();
    // 60 SOL at about 150.01 is worth about 9,001: over the 1,000 limit. At its 10,000 limit it would be
    // measured at 600,000; at 0.01 (the old reading of a crossing sell) at 0.60.
    const result = await desk.call('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 60, price: 10_000 });
    expect(!result.ok && result.error.code).toBe('MAX_POSITION_SIZE');
    expect(!result.ok && result.error.message).toMatch(/worth 9,000\.\d+ USDT, over the 1,000 USDT limit/);
    expect((await desk.snapshot()).positions).toEqual([]);
  });

  it('measures a crossing sell limit at the bids it takes, not at its limit', async () => {
    await desk.ok('settings.update', { riskLimits: { maxPositionValue: 1_000, riskPerTrade: 1, noDuplicatePosition: false } });
    solBookAt150();
    await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 6 });
    // Selling 5 of the 6 SOL held reduces the position and passes whatever its limit; selling into a short is
    // not possible on spot at all.
    const short = await desk.call('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 60, price: 0.01 });
    expect(!short.ok && short.error.code).toBe('INSUFFICIENT_BALANCE');
    expect(!short.ok && short.error.message).toMatch(/spot market: you can sell only the SOL you hold, 5\.997 free, not 60/);
    const reducing = await desk.ok('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 5, price: 0.01 });
    expect(reducing).toMatchObject({ status: 'filled', avgFillPrice: 149.99 });
  });

  it('measures risk per trade to the stop from the price the order fills at', async () => {
    await desk.ok('settings.update', { startingCapital: 100_000, riskLimits: { maxPositionValue: 1e9, maxGrossExposure: 10, riskPerTrade: 0.0105 } });
    desk.book('SOL/USDT', [[149.99, 500]], [[150.01, 10], [151, 500]]);
    // 100 SOL fill at (10 × 150.01 + 90 × 151) / 100 = 150.901: 1,090.1 at risk to a stop at 140, over the
    // 1,050 allowed. Measured at the 150.01 touch it would have looked like 1,001 and passed.
    const result = await desk.call('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 100, stopLoss: { triggerPrice: 140 } });
    expect(!result.ok && result.error).toMatchObject({ code: 'RISK_PER_TRADE', message: expect.stringMatching(/^Order risks 1,090.1 USDT to its stop at 140, over the 1,050 USDT allowed/) });
  });
});

describe('orders the venue would refuse', () => {
  beforeEach(() => solBookAt150());

  it('refuses a size off the lot grid with a sentence naming the lot and the sizes either side, never rounding it up', async () => {
    const result = await desk.call('order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.000156 });
    expect(!result.ok && result.error).toEqual({
      code: 'INVALID_ORDER',
      message: 'Size 0.000156 is not a multiple of the BTC/USDT lot size 0.00001; use 0.00015 or 0.00016.',
    });
    const tiny = await desk.call('order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.000001 });
    expect(!tiny.ok && tiny.error.message).toBe('Size 0.000001 is not a multiple of the BTC/USDT lot size 0.00001; use 0.00001.');
    expect((await desk.snapshot()).orderHistory).toEqual([]);
  });

  it('refuses a size below the minimum, a value below the minimum order value and a price off the tick as denials', async () => {
    const small = await desk.call('order.place', { symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.00005 });
    expect(!small.ok && small.error).toEqual({ code: 'INVALID_ORDER', message: 'Size 0.00005 is below the BTC/USDT minimum of 0.0001.' });
    const cheap = await desk.call('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.02 });
    expect(!cheap.ok && cheap.error).toEqual({ code: 'INVALID_ORDER', message: 'Order value 3 USDT is below the SOL/USDT minimum order value of 5 USDT.' });
    const offTick = await desk.call('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 1, price: 149.995 });
    expect(!offTick.ok && offTick.error).toEqual({ code: 'INVALID_ORDER', message: 'Price 149.995 is not a multiple of the SOL/USDT tick size 0.01.' });
    expect((await desk.snapshot()).orderHistory).toEqual([]);
  });

  it('refuses a stop on the wrong side of the entry instead of counting it as no risk', async () => {
    const buy = await desk.call('order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1, stopLoss: { triggerPrice: 151 } });
    expect(!buy.ok && buy.error).toEqual({
      code: 'INVALID_ORDER',
      message: "A buy's stop must be below its entry: the stop at 151 is not below the 150.01 the order would fill at.",
    });
    const sell = await desk.call('order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 1, price: 160, stopLoss: { triggerPrice: 160 } });
    expect(!sell.ok && sell.error.message).toBe("A sell's stop must be above its entry: the stop at 160 is not above the 160 the order would fill at.");
  });
});
