import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS } from '../../src/shared/risk.ts';
import { BTC, openDesk, removeDesk, START, type TestDesk } from '../support/test-desk.ts';

const desks: TestDesk[] = [];
async function desk(...args: Parameters<typeof openDesk>): Promise<TestDesk> {
  const d = await openDesk(...args);
  desks.push(d);
  return d;
}
afterEach(() => {
  for (const d of desks.splice(0)) {
    try {
      d.close();
    } catch {
      // already closed by the test
    }
    removeDesk(d);
  }
});

describe('paper desk', () => {
  it('fills a market buy across the book and marks the position and equity to the market', async () => {
    const d = await desk({ settings: { riskLimits: { ...DEFAULT_RISK_LIMITS, maxPositionValue: 100_000, riskPerTrade: 0.05 } } });
    d.quote(60_000, 60_010);
    const outcome = d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: 1.5 });
    expect(outcome.ok).toBe(true);
    const snap = d.engine.snapshot();
    // 1 BTC at 60,010 and 0.5 at 60,020: VWAP 60,013.33. As on a spot exchange the 0.05% taker fee is
    // taken in the BTC bought: 1.5 × 0.9995 = 1.49925 held, and the cash pays only the price.
    const position = snap.positions.find((p) => p.symbol === BTC.symbol)!;
    expect(position.size).toBeCloseTo(1.49925, 12);
    expect(position.avgPrice).toBeCloseTo(60_013.3333, 2);
    const fees = (60_010 * 1 + 60_020 * 0.5) * 0.0005;
    expect(snap.account.feesPaid).toBeCloseTo(fees, 6);
    expect(snap.account.cash).toBeCloseTo(100_000 - 90_020, 6);
    d.quote(61_000, 61_010);
    const marked = d.engine.snapshot();
    expect(marked.positions[0]!.unrealizedPnl).toBeCloseTo(1.49925 * (61_005 - 60_013.3333), 2);
    expect(marked.account.equity).toBeCloseTo(100_000 - 90_020 + 1.49925 * 61_005, 2);
  });

  it('rests a limit order, fills it partly on a trade print and cancels the rest', async () => {
    const d = await desk();
    d.quote(60_000, 60_010);
    const placed = d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'limit', size: 0.3, price: 59_950 });
    expect(placed.ok && placed.order.status).toBe('open');
    d.trade(59_950, 0.2, 'sell');
    const open = d.engine.snapshot().openOrders[0]!;
    expect(open.status).toBe('partially_filled');
    expect(open.filled).toBeCloseTo(0.2, 12);
    d.engine.cancelOrder(open.clientOrderId);
    const snap = d.engine.snapshot();
    expect(snap.openOrders).toHaveLength(0);
    expect(snap.orderHistory[0]!.status).toBe('cancelled');
    // 0.2 bought as maker, less its 0.02% fee in BTC.
    expect(snap.positions[0]!.size).toBeCloseTo(0.2 * (1 - 0.0002), 12);
    expect(snap.fills[0]!.liquidity).toBe('maker');
  });

  it('denies an order over the position size limit with its reason and sends nothing', async () => {
    const d = await desk();
    d.quote(60_000, 60_010);
    const outcome = d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: 1 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.denial.code).toBe('MAX_POSITION_SIZE');
    expect(outcome.denial.message).toMatch(/25,000/);
    const snap = d.engine.snapshot();
    expect(snap.openOrders).toHaveLength(0);
    expect(snap.orderHistory).toHaveLength(0);
    expect(snap.positions).toHaveLength(0);
    expect(snap.log[0]!.message).toBe(outcome.denial.message);
  });

  it('refuses new orders while halted and accepts them after resume', async () => {
    const d = await desk({ settings: {} });
    d.quote(60_000, 60_010);
    d.engine.halt('lunch');
    const halted = d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: 0.1 });
    expect(!halted.ok && halted.denial.code).toBe('TRADING_HALTED');
    expect(d.engine.snapshot().risk.state).toBe('HALTED');
    expect(d.engine.resume()).toBeNull();
    const resumed = d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: 0.1 });
    expect(resumed.ok).toBe(true);
  });

  it('kill switch cancels every open order, flattens every position and halts', async () => {
    const d = await desk();
    d.quote(60_000, 60_010);
    d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: 0.2 });
    d.engine.placeOrder({ symbol: BTC.symbol, side: 'sell', type: 'limit', size: 0.1, price: 61_000 });
    expect(d.engine.killSwitch()).toEqual({ cancelled: 1, closed: 1, remaining: [], strategiesStopped: 0 });
    const snap = d.engine.snapshot();
    expect(snap.openOrders).toHaveLength(0);
    expect(snap.positions).toHaveLength(0);
    expect(snap.risk.state).toBe('HALTED');
    expect(snap.risk.reasonCode).toBe('KILL_SWITCH');
  });

  it('switches every strategy off with the kill switch, so that Resume does not start them trading again', async () => {
    const d = await desk();
    d.quote(60_000, 60_010);
    const created = d.engine.createStrategy({ kind: 'momentum', symbol: BTC.symbol, timeframe: '1s', params: { lookback: 3, threshold: 0.001, orderSize: 0.1 } });
    d.engine.setStrategyActive(created, true);
    expect(d.engine.killSwitch().strategiesStopped).toBe(1);
    expect(d.engine.resume()).toBeNull();
    const snap = d.engine.snapshot();
    expect(snap.strategies.filter((s) => s.config.active)).toEqual([]);
    expect(snap.risk.state).toBe('ACTIVE');
  });

  it('trips the daily loss breaker at 5% and then lets only position-reducing orders through', async () => {
    const d = await desk({ settings: { riskLimits: { ...DEFAULT_RISK_LIMITS, maxPositionValue: 1e9, maxGrossExposure: 5, riskPerTrade: 1 } } });
    d.quote(60_000, 60_010);
    expect(d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: 1 }).ok).toBe(true);
    d.quote(55_000, 55_010);
    const snap = d.engine.snapshot();
    expect(snap.account.dailyPnl).toBeLessThan(-5_000);
    expect(snap.risk.state).toBe('REDUCING');
    expect(snap.risk.reasonCode).toBe('DAILY_LOSS_LIMIT');
    d.engine.flush();
    const opening = d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: 0.01 });
    expect(!opening.ok && opening.denial.code).toBe('REDUCING_ONLY');
    const closing = d.engine.closePosition(BTC.symbol);
    expect(closing?.ok).toBe(true);
    expect(d.engine.snapshot().positions).toHaveLength(0);
  });

  it('restores balance, positions, open orders, history and halt state after a restart', async () => {
    const first = await desk();
    first.quote(60_000, 60_010);
    first.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: 0.3 });
    first.engine.placeOrder({ symbol: BTC.symbol, side: 'sell', type: 'limit', size: 0.1, price: 61_000 });
    first.engine.halt('checking the restart');
    const before = first.engine.snapshot();
    expect(before.openOrders).toHaveLength(1);
    expect(before.positions).toHaveLength(1);
    first.close();

    const second = await desk({ dir: first.dir, now: START + 60_000 });
    const after = second.engine.snapshot();
    expect(after.account.cash).toBeCloseTo(before.account.cash, 9);
    expect(after.account.feesPaid).toBeCloseTo(before.account.feesPaid, 9);
    expect(after.positions.map((p) => [p.symbol, p.size, p.avgPrice])).toEqual(before.positions.map((p) => [p.symbol, p.size, p.avgPrice]));
    expect(after.openOrders.map((o) => o.clientOrderId)).toEqual(before.openOrders.map((o) => o.clientOrderId));
    expect(after.orderHistory.map((o) => o.clientOrderId)).toEqual(before.orderHistory.map((o) => o.clientOrderId));
    expect(after.risk.state).toBe('HALTED');
    expect(after.risk.reason).toMatch(/checking the restart/);
    // The execution panel counts what it counted before: 2 orders sent, 1 filled, not "0 orders, 1 filled".
    expect(after.execution).toEqual(before.execution);
    expect(after.execution).toMatchObject({ orders: 2, filledOrders: 1 });
    // The restored limit order still works at the paper venue: 0.3 less the fee in BTC, less the 0.1 sold.
    second.engine.resume();
    second.quote(61_000, 61_010);
    expect(second.engine.snapshot().positions[0]!.size).toBeCloseTo(0.3 * 0.9995 - 0.1, 12);
  });

  it('runs an activated momentum strategy from signal to order to fill to position', async () => {
    const d = await desk();
    const created = d.engine.createStrategy({ kind: 'momentum', symbol: BTC.symbol, timeframe: '1s', params: { lookback: 3, threshold: 0.001, orderSize: 0.1 } });
    d.engine.setStrategyActive(created, true);
    let price = 60_000;
    for (let second = 1; second <= 8; second++) {
      price *= 1.001;
      const ts = START + second * 1000;
      d.quote(Math.round(price * 10) / 10, Math.round(price * 10) / 10 + 10, ts);
      d.trade(Math.round(price * 10) / 10, 0.01, 'buy', ts);
    }
    const snap = d.engine.snapshot();
    expect(snap.signals[0]).toMatchObject({ strategyId: created, direction: 'long' });
    expect(snap.orderHistory[0]).toMatchObject({ source: `strategy:${created}`, status: 'filled', side: 'buy' });
    expect(snap.positions[0]!.size).toBeCloseTo(0.1 * 0.9995, 12);
  });

  it('keeps every strategy in its place in the list when one is switched on, off or edited', async () => {
    const d = await desk();
    const ids = () => d.engine.snapshot().strategies.map((s) => s.config.id);
    const before = ids();
    expect(before.length).toBeGreaterThan(1);
    const first = before[0]!;
    d.engine.setStrategyActive(first, true);
    expect(ids()).toEqual(before);
    d.engine.updateStrategy(first, { orderSize: 0.02 });
    expect(ids()).toEqual(before);
    d.engine.setStrategyActive(first, false);
    expect(ids()).toEqual(before);
    expect(d.engine.snapshot().strategies[0]).toMatchObject({ config: { id: first, active: false, params: { orderSize: 0.02 } } });
  });

  it('prices a market order from the book when no ticker has arrived yet', async () => {
    const d = await desk();
    d.feed.push({ type: 'book', book: { symbol: BTC.symbol, ts: START, bids: [[60_000, 1]], asks: [[60_010, 1]] } });
    const outcome = d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: 0.1 });
    expect(outcome.ok && outcome.order.price).toBe(60_010);
    expect(d.engine.snapshot().positions[0]!.avgPrice).toBe(60_010);
  });

  it('ignores a duplicate fill message', async () => {
    const d = await desk();
    d.quote(60_000, 60_010);
    d.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: 0.1 });
    const fill = d.engine.snapshot().fills[0]!;
    expect(d.journal.recordFill(fill)).toBe(false);
    expect(d.engine.snapshot().positions[0]!.size).toBeCloseTo(0.1 * 0.9995, 12);
  });
});
