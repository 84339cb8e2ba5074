// Each fault ends the same way: one order at the exchange, every fill counted once, nothing orphaned,
// and the reason in front of the trader.
import { afterEach, describe, expect, it } from 'vitest';
import { type ExchangeSession, expectPositionAsAtExchange, Harness, marketAt60k, orderIn, orderPosts, placeLimit, sleep, SYMBOL, waitFor } from './exchange-harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const logText = (s: ExchangeSession): string => s.engine.snapshot().log.map((l) => l.message).join('\n');

describe('live desk under exchange faults', () => {
  it('marks an order UNKNOWN when the exchange answers 503 after booking it, then finds it open without sending it again', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    sim.fault.delayFills(1_500); // the order stream lags, so only the lookup can resolve the order
    sim.fault.nextOrderAcceptedThen5xx();
    const order = placeLimit(s, 'buy', 0.01, 59_900);
    await waitFor('the order to go UNKNOWN', () => orderIn(s, order.clientOrderId)?.status === 'unknown');
    expect(orderIn(s, order.clientOrderId)!.reason).toMatch(/no answer from Binance/);
    await waitFor('the lookup to find it open', () => orderIn(s, order.clientOrderId)?.status === 'open');
    expect(orderIn(s, order.clientOrderId)!.id).toBe(String(sim.orders()[0]!.orderId));
    expect(sim.orders()).toHaveLength(1);
    expect(orderPosts(sim)).toBe(1);
    expect(logText(s)).toMatch(/UNKNOWN until the exchange confirms it/);

    sim.fault.delayFills(0);
    sim.fillOrder(order.clientOrderId, 0.01);
    await waitFor('the fill', () => orderIn(s, order.clientOrderId)?.status === 'filled');
    expectPositionAsAtExchange(s, sim, 0.01);
  });

  it('looks a timed-out order up by its client id and applies the fill it got meanwhile, sending it once', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    sim.fault.delayFills(4_000);
    sim.fault.nextOrderTimeout();
    const order = placeLimit(s, 'buy', 0.02, 59_900);
    await waitFor('the order at the sim', () => sim.orders()[0]);
    sim.fillOrder(order.clientOrderId, 0.02);
    await waitFor('the order to go UNKNOWN after the timeout', () => orderIn(s, order.clientOrderId)?.status === 'unknown');
    await waitFor('the lookup to find it filled', () => orderIn(s, order.clientOrderId)?.status === 'filled');
    expectPositionAsAtExchange(s, sim, 0.02);
    expect(sim.orders()).toHaveLength(1);
    expect(orderPosts(sim)).toBe(1);
    // The delayed stream copy of the same trade arrives later and changes nothing.
    await sleep(4_200);
    expectPositionAsAtExchange(s, sim, 0.02);
    expect(s.engine.snapshot().fills).toHaveLength(1);
  });

  it('counts a fill the exchange reports twice only once in the position', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    sim.fault.duplicateFills(true);
    const order = placeLimit(s, 'buy', 0.01, 59_950);
    await waitFor('the order to be open', () => orderIn(s, order.clientOrderId)?.status === 'open');
    sim.printTrade('BTCUSDT', 59_950, 0.004, 'SELL');
    sim.printTrade('BTCUSDT', 59_950, 0.006, 'SELL');
    await waitFor('the full fill', () => orderIn(s, order.clientOrderId)?.status === 'filled');
    await sleep(300);
    expectPositionAsAtExchange(s, sim, 0.01);
    expect(orderIn(s, order.clientOrderId)!.filled).toBeCloseTo(0.01, 10);
    expect(s.engine.snapshot().fills).toHaveLength(2);
  });

  it('backs off when rate limited: the refused order is rejected with the reason and nothing is sent until the pause ends', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    await sleep(200);
    sim.fault.rateLimit(1, 429, 'POST /api/v3/order'); // the order post, not a balance poll that happens to come first
    const first = placeLimit(s, 'buy', 0.01, 59_900);
    await waitFor('the refused order to be rejected', () => orderIn(s, first.clientOrderId)?.status === 'rejected');
    expect(orderIn(s, first.clientOrderId)!.reason).toMatch(/rate limiting the desk .*nothing was placed/);
    expect(logText(s)).toMatch(/asked the desk to slow down/);
    const held = placeLimit(s, 'buy', 0.01, 59_900);
    await waitFor('the held order to be rejected', () => orderIn(s, held.clientOrderId)?.status === 'rejected');
    expect(orderIn(s, held.clientOrderId)!.reason).toMatch(/^Held back/);
    expect(orderPosts(sim)).toBe(1); // the refused one only: the held one never left
    expect(s.engine.snapshot().risk.state).toBe('ACTIVE');

    await sleep(1_100); // Retry-After: 1
    const later = placeLimit(s, 'buy', 0.01, 59_900);
    await waitFor('the next order to be open', () => orderIn(s, later.clientOrderId)?.status === 'open');
    expect(sim.orders().map((o) => o.clientOrderId)).toEqual([later.clientOrderId]);
  });

  it('still applies a fill made while every websocket was down', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    const order = placeLimit(s, 'buy', 0.01, 59_950);
    await waitFor('the order to be open', () => orderIn(s, order.clientOrderId)?.status === 'open');
    sim.fault.dropConnections();
    sim.fillOrder(order.clientOrderId, 0.01); // its executionReport goes nowhere
    await waitFor('the fill to arrive by polling or after reconnecting', () => orderIn(s, order.clientOrderId)?.status === 'filled');
    expectPositionAsAtExchange(s, sim, 0.01);
    expect(s.engine.snapshot().fills).toHaveLength(1);
    // Market data resubscribed too.
    sim.setBook('BTCUSDT', [[60_100, 1]], [[60_110, 1]]);
    await waitFor('the new book after reconnecting', () => s.engine.snapshot().book?.bids[0]?.[0] === 60_100);
  });

  it('halts trading with AUTHENTICATION when the exchange rejects the signature, and places nothing', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    sim.fault.rejectSignatures(true);
    const order = placeLimit(s, 'buy', 0.01, 59_900);
    await waitFor('the order to be rejected', () => orderIn(s, order.clientOrderId)?.status === 'rejected');
    expect(orderIn(s, order.clientOrderId)!.reason).toMatch(/refused the API credentials/);
    const risk = await waitFor('trading to halt', () => (s.engine.snapshot().risk.state === 'HALTED' ? s.engine.snapshot().risk : undefined));
    expect(risk.reason).toMatch(/AUTHENTICATION/);
    expect(sim.orders()).toHaveLength(0);
    const denied = s.engine.placeOrder({ symbol: SYMBOL, side: 'buy', type: 'limit', size: 0.01, price: 59_900 });
    expect(denied.ok).toBe(false);
    expect(logText(s)).not.toContain(sim.secret);
  });

  it("rejects an order the exchange refuses for its timestamp and names the computer's clock", async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    sim.fault.clockSkewMs(-30_000);
    const order = placeLimit(s, 'buy', 0.01, 59_900);
    await waitFor('the order to be rejected', () => orderIn(s, order.clientOrderId)?.status === 'rejected');
    expect(orderIn(s, order.clientOrderId)!.reason).toMatch(/computer's clock/);
    expect(sim.orders()).toHaveLength(0);
  });
});
