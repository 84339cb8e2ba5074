// Shadow mode: the exchange's real book, rules and balance; fills from the paper matcher; nothing sent.
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, marketAt60k, orderIn, placeLimit, positionSize, SYMBOL, waitFor } from './exchange-harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const orderRequests = (sim: Awaited<ReturnType<Harness['sim']>>) => sim.requests().filter((r) => r.path.startsWith('/api/v3/order'));

describe('shadow desk on the Binance simulator', () => {
  it("fills a market buy against the exchange's real book without sending anything, and logs what it would have sent", async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'shadow');
    expect(s.engine.mode).toBe('shadow');
    await marketAt60k(sim, s);
    const outcome = s.engine.placeOrder({ symbol: SYMBOL, side: 'buy', type: 'market', size: 1.5 });
    expect(outcome.ok && outcome.order.status).toBe('filled');
    const order = orderIn(s, outcome.ok ? outcome.order.clientOrderId : '')!;
    // 1 BTC at 60,010 and 0.5 at 60,020 from the sim's ask side.
    expect(order.avgFillPrice).toBeCloseTo((60_010 + 0.5 * 60_020) / 1.5, 6);
    expect(positionSize(s)).toBeCloseTo(1.5, 10);
    expect(s.logs).toContain(`Shadow: would send buy 1.5 BTC/USDT market (clientOrderId ${order.clientOrderId})`);
    expect(sim.orders()).toHaveLength(0);
    expect(orderRequests(sim)).toHaveLength(0);
  });

  it("rests a limit order and fills it on the exchange's public trade prints", async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'shadow');
    await marketAt60k(sim, s);
    const order = placeLimit(s, 'buy', 0.01, 59_950);
    expect(s.logs).toContain(`Shadow: would send buy 0.01 BTC/USDT limit 59,950 (clientOrderId ${order.clientOrderId})`);
    expect(orderIn(s, order.clientOrderId)!.status).toBe('open');
    sim.printTrade('BTCUSDT', 59_945, 0.05, 'SELL');
    await waitFor('the shadow fill', () => orderIn(s, order.clientOrderId)?.status === 'filled');
    expect(orderIn(s, order.clientOrderId)!.avgFillPrice).toBe(59_950);
    expect(sim.orders()).toHaveLength(0);
  });

  it("rejects what the exchange would refuse: below its minimum order value, or more than the account's free balance", async () => {
    h = new Harness();
    const sim = await h.sim({ balances: { USDT: 5_000, BTC: 0.01 } });
    const s = await h.session(sim, 'shadow');
    await marketAt60k(sim, s);
    const tiny = placeLimit(s, 'buy', 0.001, 4_000);
    expect(orderIn(s, tiny.clientOrderId)!.status).toBe('rejected');
    expect(orderIn(s, tiny.clientOrderId)!.reason).toMatch(/below Binance's minimum order value of 5 USDT/);
    const tooBig = placeLimit(s, 'buy', 0.1, 59_000);
    expect(orderIn(s, tooBig.clientOrderId)!.reason).toMatch(/needs 5,905.9 USDT with fees, and the free balance is 5,000 USDT/);
    const oversold = placeLimit(s, 'sell', 0.02, 61_000);
    expect(orderIn(s, oversold.clientOrderId)!.reason).toMatch(/selling 0.02 BTC needs that much free, and the free balance is 0.01 BTC/);
    expect(s.logs.filter((l) => l.startsWith('Shadow: would send'))).toHaveLength(0);
    expect(sim.orders()).toHaveLength(0);
  });
});
