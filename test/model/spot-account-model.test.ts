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
    expect(m.openOrders()).toEqual([{ id: order.id, symbol: 'SOL/USDT', side: 'buy', size: 3, filled: 1, price: 151 }]);
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

  it('refuses the minimum value and a stop on the wrong side before STALE_FEED', () => {
    const m = model({ riskLimits: { staleFeedMs: 5_000 } });
    m.book('SOL/USDT', [[149, 10]], [[150, 10]], T0);
    m.advanceTo(T0 + 10_000); // stale
    // 0.02 × 150 = 3 < 5
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.02 }))).toBe('INVALID_ORDER');
    // a buy's stop must be below its measured price of 150
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1, stopPrice: 150 }))).toBe('INVALID_ORDER');
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1, stopPrice: 140 }))).toBe('STALE_FEED');
    m.book('SOL/USDT', [[149, 10]], [[150, 10]], T0 + 10_000);
    expect(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 1, stopPrice: 140 }).ok).toBe(true);
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
    // with a stop 1 below: risk 6 × (150 − 149) = 6 ≤ 10
    accepted(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 6, stopPrice: 149 })); // holds 5.994
    // a second buy of 0.1: value (5.994 + 0.1) × 150 = 914.1 ≤ 2,000;
    // gross 5.994 × 149.5 (mark) + 0.1 × 150 = 896.103 + 15 = 911.103
    //   ≤ 0.01 × equity = 0.01 × (99,100 + 896.103) = 999.96;
    // risk 0.1 × 150 × 2% = 0.3 ≤ 0.0001 × 99,996.103 = 9.9996 — only the duplicate rule is left
    expect(refusedWith(m.placeOrder({ symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 0.1 }))).toBe('DUPLICATE_POSITION');
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
});
