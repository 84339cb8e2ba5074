// The reference model on small examples worked out by hand: each expected number is derived in the
// comment beside it, never by asking the model.
import { describe, expect, it } from 'vitest';
import type { SymbolInfo } from '../../src/shared/market.ts';
import type { RiskLimits } from '../../src/shared/risk.ts';
import { SpotAccountModel, type ModelOptions, type PlaceOutcome } from './spot-account-model.ts';
import { LOOSE_LIMITS } from '../support/loose-limits.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

// Round fees make the arithmetic easy: taker 0.1%, maker 0.05%.
const BTC: SymbolInfo = {
  symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', market: 'spot',
  tickSize: 0.01, lotSize: 0.00001, minSize: 0.0001, minNotional: 5, makerFee: 0.0005, takerFee: 0.001,
};
const SOL: SymbolInfo = {
  symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', market: 'spot',
  tickSize: 0.01, lotSize: 0.001, minSize: 0.01, minNotional: 5, makerFee: 0.0005, takerFee: 0.001,
};
const ETH_MARGIN: SymbolInfo = {
  symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', market: 'margin',
  tickSize: 0.01, lotSize: 0.0001, minSize: 0.001, minNotional: 5, makerFee: 0.0005, takerFee: 0.001,
};

const LOOSE = LOOSE_LIMITS;

function model(options: Partial<Omit<ModelOptions, 'riskLimits'>> & { riskLimits?: Partial<RiskLimits> } = {}): SpotAccountModel {
  return new SpotAccountModel({
    symbols: options.symbols ?? [BTC, SOL],
    startingCapital: options.startingCapital ?? 100_000,
    riskLimits: { ...LOOSE, ...options.riskLimits },
    now: options.now ?? T0,
  });
}

/** Relative 1e-9, as the spec compares sizes and prices. */
function near(actual: number | undefined, expected: number): void {
  expect(actual).toBeDefined();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

function accepted(outcome: PlaceOutcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.code} ${outcome.reason}`);
  return outcome.order;
}
function refusedWith(outcome: PlaceOutcome | { ok: boolean; code?: string }): string | undefined {
  return outcome.ok ? undefined : (outcome as { code: string }).code;
}

describe('the spot account', () => {
  it("charges a buy's fee in the base asset it receives", () => {
    const m = model();
    m.book('BTC/USDT', [[59_990, 1]], [[60_000, 1]], T0);
    const order = accepted(m.placeOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.01 }));
    expect(order.status).toBe('filled');
    const fill = order.fills[0];
    expect(fill.feeAsset).toBe('BTC');
    near(fill.feeAmount, 0.00001); // 0.01 × 0.1% = 0.00001 BTC
    near(fill.fee, 0.6); // valued at the fill price: 0.00001 × 60,000 = 0.6 USDT
    expect(fill.liquidity).toBe('taker');
    near(m.position('BTC/USDT')?.size, 0.00999); // 0.01 − 0.00001
    near(m.cash(), 99_400); // 100,000 − 0.01 × 60,000; no quote fee on a buy
    near(m.feesPaid(), 0.6);
    near(m.position('BTC/USDT')?.avgPrice, 60_000);
    near(m.realizedPnl(), 0); // the fee leaves at the fill price, which is the average: (60,000 − 60,000) × 0.00001
    // mark = (59,990 + 60,000) / 2 = 59,995; equity = 99,400 + 0.00999 × 59,995 = 99,400 + 599.35005
    near(m.equity(), 99_999.35005);
  });

  it("charges a sell's fee in the quote it receives and realizes against the average price", () => {
    const m = model();
    m.book('BTC/USDT', [[59_990, 1]], [[60_000, 1]], T0);
    accepted(m.placeOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.01 })); // holds 0.00999
    const sell = accepted(m.placeOrder({ symbol: 'BTC/USDT', side: 'sell', type: 'market', size: 0.00999 }));
    const fill = sell.fills[0];
    expect(fill.feeAsset).toBe('USDT');
    near(fill.price, 59_990);
    near(fill.feeAmount, 0.5993001); // 0.00999 × 59,990 = 599.3001; × 0.1% = 0.5993001
    // cash = 99,400 + 599.3001 − 0.5993001 = 99,998.7007999
    near(m.cash(), 99_998.7007999);
    near(m.position('BTC/USDT')?.size, 0); // 0.00999 − 0.00999
    near(m.realizedPnl(), -0.0999); // (59,990 − 60,000) × 0.00999
    near(m.feesPaid(), 1.1993001); // 0.6 + 0.5993001
    near(m.equity(), 99_998.7007999); // flat: equity is the cash
  });

  it('keeps equity equal to starting capital plus realized plus unrealized minus fees', () => {
    const m = model();
    m.book('SOL/USDT', [[149.9, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 2 }));
    m.book('SOL/USDT', [[155, 100]], [[155.2, 100]], T0 + 1_000);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 1 }));
    // buy 2 @ 150: cash 100,000 − 300 = 99,700; fee 0.002 SOL (value 0.3); holds 1.998, avg 150.
    // sell 1 @ 155: cash + 155 − 0.155 = 99,854.845; realized (155 − 150) × 1 = 5; holds 0.998.
    // mark (155 + 155.2) / 2 = 155.1; unrealized 0.998 × 5.1 = 5.0898; fees 0.3 + 0.155 = 0.455.
    near(m.cash(), 99_854.845);
    near(m.realizedPnl(), 5);
    near(m.unrealizedPnl(), 5.0898);
    near(m.feesPaid(), 0.455);
    // equity = 99,854.845 + 0.998 × 155.1 = 99,854.845 + 154.7898 = 100,009.6348
    // = 100,000 + 5 + 5.0898 − 0.455
    near(m.equity(), 100_009.6348);
  });

  it("treats a buy's base fee as a sale at the fill price when averaging", () => {
    const m = model();
    m.book('SOL/USDT', [[99, 100]], [[100, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 })); // holds 0.999 @ 100
    m.book('SOL/USDT', [[199, 100]], [[200, 100]], T0 + 1_000);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }));
    // average after the second buy: (0.999 × 100 + 1 × 200) / 1.999 = 299.9 / 1.999
    near(m.position('SOL/USDT')?.avgPrice, 299.9 / 1.999);
    // its fee of 0.001 SOL leaves at 200: realized (200 − 299.9 / 1.999) × 0.001
    near(m.realizedPnl(), (200 - 299.9 / 1.999) * 0.001);
    near(m.position('SOL/USDT')?.size, 1.998); // 0.999 + 1 − 0.001
  });

  it('lists a position too small to sell as dust', () => {
    const m = model();
    m.book('BTC/USDT', [[59_990, 1]], [[60_000, 1]], T0);
    accepted(m.placeOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.015 }));
    // holds 0.015 − 0.000015 = 0.014985 BTC = 1,498.5 lots: only 1,498 lots (0.01498) can be sold
    expect(m.position('BTC/USDT')?.dust).toBe(false);
    accepted(m.placeOrder({ symbol: 'BTC/USDT', side: 'sell', type: 'market', size: 0.01498 }));
    near(m.position('BTC/USDT')?.size, 0.000005); // 0.014985 − 0.01498: half a lot, below minSize 0.0001
    expect(m.position('BTC/USDT')?.dust).toBe(true);
  });

  it('counts a position worth less than minNotional at the mark as dust', () => {
    const m = model();
    m.book('SOL/USDT', [[149.9, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.05 }));
    // holds 0.05 × 0.999 = 0.04995 SOL, of which 0.049 can be sold: ≥ minSize 0.01, and worth
    // 0.049 × 149.95 = 7.35 ≥ 5 at the mark: not dust
    expect(m.position('SOL/USDT')?.dust).toBe(false);
    m.book('SOL/USDT', [[79.9, 100]], [[80, 100]], T0 + 1_000);
    // worth 0.049 × 79.95 = 3.92 < 5: dust
    expect(m.position('SOL/USDT')?.dust).toBe(true);
  });

  it('values a position for dust by what can be sold, its size rounded down to the lot', () => {
    const m = model();
    m.book('SOL/USDT', [[153.54, 100]], [[153.87, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.033 })); // 0.033 × 153.87 = 5.08 ≥ 5
    near(m.position('SOL/USDT')?.size, 0.032967); // 0.033 × (1 − 0.001)
    // mark (153.54 + 153.87) / 2 = 153.705: the whole holding is worth 0.032967 × 153.705 = 5.067 ≥ 5,
    // but only 0.032 can be sold, worth 0.032 × 153.705 = 4.92 < 5: dust, and Close sends nothing
    expect(m.position('SOL/USDT')?.dust).toBe(true);
    expect(m.closePosition('SOL/USDT')).toEqual({ ok: true, order: null });
  });

  it('does not let a dust position block DUPLICATE_POSITION', () => {
    const m = model({ riskLimits: { noDuplicatePosition: true } });
    m.book('BTC/USDT', [[59_990, 1]], [[60_000, 1]], T0);
    accepted(m.placeOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.015 }));
    // a real long: a second buy is a duplicate
    expect(refusedWith(m.placeOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.001 }))).toBe('DUPLICATE_POSITION');
    accepted(m.placeOrder({ symbol: 'BTC/USDT', side: 'sell', type: 'market', size: 0.01498 })); // leaves 0.000005 of dust
    expect(m.position('BTC/USDT')?.dust).toBe(true);
    expect(m.placeOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.001 }).ok).toBe(true);
  });

  it('counts working buys as a position on that side for DUPLICATE_POSITION', () => {
    const m = model({ riskLimits: { noDuplicatePosition: true } });
    m.book('SOL/USDT', [[149.9, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 1, price: 140 })); // rests
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 1, price: 139 }))).toBe('DUPLICATE_POSITION');
  });

  it('keeps margin fees in the quote and can go short', () => {
    const m = model({ symbols: [ETH_MARGIN] });
    m.book('ETH/USDT', [[3_000, 10]], [[3_001, 10]], T0);
    const sell = accepted(m.placeOrder({ symbol: 'ETH/USDT', side: 'sell', type: 'market', size: 1 }));
    expect(sell.fills[0].feeAsset).toBe('USDT');
    near(sell.fills[0].feeAmount, 3); // 1 × 3,000 × 0.1%
    near(m.position('ETH/USDT')?.size, -1);
    near(m.cash(), 102_997); // 100,000 + 3,000 − 3
    const buy = accepted(m.placeOrder({ symbol: 'ETH/USDT', side: 'buy', type: 'market', size: 1 }));
    near(buy.fills[0].feeAmount, 3.001); // 1 × 3,001 × 0.1%, in USDT
    near(m.position('ETH/USDT')?.size, 0); // no base fee on margin
    near(m.realizedPnl(), -1); // short at 3,000 covered at 3,001
  });
});

describe('the paper matcher', () => {
  it('walks the book level by level and cancels what it cannot fill', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 1], [151, 2.0005]], T0);
    // asks offer 1,000 and 2,000 lots (2.0005 SOL rounds down to 2.000); a buy of 5 SOL takes 3
    const order = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 5 }));
    expect(order.fills.map((f) => [f.price, f.size])).toEqual([[150, 1], [151, 2]]);
    near(order.filled, 3);
    near(order.avgFillPrice, 452 / 3); // (150 × 1 + 151 × 2) / 3
    expect(order.status).toBe('cancelled');
    expect(m.openOrders()).toEqual([]);
  });

  it('does not give what one order took from a snapshot to the next, until a new snapshot', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 1], [151, 10]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 })); // takes all of 150
    const second = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }));
    expect(second.fills.map((f) => f.price)).toEqual([151]);
    m.book('SOL/USDT', [[149, 10]], [[150, 1], [151, 10]], T0 + 1_000);
    const third = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }));
    expect(third.fills.map((f) => f.price)).toEqual([150]);
  });

  it('takes a crossing limit up to its price and rests the rest at that price', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 1], [152, 10]], T0);
    const order = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 3, price: 151 }));
    near(order.filled, 1); // only the 150 level is at or below 151
    expect(order.status).toBe('partially_filled');
    expect(m.openOrders()).toEqual([{ id: order.id, symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 3, filled: 1, price: 151, held: null }]);
  });

  it('fills a resting order at its own price with the maker fee when a new book crosses it', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 10]], T0);
    const order = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 0.1, price: 149.5 }));
    expect(order.status).toBe('open');
    const fills = m.book('SOL/USDT', [[147, 10]], [[148, 10]], T0 + 1_000);
    expect(fills).toHaveLength(1);
    near(fills[0].price, 149.5); // its own price, not the ask of 148
    expect(fills[0].liquidity).toBe('maker');
    near(fills[0].feeAmount, 0.00005); // 0.1 × 0.05% in SOL
    near(m.position('SOL/USDT')?.size, 0.09995); // 0.1 − 0.00005
    near(m.cash(), 99_985.05); // 100,000 − 0.1 × 149.5
    expect(m.openOrders()).toEqual([]);
  });

  it('serves resting buys on a new book highest price first, then oldest', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 10]], T0);
    const older = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 0.1, price: 149 }));
    const higher = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 0.1, price: 149.2 }));
    const newer = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 0.1, price: 149 }));
    // 0.15 SOL offered at 148: 0.1 to the 149.2 buy, the last 0.05 to the older 149 buy
    const fills = m.book('SOL/USDT', [[147, 10]], [[148, 0.15]], T0 + 1_000);
    expect(fills.map((f) => [f.orderId, f.size])).toEqual([[higher.id, 0.1], [older.id, 0.05]]);
    expect(m.openOrders().map((o) => [o.id, o.filled])).toEqual([[older.id, 0.05], [newer.id, 0]]);
  });

  it("shares a print's lots among resting orders at or through its price", () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 10]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 })); // holds 0.999
    const a = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 0.3, price: 151 }));
    const b = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 0.3, price: 150.5 }));
    // a print of 0.4 SOL at 151: both sells are at or below it; the lower one (150.5) first
    expect(m.trade('SOL/USDT', 150.4, 5, 'buy', T0 + 500)).toEqual([]); // below both sells
    const fills = m.trade('SOL/USDT', 151, 0.4005, 'buy', T0 + 1_000); // 0.4005 rounds down to 0.400
    expect(fills.map((f) => [f.orderId, f.price, f.size])).toEqual([[b.id, 150.5, 0.3], [a.id, 151, 0.1]]);
    expect(fills.every((f) => f.liquidity === 'maker')).toBe(true);
  });

  it('releases a cancelled order at once', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 10]], T0);
    const order = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 0.1, price: 149.5 }));
    expect(m.cancel(order.id).ok).toBe(true);
    expect(m.book('SOL/USDT', [[147, 10]], [[148, 10]], T0 + 1_000)).toEqual([]);
    expect(m.cancel(order.id)).toEqual({ ok: false, code: 'NOT_FOUND' });
  });

  it('cancels what an IOC limit cannot take at once', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 1], [151, 1]], T0);
    const order = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 3, price: 150.5, timeInForce: 'IOC' }));
    // 1 @ 150 is within 150.5, 151 is not: the other 2 are cancelled rather than rested
    expect(order.fills.map((f) => [f.price, f.size])).toEqual([[150, 1]]);
    expect(order.status).toBe('cancelled');
    expect(m.openOrders()).toEqual([]);
  });

  it('fills an FOK only when the book can fill all of it at once, not counting what earlier orders took', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 1], [151, 1]], T0);
    const whole = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 2, price: 151, timeInForce: 'FOK' }));
    expect(whole.fills.map((f) => [f.price, f.size])).toEqual([[150, 1], [151, 1]]);
    expect(whole.status).toBe('filled');
    m.book('SOL/USDT', [[149, 10]], [[150, 1], [151, 1]], T0 + 1_000);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 })); // takes the 150 level
    // only the 1 @ 151 is left of this snapshot: nothing fills
    const none = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 2, price: 151, timeInForce: 'FOK' }));
    expect([none.status, none.filled, none.fills]).toEqual(['cancelled', 0, []]);
  });

  it('rejects a post-only limit that would take, and rests one that would not', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 10]], T0);
    const taking = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 1, price: 150, postOnly: true }));
    expect([taking.status, taking.fills]).toEqual(['rejected', []]);
    const resting = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 1, price: 149.5, postOnly: true }));
    expect(resting.status).toBe('open');
    expect(m.openOrders().map((o) => o.id)).toEqual([resting.id]);
  });
});

describe('the measured price', () => {
  it('measures a crossing sell limit at the book, not at its limit', () => {
    const m = model({ startingCapital: 10_000, riskLimits: { maxPositionValue: 1_000 } });
    m.book('SOL/USDT', [[150, 100]], [[150.1, 100]], T0);
    near(m.measuredPrice('SOL/USDT', 'sell', 60_000, 0.01) ?? NaN, 150); // 60 SOL all within the 150 bid
    // measured at 0.01 it would be worth 0.6 < minNotional 5 (INVALID_ORDER); at the book it is worth
    // 60 × 150 = 9,000, and the account holds no SOL to sell
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 60, price: 0.01 }))).toBe('INSUFFICIENT_BALANCE');
  });

  it('measures a buy limit far above the book at the book', () => {
    const m = model({ startingCapital: 10_000, riskLimits: { maxPositionValue: 1_000 } });
    m.book('SOL/USDT', [[149.9, 100]], [[150, 100]], T0);
    // measured at 150: 60 × 150 = 9,000 ≤ 10,000 cash (at 10,000 it would be 600,000: INSUFFICIENT_BALANCE),
    // but 9,000 > maxPositionValue 1,000
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 60, price: 10_000 }))).toBe('MAX_POSITION_SIZE');
  });

  it('prices what a limit cannot take from the book at the limit', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 10], [152, 10]], T0);
    // 10 @ 150, then 152 is above 151: the other 20 at 151 → (1,500 + 3,020) / 30
    near(m.measuredPrice('SOL/USDT', 'buy', 30_000, 151) ?? NaN, 4_520 / 30);
  });

  it('prices what a market order cannot take at the last level reached', () => {
    const m = model();
    m.book('SOL/USDT', [[150, 10], [149, 10]], [[151, 10]], T0);
    // 10 @ 150, 10 @ 149, and the last 10 at 149 → (1,500 + 1,490 + 1,490) / 30
    near(m.measuredPrice('SOL/USDT', 'sell', 30_000, undefined) ?? NaN, 4_480 / 30);
  });

  it("measures at the ticker's touch when the book has nothing on that side", () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 10]], T0); // ticker 149 / 150
    m.book('SOL/USDT', [[149, 10]], [], T0 + 100); // no asks, and no new ticker
    near(m.measuredPrice('SOL/USDT', 'buy', 1_000, undefined) ?? NaN, 150); // the ticker's ask
    near(m.measuredPrice('SOL/USDT', 'buy', 1_000, 140) ?? NaN, 140); // a limit at its limit
  });
});

describe('the refusal list', () => {
  it('refuses a malformed payload before anything else', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 10]], T0);
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1, price: 150 }))).toBe('INVALID_PAYLOAD');
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 1 }))).toBe('INVALID_PAYLOAD');
    expect(refusedWith(m.placeOrder({ symbol: 'NOPE/USDT', side: 'buy', type: 'market', size: 0 }))).toBe('INVALID_PAYLOAD');
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1, leverage: 5 }))).toBe('INVALID_PAYLOAD');
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 1, price: 2e12 }))).toBe('INVALID_PAYLOAD');
  });

  it('refuses the combinations of stops, exits, time in force and post-only that the contract forbids', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 10]], T0);
    const sol = { symbol: 'SOL/USDT', side: 'sell', size: 1 };
    const forbidden: Array<Record<string, unknown>> = [
      { ...sol, type: 'stop_market' }, // no trigger
      { ...sol, type: 'stop_market', triggerPrice: 140, price: 139 }, // a price on a market kind
      { ...sol, type: 'stop_limit', triggerPrice: 140 }, // a limit kind without a price
      { ...sol, type: 'limit', price: 151, triggerPrice: 140 }, // a trigger on a limit
      { ...sol, type: 'trailing_stop' }, // no trailing terms
      { ...sol, type: 'trailing_stop', trailing: { distance: 100, unit: 'percent' } }, // percent below 100
      { ...sol, type: 'stop_market', triggerPrice: 140, trailing: { distance: 1, unit: 'amount' } },
      { ...sol, type: 'market', timeInForce: 'IOC' }, // time in force on limits only
      { ...sol, type: 'limit', price: 151, timeInForce: 'IOC', postOnly: true }, // post-only on GTC only
      { ...sol, type: 'stop_market', triggerPrice: 140, stopLoss: { triggerPrice: 160 } }, // exits on an entry only
      { ...sol, type: 'market', reduceOnly: true, stopLoss: { triggerPrice: 160 } }, // not on a reduce-only one
      { ...sol, type: 'market', stopLoss: { triggerPrice: 160 }, trailingStop: { distance: 1, unit: 'amount' } },
      { ...sol, type: 'market', stopLoss: { triggerPrice: 160, size: 1 } }, // an unknown key in an exit
    ];
    for (const payload of forbidden) expect([payload, refusedWith(m.placeOrder(payload))]).toEqual([payload, 'INVALID_PAYLOAD']);
  });

  it('refuses an unknown symbol before checking the grid', () => {
    const m = model();
    expect(refusedWith(m.placeOrder({ symbol: 'NOPE/USDT', side: 'buy', type: 'market', size: 0.0000001 }))).toBe('UNKNOWN_SYMBOL');
  });

  it('refuses sizes off the lot, below the minimum and prices off the tick as INVALID_ORDER, even while halted', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 10]], [[150, 10]], T0);
    m.halt();
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.0105 }))).toBe('INVALID_ORDER'); // 10.5 lots
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.009 }))).toBe('INVALID_ORDER'); // < 0.01
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 1, price: 149.995 }))).toBe('INVALID_ORDER');
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }))).toBe('TRADING_HALTED');
  });

  it('refuses TRADING_HALTED before NO_PRICE, and NO_PRICE before the minimum value', () => {
    const m = model();
    m.halt();
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.01 }))).toBe('TRADING_HALTED');
    m.resume();
    // no book and no ticker for SOL: nothing to measure a market order at (0.01 SOL would be worth < 5)
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.01 }))).toBe('NO_PRICE');
  });

  it('refuses the minimum value and a stop-loss on the wrong side before STALE_FEED', () => {
    const m = model({ riskLimits: { staleFeedMs: 5_000 } });
    m.book('SOL/USDT', [[149, 10]], [[150, 10]], T0);
    m.advanceTo(T0 + 10_000); // stale
    // 0.02 × 150 = 3 < 5
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.02 }))).toBe('INVALID_ORDER');
    // a buy's stop-loss must be below its measured price of 150
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1, stopLoss: { triggerPrice: 150 } }))).toBe('INVALID_ORDER');
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1, stopLoss: { triggerPrice: 140 } }))).toBe('STALE_FEED');
    m.book('SOL/USDT', [[149, 10]], [[150, 10]], T0 + 10_000);
    expect(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1, stopLoss: { triggerPrice: 140 } }).ok).toBe(true);
  });

  it('refuses a stop or take-profit that the touch would already fire', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 })); // holds 0.999
    const sell = { symbol: 'SOL/USDT', side: 'sell', size: 0.4, reduceOnly: true };
    const buy = { symbol: 'SOL/USDT', side: 'buy', size: 0.1 };
    // a sell stop falls to its trigger: it must wait below the best bid of 149; a sell take-profit above it
    expect(refusedWith(m.placeOrder({ ...sell, type: 'stop_market', triggerPrice: 149 }))).toBe('INVALID_ORDER');
    expect(m.placeOrder({ ...sell, type: 'stop_market', triggerPrice: 148.99 }).ok).toBe(true);
    expect(refusedWith(m.placeOrder({ ...sell, type: 'take_profit_market', triggerPrice: 149 }))).toBe('INVALID_ORDER');
    expect(m.placeOrder({ ...sell, type: 'take_profit_market', triggerPrice: 149.01 }).ok).toBe(true);
    // a buy's touch is the best ask of 150: its stop waits above it, its take-profit below
    expect(refusedWith(m.placeOrder({ ...buy, type: 'stop_market', triggerPrice: 150 }))).toBe('INVALID_ORDER');
    expect(m.placeOrder({ ...buy, type: 'stop_market', triggerPrice: 150.01 }).ok).toBe(true);
    expect(refusedWith(m.placeOrder({ ...buy, type: 'take_profit_limit', triggerPrice: 150, price: 150 }))).toBe('INVALID_ORDER');
    expect(m.placeOrder({ ...buy, type: 'take_profit_limit', triggerPrice: 149.99, price: 150 }).ok).toBe(true);
  });

  it('refuses a trigger or activation price off the tick and a trailing amount at or above the touch', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 })); // holds 0.999
    const trailing = { symbol: 'SOL/USDT', side: 'sell', type: 'trailing_stop', size: 0.5, reduceOnly: true };
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'stop_market', size: 0.5, triggerPrice: 140.005, reduceOnly: true }))).toBe('INVALID_ORDER');
    expect(refusedWith(m.placeOrder({ ...trailing, trailing: { distance: 1, unit: 'amount', activationPrice: 155.555 } }))).toBe('INVALID_ORDER');
    expect(refusedWith(m.placeOrder({ ...trailing, trailing: { distance: 149, unit: 'amount' } }))).toBe('INVALID_ORDER'); // the best bid
    expect(m.placeOrder({ ...trailing, trailing: { distance: 100, unit: 'amount' } }).ok).toBe(true); // at 49: 0.5 × 49 ≥ 5
  });

  it('measures a conditional order at its limit, else at its trigger, for the minimum value', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    // 0.03 × 160 = 4.8 < 5; 0.03 × 170 = 5.1 ≥ 5
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'stop_market', size: 0.03, triggerPrice: 160 }))).toBe('INVALID_ORDER');
    expect(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'stop_limit', size: 0.03, triggerPrice: 160, price: 170 }).ok).toBe(true);
  });

  it('refuses a reduce-only order that does not reduce, counting working orders but not armed exits', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    const stop = { symbol: 'SOL/USDT', side: 'sell', type: 'stop_market', triggerPrice: 140, reduceOnly: true };
    expect(refusedWith(m.placeOrder({ ...stop, size: 0.5 }))).toBe('INVALID_ORDER'); // nothing held
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 })); // holds 0.999
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 0.5, price: 160 })); // working
    accepted(m.placeOrder({ ...stop, size: 0.499 })); // 0.499 + 0.5 ≤ 0.999
    // the armed stop promises nothing: another 0.499 still reduces, 0.5 would not
    accepted(m.placeOrder({ ...stop, size: 0.499 }));
    expect(refusedWith(m.placeOrder({ ...stop, size: 0.5 }))).toBe('INVALID_ORDER');
  });

  it('counts a stop that is not reduce-only in the free cash from placement, at its limit price, else at its trigger', () => {
    const m = model({ startingCapital: 1_000 });
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'stop_market', size: 6, triggerPrice: 160 })); // 960 ≤ 1,000
    // free 1,000 − 6 × 160 = 40: 1 × 150 = 150 is too much, 0.2 × 150 = 30 is not
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }))).toBe('INSUFFICIENT_BALANCE');
    expect(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.2 }).ok).toBe(true);

    const limit = model({ startingCapital: 1_000 });
    limit.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(limit.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'stop_limit', size: 5, triggerPrice: 160, price: 170 })); // 850 ≤ 1,000
    // valued at its limit: free 1,000 − 5 × 170 = 150 (at its trigger it would be 200): 1.2 × 150 = 180 is too much
    expect(refusedWith(limit.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1.2 }))).toBe('INSUFFICIENT_BALANCE');
    expect(limit.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }).ok).toBe(true); // 150: exactly the free cash
  });

  it('does not count an armed reduce-only exit in the free base, and counts a stop that is not reduce-only there and in Reduces', () => {
    const m = holdingSol(); // 0.999 held
    accepted(m.placeOrder(sellStop(145))); // reduce-only, armed: promises nothing
    // a stop that is not reduce-only reduces on its own (0.5 ≤ 0.999), so it passes; from now on it is a working sell
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'stop_market', size: 0.5, triggerPrice: 140 }));
    // Reduces: 0.5 + 0.5 > 0.999; free base 0.999 − 0.5 = 0.499
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 0.5, price: 160, reduceOnly: true }))).toBe('INVALID_ORDER');
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 0.5, price: 160 }))).toBe('INSUFFICIENT_BALANCE');
    expect(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 0.499, price: 160, reduceOnly: true }).ok).toBe(true);
  });

  it('values a trailing stop that is not reduce-only at nothing until it is armed, then at its trigger', () => {
    const m = model({ startingCapital: 1_000 });
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    // a buy trailing stop armed when the ask comes down to 145; measured at 145 + 10 = 155: 6 × 155 = 930 ≤ 1,000
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'trailing_stop', size: 6, trailing: { distance: 10, unit: 'amount', activationPrice: 145 } }));
    // not armed: valued at 0, so all 1,000 are free (at 930 only 70 would be): 0.6 × 150 = 90 passes
    expect(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.6 }).ok).toBe(true); // cash 910
    m.book('SOL/USDT', [[144, 100]], [[145, 100]], T0 + 1_000); // the ask reaches 145: armed, trigger 155, not fired
    expect(exitsHeld(m).map((o) => o.triggerPrice)).toEqual([155]);
    // armed: 6 × 155 = 930 promised of 910: nothing is free, not even 0.04 × 145 = 5.8
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.04 }))).toBe('INSUFFICIENT_BALANCE');
  });

  it('counts a stop that is not reduce-only as a position on its side for DUPLICATE_POSITION, the position limit and gross exposure', () => {
    const m = model({ riskLimits: { noDuplicatePosition: true, maxPositionValue: 1_000 } });
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'stop_market', size: 1, triggerPrice: 160 }));
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }))).toBe('DUPLICATE_POSITION');
    const big = model({ riskLimits: { maxPositionValue: 1_000 } });
    big.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(big.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'stop_market', size: 5, triggerPrice: 160 })); // 5 × 160 = 800
    // (5 + 2) × 150 = 1,050 > 1,000; (5 + 1.666) × 150 = 999.9
    expect(refusedWith(big.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 2 }))).toBe('MAX_POSITION_SIZE');
    expect(big.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1.666 }).ok).toBe(true);
    const gross = model({ riskLimits: { maxGrossExposure: 0.01 } }); // 1% of 100,000: 1,000
    gross.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(gross.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'stop_market', size: 5, triggerPrice: 160 })); // 800 of it
    // 800 + 2 × 150 = 1,100 > 1,000; 800 + 1.3 × 150 = 995
    expect(refusedWith(gross.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 2 }))).toBe('INSUFFICIENT_CAPITAL');
    expect(gross.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1.3 }).ok).toBe(true);
  });

  it('counts an exit a print fired as a working order until the next book sends it', () => {
    const m = holdingSol(); // 0.999 held
    const stop = accepted(m.placeOrder(sellStop(145)));
    m.trade('SOL/USDT', 144, 1, 'sell', T0 + 1_000); // fires it; it goes out with the next book
    // the 0.999 it is about to sell is not there to sell again
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 0.5, price: 160, reduceOnly: true }))).toBe('INVALID_ORDER');
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 0.5 }))).toBe('INSUFFICIENT_BALANCE');
    expect(refusedWith(m.closePosition('SOL/USDT'))).toBe('INSUFFICIENT_BALANCE');
    expect(m.book('SOL/USDT', [[148, 100]], [[148.5, 100]], T0 + 2_000).map((f) => [f.orderId, f.size])).toEqual([[stop.id, 0.999]]);
  });

  it('keeps counting a stop that is not reduce-only at its trigger once a print fired it, until the next book', () => {
    const m = model({ startingCapital: 1_000 });
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    // a take-profit that buys when the price falls to 140, not reduce-only: 6 × 140 = 840 promised from placement
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'take_profit_market', size: 6, triggerPrice: 140 }));
    m.trade('SOL/USDT', 139, 1, 'sell', T0 + 1_000); // fires it; still 840 promised until the next book
    // free 1,000 − 840 = 160: 1.1 × 150 = 165 is too much, 1 × 150 = 150 is not
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1.1 }))).toBe('INSUFFICIENT_BALANCE');
    expect(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }).ok).toBe(true);
  });

  it("refuses an entry whose take-profit is not beyond its measured price, or whose trailing amount is not below it", () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    const entry = { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 };
    expect(refusedWith(m.placeOrder({ ...entry, takeProfit: { triggerPrice: 150 } }))).toBe('INVALID_ORDER'); // measured at 150
    expect(refusedWith(m.placeOrder({ ...entry, takeProfit: { triggerPrice: 160, price: 160.005 } }))).toBe('INVALID_ORDER'); // off the tick
    expect(refusedWith(m.placeOrder({ ...entry, trailingStop: { distance: 150, unit: 'amount' } }))).toBe('INVALID_ORDER');
    expect(m.placeOrder({ ...entry, takeProfit: { triggerPrice: 150.01 }, trailingStop: { distance: 149.99, unit: 'amount' } }).ok).toBe(true);
  });

  it("measures risk per trade to the stop-loss's lower of trigger and limit, or to where a trailing stop would arm", () => {
    // equity 100,000 × 0.0001 = 10 USDT a trade; 5 SOL measured at the ask of 150
    const risk = (exits: Record<string, unknown>): string | undefined => {
      const m = model({ riskLimits: { riskPerTrade: 0.0001 } });
      m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
      return refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 5, ...exits }));
    };
    expect(risk({ stopLoss: { triggerPrice: 148 } })).toBeUndefined(); // 5 × 2 = 10: at the limit
    expect(risk({ stopLoss: { triggerPrice: 148, price: 147.99 } })).toBe('RISK_PER_TRADE'); // 5 × 2.01
    expect(risk({ trailingStop: { distance: 2, unit: 'amount' } })).toBeUndefined(); // 150 − 2: 5 × 2 = 10
    expect(risk({ trailingStop: { distance: 1.5, unit: 'percent' } })).toBe('RISK_PER_TRADE'); // 5 × 2.25 = 11.25
    // armed later, at a price not known yet: the default 2% stop, 5 × 150 × 2% = 15
    expect(risk({ trailingStop: { distance: 2, unit: 'amount', activationPrice: 155 } })).toBe('RISK_PER_TRADE');
    expect(risk({ takeProfit: { triggerPrice: 160 } })).toBe('RISK_PER_TRADE');
  });

  it('lets the trader place a reduce-only stop while HALTED, and nothing that does not reduce', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }));
    m.halt();
    expect(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'stop_market', size: 0.999, triggerPrice: 140, reduceOnly: true }).ok).toBe(true);
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'stop_market', size: 1, triggerPrice: 160 }))).toBe('TRADING_HALTED');
  });

  it('refuses STALE_FEED before a balance or a limit', () => {
    const m = model({ startingCapital: 1_000, riskLimits: { staleFeedMs: 5_000, maxPositionValue: 10 } });
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    m.advanceTo(T0 + 5_001);
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 50 }))).toBe('STALE_FEED');
    // at exactly staleFeedMs the feed is not stale yet, and 50 × 150 = 7,500 > 1,000 cash
    const fresh = model({ startingCapital: 1_000, riskLimits: { staleFeedMs: 5_000, maxPositionValue: 10 } });
    fresh.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    fresh.advanceTo(T0 + 5_000);
    expect(refusedWith(fresh.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 50 }))).toBe('INSUFFICIENT_BALANCE');
  });

  it('refuses a sell of more than the free base, counting working sells', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 })); // holds 0.999
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 1 }))).toBe('INSUFFICIENT_BALANCE');
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 0.5, price: 160 })); // rests
    // free: 0.999 − 0.5 = 0.499
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 0.5, price: 161 }))).toBe('INSUFFICIENT_BALANCE');
    expect(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 0.499, price: 161 }).ok).toBe(true);
  });

  it('refuses a buy worth more than the free cash, counting working buys at their price', () => {
    const m = model({ startingCapital: 1_000 });
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 4, price: 140 })); // 560 working
    // free 1,000 − 560 = 440; 3 × 150 = 450 is too much, 2.933 × 150 = 439.95 is not
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 3 }))).toBe('INSUFFICIENT_BALANCE');
    expect(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 2.933 }).ok).toBe(true);
  });

  it('lets an order exactly at a limit pass', () => {
    const m = model({ startingCapital: 1_500 });
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    expect(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 }).ok).toBe(true); // 10 × 150 = 1,500 = cash
  });

  it('checks position size, then gross exposure, then risk per trade, then duplicates', () => {
    const limits = { maxPositionValue: 2_000, maxGrossExposure: 0.01, riskPerTrade: 0.0001, noDuplicatePosition: true };
    const m = model({ riskLimits: limits });
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    // 20 × 150 = 3,000 > 2,000
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 20 }))).toBe('MAX_POSITION_SIZE');
    // 10 × 150 = 1,500 ≤ 2,000, but gross 0 + 1,500 > 0.01 × 100,000 = 1,000
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 }))).toBe('INSUFFICIENT_CAPITAL');
    // 6 × 150 = 900 ≤ 1,000; risk 900 × 2% = 18 > 0.0001 × 100,000 = 10
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 6 }))).toBe('RISK_PER_TRADE');
    // with a stop-loss 1 below: risk 6 × (150 − 149) = 6 ≤ 10
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 6, stopLoss: { triggerPrice: 149 } })); // holds 5.994
    // a second buy of 0.1: value (5.994 + 0.1) × 150 = 914.1 ≤ 2,000;
    // gross 5.994 × 149.5 (mark) + 0.1 × 150 = 896.103 + 15 = 911.103
    //   ≤ 0.01 × equity = 0.01 × (99,100 + 896.103) = 999.96;
    // risk 0.1 × 150 × 2% = 0.3 ≤ 0.0001 × 99,996.103 = 9.9996 — only the duplicate rule is left
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.1 }))).toBe('DUPLICATE_POSITION');
  });
});

/** SOL quoted at 149 / 150, 100 deep, and 0.999 of it held (1 bought at 150, its 0.1% fee taken in SOL). */
function holdingSol(options: Parameters<typeof model>[0] = {}): SpotAccountModel {
  const m = model(options);
  m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
  accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }));
  return m;
}
const sellStop = (triggerPrice: number, size = 0.999) => ({ symbol: 'SOL/USDT', side: 'sell', type: 'stop_market', size, triggerPrice, reduceOnly: true });
const exitsHeld = (m: SpotAccountModel) => m.openOrders().filter((o) => o.held !== null);

describe('stops, take-profits and trailing stops', () => {
  it('a sell stop fired by a print goes out with the next book, not the book before it', () => {
    const m = holdingSol();
    const stop = accepted(m.placeOrder(sellStop(145)));
    expect(m.trade('SOL/USDT', 144, 1, 'sell', T0 + 1_000)).toEqual([]); // fired, but the book is still 149
    m.book('BTC/USDT', [[59_990, 1]], [[60_000, 1]], T0 + 1_500); // another symbol's book
    expect(exitsHeld(m).map((o) => [o.id, o.held])).toEqual([[stop.id, 'fired']]);
    // the next book has come back to 148: it sells there, not at 149 nor at the trigger
    const fills = m.book('SOL/USDT', [[148, 100]], [[148.5, 100]], T0 + 2_000);
    expect(fills.map((f) => [f.orderId, f.side, f.price, f.size, f.liquidity])).toEqual([[stop.id, 'sell', 148, 0.999, 'taker']]);
    near(m.position('SOL/USDT')?.size, 0);
    expect(m.openOrders()).toEqual([]);
  });

  it("a gap fills at the book's price, never at the trigger", () => {
    const m = holdingSol();
    accepted(m.placeOrder(sellStop(145)));
    const fills = m.book('SOL/USDT', [[140, 100]], [[141, 100]], T0 + 1_000); // no print between 149 and 140
    expect(fills.map((f) => [f.price, f.size])).toEqual([[140, 0.999]]);
    near(fills[0].feeAmount, 0.13986); // 0.999 × 140 × 0.1%, in USDT
  });

  it('a stop-limit that fires rests at its limit and fills later as maker', () => {
    const m = holdingSol();
    const stop = accepted(m.placeOrder({ ...sellStop(145), type: 'stop_limit', price: 144 }));
    expect(m.book('SOL/USDT', [[143, 100]], [[143.5, 100]], T0 + 1_000)).toEqual([]); // fired: the bid of 143 is below 144
    expect(m.openOrders()).toEqual([
      { id: stop.id, symbol: 'SOL/USDT', side: 'sell', type: 'stop_limit', size: 0.999, filled: 0, price: 144, triggerPrice: 145, held: null },
    ]);
    const fills = m.trade('SOL/USDT', 144.5, 2, 'buy', T0 + 2_000);
    expect(fills.map((f) => [f.price, f.size, f.liquidity])).toEqual([[144, 0.999, 'maker']]);
  });

  it('a reduce-only stop is sized down to the position when it fires', () => {
    const m = holdingSol();
    const stop = accepted(m.placeOrder(sellStop(145)));
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 0.5 })); // 0.499 left
    expect(m.book('SOL/USDT', [[140, 100]], [[141, 100]], T0 + 1_000).map((f) => [f.orderId, f.size])).toEqual([[stop.id, 0.499]]);
  });

  it('sizes a reduce-only exit down to what working sells leave of the position, so spot never goes short', () => {
    const m = holdingSol();
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 0.6, price: 160, reduceOnly: true })); // working
    const stop = accepted(m.placeOrder(sellStop(145, 0.399)));
    const fills = m.book('SOL/USDT', [[140, 100]], [[141, 100]], T0 + 1_000);
    // held 0.999, of which 0.6 is promised to the resting sell: the stop sells the other 0.399
    expect(fills.map((f) => [f.orderId, f.size])).toEqual([[stop.id, 0.399]]);
    // a second stop placed for the same 0.399 before the first fired finds nothing left: it is cancelled
    const again = holdingSol();
    accepted(again.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 0.6, price: 160, reduceOnly: true }));
    accepted(again.placeOrder(sellStop(145, 0.399)));
    accepted(again.placeOrder(sellStop(144, 0.399)));
    expect(again.book('SOL/USDT', [[140, 100]], [[141, 100]], T0 + 1_000).map((f) => f.size)).toEqual([0.399]);
    near(again.position('SOL/USDT')?.size, 0.6); // 0.999 − 0.399, all of it the resting sell's
    expect(again.openOrders().map((o) => o.size)).toEqual([0.6]);
  });

  it('sizes a reduce-only exit that goes out down by a stop on its side that is not reduce-only', () => {
    const m = holdingSol(); // 0.999 held
    const stop = accepted(m.placeOrder(sellStop(145)));
    // not reduce-only: a working sell of 0.5 from placement (the armed reduce-only stop is not one: 0.5 reduces)
    const free = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'stop_market', size: 0.5, triggerPrice: 140 }));
    // the bid of 144 fires the stop at 145 only: it sells 0.999 − 0.5
    expect(m.book('SOL/USDT', [[144, 100]], [[144.5, 100]], T0 + 1_000).map((f) => [f.orderId, f.size])).toEqual([[stop.id, 0.499]]);
    // the other fires at 139 and, not being reduce-only, sells its 0.5 whole
    expect(m.book('SOL/USDT', [[139, 100]], [[139.5, 100]], T0 + 2_000).map((f) => [f.orderId, f.size])).toEqual([[free.id, 0.5]]);
    near(m.position('SOL/USDT')?.size, 0);
  });

  it('sends each exit a book fires at once, in the order placed, so the first is a working order when the next one fires', () => {
    const m = holdingSol(); // 0.999 held
    const first = m.protectPosition({ symbol: 'SOL/USDT', stopLoss: { triggerPrice: 145, price: 144 } });
    const second = m.protectPosition({ symbol: 'SOL/USDT', stopLoss: { triggerPrice: 146 } });
    if (!first.ok || !second.ok) throw new Error('refused');
    // the bid of 143.9 fires both: the stop-limit goes out first and rests at 144 for 0.999; the stop then finds
    // 0.999 − 0.999 to sell and is cancelled
    expect(m.book('SOL/USDT', [[143.9, 100]], [[144.1, 100]], T0 + 1_000)).toEqual([]);
    expect(m.openOrders().map((o) => [o.id, o.size, o.held])).toEqual([[first.orders[0].id, 0.999, null]]);
  });

  it('withdraws a later exit of the same book when the fill of an earlier one leaves nothing to sell, even if another refills the position', () => {
    const m = holdingSol(); // 0.999 held
    const stop = accepted(m.placeOrder(sellStop(145)));
    const buy = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'stop_market', size: 1, triggerPrice: 151 })); // not reduce-only
    accepted(m.placeOrder(sellStop(146, 0.5)));
    // bid 144, ask 152: the first stop sells 0.999 and the position is gone, so the stop at 146 is withdrawn
    // before it sees the bid; the buy stop then buys 1
    const fills = m.book('SOL/USDT', [[144, 100]], [[152, 100]], T0 + 1_000);
    expect(fills.map((f) => [f.orderId, f.side, f.price, f.size])).toEqual([[stop.id, 'sell', 144, 0.999], [buy.id, 'buy', 152, 1]]);
    expect(m.openOrders()).toEqual([]);
    near(m.position('SOL/USDT')?.size, 0.999); // 1 × (1 − 0.001)
  });

  it('cancels a reduce-only exit below minSize when it fires, instead of sending it', () => {
    const m = holdingSol();
    const entry = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 1, price: 149.5, stopLoss: { triggerPrice: 145 } }));
    // fills 0.005 as maker, which brings in 0.005 × (1 − 0.0005) = 0.0049975: its stop-loss is armed for
    // 0.004, below minSize 0.01 (the 0.999 held before the entry is not the exit's to sell)
    m.trade('SOL/USDT', 149.5, 0.005, 'sell', T0 + 1_000);
    expect(exitsHeld(m).map((o) => [o.id, o.size])).toEqual([[`${entry.id}-sl`, 0.004]]);
    // a print too small to fill anything (half a lot) fires it, and with it cancels the rest of the entry
    expect(m.trade('SOL/USDT', 144, 0.0005, 'sell', T0 + 2_000)).toEqual([]);
    expect(m.openOrders().map((o) => [o.id, o.held])).toEqual([[`${entry.id}-sl`, 'fired']]);
    expect(m.book('SOL/USDT', [[144, 100]], [[144.5, 100]], T0 + 3_000)).toEqual([]);
    expect(m.openOrders()).toEqual([]);
  });

  it('fires a reduce-only stop while HALTED, and cancels a stop that is not reduce-only instead', () => {
    const m = holdingSol();
    accepted(m.placeOrder(sellStop(145)));
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'stop_market', size: 1, triggerPrice: 160 }));
    m.halt();
    expect(m.book('SOL/USDT', [[140, 100]], [[141, 100]], T0 + 1_000).map((f) => f.side)).toEqual(['sell']);
    expect(m.book('SOL/USDT', [[160, 100]], [[161, 100]], T0 + 2_000)).toEqual([]);
    expect(m.openOrders()).toEqual([]);
  });

  it('a trailing stop follows the best bid by its distance, never back, and fires on the way back', () => {
    const m = holdingSol();
    const trail = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'trailing_stop', size: 0.999, reduceOnly: true, trailing: { distance: 2, unit: 'amount' } }));
    near(trail.triggerPrice, 147); // armed at the best bid: 149 − 2
    m.book('SOL/USDT', [[154, 100]], [[155, 100]], T0 + 1_000);
    m.trade('SOL/USDT', 154.5, 1, 'buy', T0 + 1_500); // a print is a price too
    m.book('SOL/USDT', [[153, 100]], [[154, 100]], T0 + 2_000); // lower: the trigger stays
    near(exitsHeld(m)[0].triggerPrice, 152.5); // 154.5 − 2
    const fills = m.book('SOL/USDT', [[152.5, 100]], [[153, 100]], T0 + 3_000);
    expect(fills.map((f) => [f.price, f.size])).toEqual([[152.5, 0.999]]);
  });

  it('a trailing stop with an activation price waits for it, then trails a percentage of the best price', () => {
    const m = holdingSol();
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'trailing_stop', size: 0.999, reduceOnly: true, trailing: { distance: 1, unit: 'percent', activationPrice: 155 } }));
    expect(exitsHeld(m)[0]).toMatchObject({ triggerPrice: undefined, price: 153.45 }); // measured at 155 × 0.99
    expect(m.book('SOL/USDT', [[140, 100]], [[141, 100]], T0 + 1_000)).toEqual([]); // not armed: nothing fires
    m.book('SOL/USDT', [[156, 100]], [[157, 100]], T0 + 2_000);
    near(exitsHeld(m)[0].triggerPrice, 154.44); // 156 × 0.99
    m.trade('SOL/USDT', 160, 1, 'buy', T0 + 3_000);
    near(exitsHeld(m)[0].triggerPrice, 158.4); // 160 × 0.99
  });
});

describe('OCO groups and brackets', () => {
  it('an OCO whose two legs one price would fire sends exactly one, the first placed', () => {
    const m = holdingSol();
    const protect = m.protectPosition({ symbol: 'SOL/USDT', trailingStop: { distance: 2, unit: 'amount' }, takeProfit: { triggerPrice: 155 } });
    if (!protect.ok) throw new Error(protect.reason);
    const [trail, target] = protect.orders;
    m.trade('SOL/USDT', 154, 1, 'buy', T0 + 1_000); // the trailing stop's trigger: 154 − 2 = 152
    expect(m.amendOrder({ clientOrderId: target.id, triggerPrice: 151 }).ok).toBe(true); // above the bid of 149
    m.trade('SOL/USDT', 151.5, 1, 'sell', T0 + 2_000); // ≤ 152 and ≥ 151: it would fire both
    expect(exitsHeld(m).map((o) => o.id)).toEqual([trail.id]);
    const fills = m.book('SOL/USDT', [[151, 100]], [[152, 100]], T0 + 3_000);
    expect(fills.map((f) => [f.orderId, f.size])).toEqual([[trail.id, 0.999]]);
    expect(m.openOrders()).toEqual([]);
  });

  it("a bracket's exits are sized to the entry's fills and resized on the next fill", () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    const entry = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 2, price: 149.5, stopLoss: { triggerPrice: 140 }, takeProfit: { triggerPrice: 160, price: 161 } }));
    expect(exitsHeld(m)).toEqual([]); // nothing armed before the entry fills
    m.trade('SOL/USDT', 149.5, 0.5, 'sell', T0 + 1_000);
    // 0.5 filled as maker, its 0.05% fee in SOL: 0.49975 held, 0.499 in whole lots
    const exits = () => exitsHeld(m).map((o) => [o.id, o.type, o.side, o.size, o.triggerPrice, o.ocoGroup]);
    expect(exits()).toEqual([
      [`${entry.id}-sl`, 'stop_market', 'sell', 0.499, 140, entry.id],
      [`${entry.id}-tp`, 'take_profit_limit', 'sell', 0.499, 160, entry.id],
    ]);
    m.trade('SOL/USDT', 149, 1.5, 'sell', T0 + 2_000);
    // 0.49975 + 1.5 × 0.9995 = 1.999 held; 2 filled
    expect(exits().map(([, , , size]) => size)).toEqual([1.999, 1.999]);
    expect(m.openOrders().some((o) => o.id === entry.id)).toBe(false);
  });

  it("sizes a bracket's exits to what its entry's fills brought in, never to the coins held before it", () => {
    const m = holdingSol(); // 0.999 held before the entry
    const entry = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 2, price: 149.5, stopLoss: { triggerPrice: 140 } }));
    m.trade('SOL/USDT', 149.5, 1, 'sell', T0 + 1_000);
    // 1 filled as maker brings in 1 × (1 − 0.0005) = 0.9995 of the 1.9985 held: the stop-loss sells 0.999
    expect(exitsHeld(m).map((o) => [o.id, o.size])).toEqual([[`${entry.id}-sl`, 0.999]]);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 1.5 })); // 0.4985 left
    expect(exitsHeld(m).map((o) => o.size)).toEqual([0.999]); // resized only at the entry's fills
    m.trade('SOL/USDT', 149, 0.5, 'sell', T0 + 2_000);
    // brought in 0.9995 + 0.49975 = 1.49925; held 0.4985 + 0.49975 = 0.99825: the less, 0.998
    expect(exitsHeld(m).map((o) => o.size)).toEqual([0.998]);
  });

  it("keeps a bracket's exits at their size across a restart, above the position, and sizes them down as they go out", () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    const entry = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1, stopLoss: { triggerPrice: 140 } })); // 0.999 in
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 0.5 })); // 0.499 left
    m.restart();
    expect(exitsHeld(m).map((o) => [o.id, o.size])).toEqual([[`${entry.id}-sl`, 0.999]]);
    expect(m.book('SOL/USDT', [[139, 100]], [[139.5, 100]], T0 + 60_000).map((f) => f.size)).toEqual([0.499]);
  });

  it('stops resizing the exits of a bracket once one of them has ended', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    const entry = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 2, price: 149.5, stopLoss: { triggerPrice: 140 }, takeProfit: { triggerPrice: 160 } }));
    m.trade('SOL/USDT', 149.5, 0.5, 'sell', T0 + 1_000);
    expect(m.cancel(`${entry.id}-tp`).ok).toBe(true);
    m.trade('SOL/USDT', 149, 1.5, 'sell', T0 + 2_000);
    expect(exitsHeld(m).map((o) => [o.id, o.size])).toEqual([[`${entry.id}-sl`, 0.499]]);
  });

  it("cancels what is left of a bracket's entry when one of its exits fires", () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    const entry = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 2, price: 149.5, stopLoss: { triggerPrice: 140 }, takeProfit: { triggerPrice: 160 } }));
    m.trade('SOL/USDT', 149.5, 0.5, 'sell', T0 + 1_000);
    m.trade('SOL/USDT', 161, 0.1, 'buy', T0 + 2_000); // fires the take-profit; the stop-loss is cancelled with it
    expect(m.openOrders().map((o) => o.id)).toEqual([`${entry.id}-tp`]);
    // the entry went at that print, not at the next book: a print through its limit meanwhile fills nothing
    expect(m.trade('SOL/USDT', 149, 1.5, 'sell', T0 + 2_500)).toEqual([]);
    const fills = m.book('SOL/USDT', [[160, 100]], [[161, 100]], T0 + 3_000);
    expect(fills.map((f) => [f.orderId, f.price, f.size])).toEqual([[`${entry.id}-tp`, 160, 0.499]]);
  });

  it('arms the exits of a market entry at once, a trailing stop at the best bid', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    const entry = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1, trailingStop: { distance: 3, unit: 'amount' } }));
    expect(exitsHeld(m).map((o) => [o.id, o.type, o.size, o.triggerPrice, o.ocoGroup])).toEqual([[`${entry.id}-ts`, 'trailing_stop', 0.999, 146, undefined]]);
  });

  it('withdraws reduce-only exits when the position is sold by other means, one a print fired too', () => {
    const m = holdingSol();
    accepted(m.placeOrder(sellStop(145, 0.5)));
    accepted(m.placeOrder(sellStop(140, 0.4)));
    const free = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'stop_market', size: 0.1, triggerPrice: 160 })); // not reduce-only
    const sell = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'limit', size: 0.999, price: 150 })); // rests above the bid
    m.trade('SOL/USDT', 144.5, 1, 'sell', T0 + 1_000); // fires the stop at 145; it waits for the next book
    // a print at 150 sells the whole position through the resting limit: both reduce-only stops go with it
    expect(m.trade('SOL/USDT', 150, 1, 'buy', T0 + 1_500).map((f) => [f.orderId, f.size])).toEqual([[sell.id, 0.999]]);
    expect(m.openOrders().map((o) => o.id)).toEqual([free.id]);
  });
});

describe('protecting and moving exits', () => {
  it('protects a position with an OCO pair named after its stop-loss, sized to the position rounded down to the lot', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1.5 })); // 1.4985 held
    const protect = m.protectPosition({ symbol: 'SOL/USDT', takeProfit: { triggerPrice: 155, price: 156 }, stopLoss: { triggerPrice: 145 } });
    if (!protect.ok) throw new Error(protect.reason);
    const [stop, target] = protect.orders;
    expect(protect.orders.map((o) => [o.type, o.side, o.size, o.triggerPrice, o.price, o.ocoGroup])).toEqual([
      ['stop_market', 'sell', 1.498, 145, undefined, stop.id],
      ['take_profit_limit', 'sell', 1.498, 155, 156, stop.id],
    ]);
    expect(exitsHeld(m).map((o) => o.id)).toEqual([stop.id, target.id]);
  });

  it('refuses to protect no position or dust, and refuses the whole protection when one leg is wrong', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    const stopLoss = { triggerPrice: 145 };
    expect(refusedWith(m.protectPosition({ symbol: 'SOL/USDT', stopLoss }))).toBe('INVALID_ORDER');
    expect(refusedWith(m.protectPosition({ symbol: 'SOL/USDT', stopLoss, trailingStop: { distance: 1, unit: 'amount' } }))).toBe('INVALID_PAYLOAD');
    expect(refusedWith(m.protectPosition({ symbol: 'SOL/USDT' }))).toBe('INVALID_PAYLOAD');
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }));
    // the take-profit is not above the bid of 149: it would fire at once
    expect(refusedWith(m.protectPosition({ symbol: 'SOL/USDT', stopLoss, takeProfit: { triggerPrice: 149 } }))).toBe('INVALID_ORDER');
    expect(refusedWith(m.protectPosition({ symbol: 'SOL/USDT', size: 1, stopLoss }))).toBe('INVALID_ORDER'); // more than the 0.999 held
    expect(m.openOrders()).toEqual([]);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 0.99 })); // 0.009 left: dust
    expect(refusedWith(m.protectPosition({ symbol: 'SOL/USDT', stopLoss }))).toBe('INVALID_ORDER');
  });

  it("moves an armed stop with the grid and fire-at-once checks of placing it, and never a trailing stop's trigger", () => {
    const m = holdingSol();
    const stop = accepted(m.placeOrder({ ...sellStop(145, 0.5), type: 'stop_limit', price: 144 }));
    const trail = accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'trailing_stop', size: 0.4, reduceOnly: true, trailing: { distance: 2, unit: 'amount' } }));
    const moved = m.amendOrder({ clientOrderId: stop.id, triggerPrice: 147, price: 146 });
    expect(moved.ok && [moved.order.triggerPrice, moved.order.price]).toEqual([147, 146]);
    expect(refusedWith(m.amendOrder({ clientOrderId: stop.id, triggerPrice: 149 }))).toBe('INVALID_ORDER'); // the bid: it would fire
    expect(refusedWith(m.amendOrder({ clientOrderId: stop.id, price: 146.005 }))).toBe('INVALID_ORDER');
    expect(refusedWith(m.amendOrder({ clientOrderId: trail.id, triggerPrice: 148 }))).toBe('INVALID_ORDER');
    expect(refusedWith(m.amendOrder({ clientOrderId: 'nope', triggerPrice: 148 }))).toBe('NOT_FOUND');
    expect(refusedWith(m.amendOrder({ clientOrderId: stop.id }))).toBe('INVALID_PAYLOAD');
    expect(exitsHeld(m).map((o) => o.triggerPrice)).toEqual([147, 147]);
  });

  it('refuses to move only the limit of an exit whose kept trigger the touch has already passed', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 1, price: 148, takeProfit: { triggerPrice: 152, price: 152 } }));
    m.book('SOL/USDT', [[153, 100]], [[153.5, 100]], T0 + 1_000); // nothing armed yet sees the bid of 153
    m.trade('SOL/USDT', 148, 1, 'sell', T0 + 2_000); // fills the entry: the take-profit is armed, and 148 does not fire it
    const [target] = exitsHeld(m);
    // moved, the exit is checked as placing it would be: a sell take-profit at 152 would fire at once at 153
    expect(refusedWith(m.amendOrder({ clientOrderId: target.id, price: 153 }))).toBe('INVALID_ORDER');
    expect(m.amendOrder({ clientOrderId: target.id, triggerPrice: 154, price: 154 }).ok).toBe(true); // above 153: it waits
  });
});

describe('trading states', () => {
  it('trips the daily-loss breaker on a ticker and then lets only reducing orders through, saying REDUCING_ONLY', () => {
    const m = model({ riskLimits: { dailyLossLimit: 0.01 } });
    m.book('SOL/USDT', [[99.9, 1_000]], [[100, 1_000]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 100 })); // 10,000 in, holds 99.9
    // mark 80.05: equity = 90,000 + 99.9 × 80.05 = 97,996.995: a loss of 2.003% ≥ 1%
    m.book('SOL/USDT', [[80, 1_000]], [[80.1, 1_000]], T0 + 1_000);
    expect(m.tradingState()).toBe('REDUCING');
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.1 }))).toBe('REDUCING_ONLY');
    expect(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 50 }).ok).toBe(true);
    // the loss is still over the limit: resume is refused
    expect(m.resume().ok).toBe(false);
  });

  it('trips the drawdown breaker and re-bases the peak on resume', () => {
    const m = model({ riskLimits: { maxDrawdown: 0.01 } });
    m.book('SOL/USDT', [[99.9, 1_000]], [[100, 1_000]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 100 }));
    m.book('SOL/USDT', [[80, 1_000]], [[80.1, 1_000]], T0 + 1_000);
    expect(m.tradingState()).toBe('REDUCING');
    expect(m.stateReason()).toBe('MAX_DRAWDOWN');
    expect(m.resume().ok).toBe(true);
    expect(m.tradingState()).toBe('ACTIVE');
    near(m.peak(), m.equity()); // drawdown now measured from here
  });

  it('changes nothing when asked to resume while ACTIVE, even with a breaker due', () => {
    const m = model();
    m.book('SOL/USDT', [[99.9, 1_000]], [[100, 1_000]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 100 }));
    m.book('SOL/USDT', [[89.9, 1_000]], [[90, 1_000]], T0 + 1_000); // equity falls to 90,000 + 99.9 × 89.95 = 98,986.005
    // equity after the buy: 90,000 + 99.9 × 99.95 = 99,985.005, never above the 100,000 it started with
    near(m.peak(), 100_000);
    // drawdown (100,000 − 98,986.005) / 100,000 = 1.01% ≥ 0.5%: due, but a settings update does not trip it
    m.updateSettings({ riskLimits: { maxDrawdown: 0.005 } });
    expect(m.tradingState()).toBe('ACTIVE');
    expect(m.resume()).toEqual({ ok: true });
    near(m.peak(), 100_000); // not re-based
    // the next order finds the breaker due and trips it
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }))).toBe('MAX_DRAWDOWN');
    expect(m.tradingState()).toBe('REDUCING');
  });

  it('keeps HALTED through a settings update', () => {
    const m = model();
    m.halt();
    m.updateSettings({ riskLimits: { maxPositionValue: 5_000 }, startingCapital: 50_000 });
    expect(m.tradingState()).toBe('HALTED');
    near(m.cash(), 50_000); // no fills and no working orders: re-based at once
  });

  it('lets a manual Close through while HALTED', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 })); // holds 0.999
    m.halt();
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }))).toBe('TRADING_HALTED');
    const close = m.closePosition('SOL/USDT');
    expect(close.ok).toBe(true);
    near(close.ok ? close.order?.filled : undefined, 0.999); // 999 lots, all of it
    near(m.position('SOL/USDT')?.size, 0);
    expect(m.closePosition('SOL/USDT')).toEqual({ ok: true, order: null }); // nothing left to close
    expect(m.tradingState()).toBe('HALTED');
  });

  it('waits for a reset to change the capital of an account that has traded', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }));
    m.updateSettings({ startingCapital: 5_000 });
    near(m.cash(), 99_850); // 100,000 − 150: unchanged by the setting
    m.halt();
    m.resetAccount();
    near(m.cash(), 5_000);
    expect(m.positions()).toEqual([]);
    expect(m.tradingState()).toBe('ACTIVE');
  });
});

describe('the kill switch', () => {
  it('leaves a remainder on a thin book and sells it on the next book', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 })); // holds 0.999
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 1, price: 140 })); // working
    m.book('SOL/USDT', [[149, 0.4]], [[150, 100]], T0 + 1_000);
    const report = m.killSwitch();
    // one working order cancelled; 0.4 of 0.999 sold; 0.599 left (worth ~90, not dust)
    expect(report.cancelled).toBe(1);
    expect(report.closed).toBe(0);
    expect(report.remaining.map((r) => r.symbol)).toEqual(['SOL/USDT']);
    near(report.remaining[0].size, 0.599);
    expect(m.tradingState()).toBe('HALTED');
    // the next book: 0.3 more
    m.book('SOL/USDT', [[148, 0.3]], [[150, 100]], T0 + 2_000);
    near(m.position('SOL/USDT')?.size, 0.299); // 0.599 − 0.3
    // and the one after sells the rest
    const fills = m.book('SOL/USDT', [[147, 10]], [[150, 100]], T0 + 3_000);
    expect(fills.map((f) => [f.side, f.price])).toEqual([['sell', 147]]);
    near(fills[0].size, 0.299);
    near(m.position('SOL/USDT')?.size, 0);
    expect(m.tradingState()).toBe('HALTED');
  });

  it('closes what the book can take at once, leaves dust alone and reports it as still held', () => {
    const m = model();
    m.book('BTC/USDT', [[59_990, 1]], [[60_000, 1]], T0);
    accepted(m.placeOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'market', size: 0.015 })); // 0.014985
    const report = m.killSwitch();
    // 1,498 lots sold; 0.000005 left is dust: closed, and listed as what is left
    expect(report).toMatchObject({ cancelled: 0, closed: 1, remaining: [{ symbol: 'BTC/USDT', reason: 'dust' }] });
    near(report.remaining[0].size, 0.000005);
    near(m.position('BTC/USDT')?.size, 0.000005);
    expect(m.position('BTC/USDT')?.dust).toBe(true);
  });

  it('sells on later books after the exits the trader placed have gone out against them', () => {
    const m = holdingSol();
    m.book('SOL/USDT', [[149, 0.4]], [], T0 + 1_000);
    m.killSwitch(); // sells 0.4; 0.599 left
    const stop = accepted(m.placeOrder({ ...sellStop(145, 0.5), type: 'stop_limit', price: 144 })); // reduces: passes while HALTED
    // the stop fires at 144 and takes the 0.3 bid first; the kill switch sells what its 0.2 resting leaves: 0.099
    const fills = m.book('SOL/USDT', [[144, 0.3], [143, 10]], [], T0 + 2_000);
    expect(fills.map((f) => [f.orderId, f.price, f.size])).toEqual([[stop.id, 144, 0.3], [fills[1].orderId, 143, 0.099]]);
    expect(m.openOrders().map((o) => [o.id, o.filled, o.size])).toEqual([[stop.id, 0.3, 0.5]]);
  });

  it('stops selling once the trader resumes', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }));
    m.book('SOL/USDT', [], [[150, 100]], T0 + 1_000); // no bids at all
    const report = m.killSwitch();
    expect(report.remaining).toHaveLength(1);
    near(report.remaining[0].size, 0.999); // nothing sold: 1 − 0.001
    m.resume();
    expect(m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0 + 2_000)).toEqual([]);
    near(m.position('SOL/USDT')?.size, 0.999);
  });
});

describe('exits and the working orders', () => {
  it('cancels armed exits with cancel all, the kill switch and an account reset, like any working order', () => {
    const m = holdingSol();
    const place = () => {
      accepted(m.placeOrder(sellStop(145, 0.5)));
      accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 0.1, price: 140 }));
    };
    place();
    expect(m.cancelAll()).toEqual({ cancelled: 2 });
    place();
    expect(m.killSwitch().cancelled).toBe(2);
    m.resume();
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'stop_market', size: 0.1, triggerPrice: 160 }));
    m.resetAccount();
    expect(m.openOrders()).toEqual([]);
  });
});

describe('restarts', () => {
  it('keeps the account, working orders, state and marks, and forgets the book', () => {
    const m = model();
    m.book('SOL/USDT', [[149, 100]], [[150, 100]], T0);
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1 }));
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'limit', size: 1, price: 140 }));
    m.halt();
    const before = { cash: m.cash(), equity: m.equity(), orders: m.openOrders(), positions: m.positions() };
    m.restart();
    expect({ cash: m.cash(), equity: m.equity(), orders: m.openOrders(), positions: m.positions() }).toEqual(before);
    expect(m.tradingState()).toBe('HALTED');
    m.resume();
    // no book and no ticker since the restart: a market order has nothing to be measured at
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'market', size: 0.5 }))).toBe('NO_PRICE');
  });

  it('keeps armed exits and their trailed triggers', () => {
    const m = holdingSol();
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'sell', type: 'trailing_stop', size: 0.999, reduceOnly: true, trailing: { distance: 2, unit: 'amount' } }));
    m.book('SOL/USDT', [[154, 100]], [[155, 100]], T0 + 1_000); // trails to 152
    m.restart();
    near(exitsHeld(m)[0].triggerPrice, 152);
    // the first book after the restart is past the trigger: it fires there
    expect(m.book('SOL/USDT', [[151, 100]], [[152, 100]], T0 + 60_000).map((f) => [f.price, f.size])).toEqual([[151, 0.999]]);
  });
});
