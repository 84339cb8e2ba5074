// Shadow mode: the exchange's real book, rules and balance; fills from the paper matcher; nothing sent.
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, heldAt, marketAt60k, orderIn, placeLimit, positionSize, SYMBOL, waitFor } from './exchange-harness.ts';

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
    // The account's real 1 BTC, taken in when the shadow account began, plus 1.5 less the fee in BTC the
    // exchange would have kept (its published 0.1%).
    expect(positionSize(s)).toBeCloseTo(1 + 1.5 * 0.999, 10);
    expect(s.logs).toContain(`Shadow: would send buy 1.5 BTC/USDT market (clientOrderId ${order.clientOrderId})`);
    expect(sim.orders()).toHaveLength(0);
    expect(orderRequests(sim)).toHaveLength(0);
    expect(heldAt(sim, 'BTC')).toBe(1);
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

  it("refuses what the exchange would refuse: below its minimum order value, more than the account holds, or above its largest size", async () => {
    h = new Harness();
    const sim = await h.sim({ balances: { USDT: 5_000, BTC: 0.01 } });
    const s = await h.session(sim, 'shadow');
    await marketAt60k(sim, s);
    const refusal = (size: number, side: 'buy' | 'sell', price: number) => {
      const outcome = s.engine.placeOrder({ symbol: SYMBOL, side, type: 'limit', size, price });
      return outcome.ok ? null : outcome.denial;
    };
    expect(refusal(0.001, 'buy', 4_000)).toEqual({ code: 'INVALID_ORDER', message: 'Order value 4 USDT is below the BTC/USDT minimum order value of 5 USDT.' });
    expect(refusal(0.1, 'buy', 59_000)?.code).toBe('INSUFFICIENT_BALANCE');
    expect(refusal(0.1, 'buy', 59_000)?.message).toMatch(/costs about 5,900 USDT, more than the 5,000 USDT free/);
    expect(refusal(0.02, 'sell', 61_000)?.message).toMatch(/you can sell only the BTC you hold, 0.01 free, not 0.02/);
    expect(s.logs.filter((l) => l.startsWith('Shadow: would send'))).toHaveLength(0);
    expect(sim.orders()).toHaveLength(0);
  });
});
