import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../../shared/risk.ts';
import { RiskEngine } from './risk-engine.ts';
import { ctx, intentsAt } from './risk-fixtures.ts';

// Defaults: position 25,000, gross 1x equity, risk 1% per trade, 2% assumed stop, no duplicates.
const limits: RiskLimits = { ...DEFAULT_RISK_LIMITS };
const NOW = Date.parse('2025-03-01T12:00:00Z');
const intent = intentsAt(NOW);

describe('RiskEngine order rules', () => {
  it('allows an ordinary order within every limit', () => {
    expect(new RiskEngine(limits).check(intent('buy', 0.1), ctx())).toBeNull();
  });

  it('denies an order on a symbol the market does not list', () => {
    const denial = new RiskEngine(limits).check(intent('buy', 0.1, { symbol: 'FOO/USDT' }), ctx({ info: null }));
    expect(denial).toEqual({ code: 'UNKNOWN_SYMBOL', message: 'FOO/USDT is not a symbol the market lists.' });
  });

  it('denies an order when there is no reference price', () => {
    expect(new RiskEngine(limits).check(intent('buy', 0.1), ctx({ measuredPrice: null }))?.code).toBe('NO_PRICE');
  });

  it('denies an order with a size that is not a positive number', () => {
    const denial = new RiskEngine(limits).check(intent('buy', -1), ctx());
    expect(denial).toEqual({ code: 'INVALID_ORDER', message: 'Size -1 must be a positive number.' });
  });

  it('denies an order when the symbol feed is stale, from the context or from markStale', () => {
    const risk = new RiskEngine(limits);
    expect(risk.check(intent('buy', 0.1), ctx({ feedStale: true }))).toEqual({
      code: 'STALE_FEED',
      message: 'Market data for BTC/USDT is stale (nothing new for over 5 s), so new orders on it are paused.',
    });
    expect(risk.markStale('BTC/USDT', true)).toBe(true);
    expect(risk.markStale('BTC/USDT', true)).toBe(false);
    expect(risk.check(intent('buy', 0.1), ctx())?.code).toBe('STALE_FEED');
    expect(risk.check(intent('buy', 0.1, { symbol: 'ETH/USDT' }), ctx({ measuredPrice: 2_000 }))).toBeNull();
    expect(risk.markStale('BTC/USDT', false)).toBe(true);
    expect(risk.check(intent('buy', 0.1), ctx())).toBeNull();
  });

  it('allows a position worth exactly the limit and just under it, and denies one just over', () => {
    const risk = new RiskEngine(limits);
    expect(risk.check(intent('buy', 0.5), ctx())).toBeNull(); // 25,000
    expect(risk.check(intent('buy', 0.4999), ctx())).toBeNull(); // 24,995
    expect(risk.check(intent('buy', 0.5001), ctx())).toEqual({
      code: 'MAX_POSITION_SIZE',
      message: 'Order would make the BTC/USDT position worth 25,005 USDT, over the 25,000 USDT limit.',
    });
  });

  it('measures the position limit on the resulting position, including a flip', () => {
    const denial = new RiskEngine(limits).check(intent('sell', 0.7, { price: 62_500 }), ctx({ position: 0.2, measuredPrice: 62_500, grossExposure: 12_500 }));
    expect(denial).toEqual({
      code: 'MAX_POSITION_SIZE',
      message: 'Order would make the BTC/USDT position worth 31,250 USDT, over the 25,000 USDT limit.',
    });
  });

  it('allows gross exposure of exactly and just under the allowed multiple of equity, and denies just over', () => {
    const risk = new RiskEngine(limits);
    const held = ctx({ grossExposure: 80_000 });
    expect(risk.check(intent('buy', 0.4), held)).toBeNull(); // 100,000
    expect(risk.check(intent('buy', 0.3998), held)).toBeNull(); // 99,990
    expect(risk.check(intent('buy', 0.4002), held)).toEqual({
      code: 'INSUFFICIENT_CAPITAL',
      message: 'Order would bring gross exposure to 100,010 USDT, over the 100,000 USDT allowed (1× equity of 100,000 USDT).',
    });
  });

  it('counts only the new side of a flip as added exposure', () => {
    // Long 0.2 (10,000) flipped to short 0.1 (5,000): gross goes from 96,000 to 91,000, not 111,000.
    const risk = new RiskEngine({ ...limits, noDuplicatePosition: false });
    expect(risk.check(intent('sell', 0.3), ctx({ position: 0.2, grossExposure: 96_000 }))).toBeNull();
  });

  it('allows risk to the stop of exactly and just under the per-trade limit, and denies just over', () => {
    const risk = new RiskEngine(limits);
    expect(risk.check(intent('buy', 0.4, { exits: { stopLoss: { triggerPrice: 47_500 } } }), ctx())).toBeNull(); // 1,000
    expect(risk.check(intent('buy', 0.4, { exits: { stopLoss: { triggerPrice: 47_501 } } }), ctx())).toBeNull(); // 999.6
    expect(risk.check(intent('buy', 0.4, { exits: { stopLoss: { triggerPrice: 47_499 } } }), ctx())).toEqual({
      code: 'RISK_PER_TRADE',
      message: 'Order risks 1,000.4 USDT to its stop at 47,499, over the 1,000 USDT allowed per trade (1% of equity).',
    });
  });

  it('assumes the default stop distance when an order carries no stop', () => {
    const risk = new RiskEngine({ ...limits, maxPositionValue: 100_000 });
    expect(risk.check(intent('buy', 1), ctx())).toBeNull(); // 50,000 x 2% = 1,000
    expect(risk.check(intent('buy', 0.9999), ctx())).toBeNull();
    expect(risk.check(intent('buy', 1.0001), ctx())).toEqual({
      code: 'RISK_PER_TRADE',
      message: 'Order risks 1,000.1 USDT to the assumed 2% stop, over the 1,000 USDT allowed per trade (1% of equity).',
    });
  });

  it('denies adding to a position held in the same direction when duplicates are off', () => {
    const risk = new RiskEngine(limits);
    expect(risk.check(intent('buy', 0.1), ctx({ position: 0.1, grossExposure: 5_000 }))).toEqual({
      code: 'DUPLICATE_POSITION',
      message: 'You already hold a long BTC/USDT position of 0.1; adding to it is turned off (no duplicate positions).',
    });
    expect(risk.check(intent('sell', 0.1), ctx({ position: -0.25, grossExposure: 12_500 }))?.code).toBe('DUPLICATE_POSITION');
    expect(risk.check(intent('sell', 0.3), ctx({ position: 0.1, grossExposure: 5_000 }))).toBeNull();
  });

  it('counts working orders on the same side toward the position limit, as if they all fill', () => {
    const risk = new RiskEngine({ ...limits, noDuplicatePosition: false });
    // 0.3 working + 0.2 more = 0.5 BTC = 25,000: exactly at the limit; 0.21 more goes over.
    expect(risk.check(intent('buy', 0.2), ctx({ workingSameSide: 0.3 }))).toBeNull();
    expect(risk.check(intent('buy', 0.21), ctx({ workingSameSide: 0.3 }))?.code).toBe('MAX_POSITION_SIZE');
  });

  it('denies a second opening order on the same side while the first is still working', () => {
    const risk = new RiskEngine(limits);
    expect(risk.check(intent('buy', 0.1), ctx({ workingSameSide: 0.1 }))).toEqual({
      code: 'DUPLICATE_POSITION',
      message: 'A buy order for 0.1 BTC/USDT is already working; a second one would open a duplicate position (no duplicate positions).',
    });
  });

  it('treats an order as reducing only for the part of the position not already being closed by working orders', () => {
    const risk = new RiskEngine(limits);
    const big = ctx({ position: 2, grossExposure: 100_000, workingSameSide: 1.5 });
    expect(risk.check(intent('sell', 0.5), big)).toBeNull();
    // 1.2 more would sell past flat once the working 1.5 fills (short 0.7 = 35,000): not reducing, so the limits apply.
    expect(risk.check(intent('sell', 1.2), big)?.code).toBe('MAX_POSITION_SIZE');
  });

  it('allows adding to a position when duplicates are on', () => {
    const risk = new RiskEngine({ ...limits, noDuplicatePosition: false });
    expect(risk.check(intent('buy', 0.1), ctx({ position: 0.1, grossExposure: 5_000 }))).toBeNull();
  });

  it('lets a reducing order through even when the position is already over every size limit', () => {
    // Long 2 BTC = 100,000: over the position limit, at the gross limit, and the order alone risks 2,000 at 2%.
    const risk = new RiskEngine(limits);
    const big = ctx({ position: 2, grossExposure: 100_000 });
    expect(risk.check(intent('sell', 2), big)).toBeNull();
    expect(risk.check(intent('sell', 1), big)).toBeNull();
    expect(risk.check(intent('sell', 2.1), big)?.code).toBe('RISK_PER_TRADE'); // a flip is not reducing
  });

  it('treats an order closing a float-residue size as reducing', () => {
    const risk = new RiskEngine(limits);
    expect(risk.check(intent('sell', 0.30000000000000004), ctx({ position: 0.3, grossExposure: 15_000 }))).toBeNull();
  });

  it('applies new limits from setLimits to the next order', () => {
    const risk = new RiskEngine(limits);
    risk.setLimits({ ...limits, maxPositionValue: 10_000 });
    expect(risk.check(intent('buy', 0.2), ctx())).toBeNull();
    expect(risk.check(intent('buy', 0.21), ctx())?.code).toBe('MAX_POSITION_SIZE');
    expect(risk.limits.maxPositionValue).toBe(10_000);
  });

  it('reports usage of each limit as fractions', () => {
    const risk = new RiskEngine(limits);
    risk.markStale('ETH/USDT', true);
    expect(risk.status({ dailyLossFraction: 0.025, drawdown: 0.05, grossExposure: 75_000, equity: 100_000, largestPositionValue: 20_000 })).toEqual({
      state: 'ACTIVE',
      reason: null,
      reasonCode: null,
      limits,
      usage: { dailyLoss: 0.5, drawdown: 0.25, grossExposure: 0.75, largestPosition: 0.8 },
      staleSymbols: ['ETH/USDT'],
    });
  });

  it('reports gross exposure fully used when no equity is left', () => {
    const status = new RiskEngine(limits).status({ dailyLossFraction: 0, drawdown: 0, grossExposure: 5_000, equity: 0, largestPositionValue: 5_000 });
    expect(status.usage.grossExposure).toBe(1);
  });
});
