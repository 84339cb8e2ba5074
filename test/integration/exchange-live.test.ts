import { afterEach, describe, expect, it } from 'vitest';
import { expectPositionAsAtExchange, Harness, marketAt60k, orderIn, placeLimit, SYMBOL, waitFor } from './exchange-harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

describe('live desk on the Binance simulator', () => {
  it('rests a limit buy at the exchange, fills it in two prints and holds the position at its price', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    const order = placeLimit(s, 'buy', 0.01, 59_950);
    const atSim = await waitFor('the order at the sim', () => sim.orders().find((o) => o.clientOrderId === order.clientOrderId));
    expect(atSim.status).toBe('NEW');
    await waitFor('the order to be open', () => orderIn(s, order.clientOrderId)?.status === 'open');
    expect(orderIn(s, order.clientOrderId)!.id).toBe(String(atSim.orderId));

    sim.printTrade('BTCUSDT', 59_950, 0.004, 'SELL');
    const partial = await waitFor('a partial fill', () => (orderIn(s, order.clientOrderId)?.status === 'partially_filled' ? orderIn(s, order.clientOrderId) : undefined));
    expect(partial.filled).toBeCloseTo(0.004, 10);

    sim.printTrade('BTCUSDT', 59_940, 0.02, 'SELL');
    await waitFor('the full fill', () => orderIn(s, order.clientOrderId)?.status === 'filled');
    const snap = s.engine.snapshot();
    const position = snap.positions.find((p) => p.symbol === SYMBOL)!;
    expectPositionAsAtExchange(s, sim, 0.01);
    // The 1 BTC the account held was taken in at the 60,005 mark; 0.01 more bought at 59,950 (the fee in BTC
    // leaves at the fill price, so the average moves by a hair more).
    expect(position.avgPrice).toBeCloseTo((60_005 + 0.01 * 59_950) / 1.01, 4);
    expect(position.importedAtMark).toBe(true);
    // Binance charges buys in the base asset: 0.1% of 0.01 BTC, worth 0.5995 USDT at the fill price.
    expect(snap.account.feesPaid).toBeCloseTo(0.01 * 59_950 * 0.001, 6);
    expect(snap.fills).toHaveLength(2);
    expect(sim.orders()).toHaveLength(1);
  });

  it('cancels a resting order at the exchange and shows it cancelled', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    const order = placeLimit(s, 'sell', 0.02, 61_000);
    await waitFor('the order to be open', () => orderIn(s, order.clientOrderId)?.status === 'open');
    s.engine.cancelOrder(order.clientOrderId);
    await waitFor('the order to be cancelled', () => orderIn(s, order.clientOrderId)?.status === 'cancelled');
    expect(sim.orders()[0]!.status).toBe('CANCELED');
    expect(s.engine.snapshot().openOrders).toHaveLength(0);
  });

  it('keeps a partial fill that the stream had not delivered when the cancel went through, and counts it once', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    const order = placeLimit(s, 'buy', 0.02, 59_950);
    await waitFor('the order to be open', () => orderIn(s, order.clientOrderId)?.status === 'open');
    sim.fault.delayFills(1_500);
    sim.printTrade('BTCUSDT', 59_950, 0.005, 'SELL');
    s.engine.cancelOrder(order.clientOrderId);
    const done = await waitFor('the order to be cancelled', () => (orderIn(s, order.clientOrderId)?.status === 'cancelled' ? orderIn(s, order.clientOrderId) : undefined));
    expect(done.filled).toBeCloseTo(0.005, 10);
    expectPositionAsAtExchange(s, sim, 0.005);
    await new Promise((resolve) => setTimeout(resolve, 1_700)); // the delayed stream reports arrive
    expectPositionAsAtExchange(s, sim, 0.005);
    expect(s.engine.snapshot().fills).toHaveLength(1);
  });

  it('fills a market buy against the book with the fills from the exchange reply', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    const outcome = s.engine.placeOrder({ symbol: SYMBOL, side: 'buy', type: 'market', size: 0.5 });
    expect(outcome.ok).toBe(true);
    const clientOrderId = outcome.ok ? outcome.order.clientOrderId : '';
    await waitFor('the market order to fill', () => orderIn(s, clientOrderId)?.status === 'filled');
    expectPositionAsAtExchange(s, sim, 0.5);
    expect(orderIn(s, clientOrderId)!.avgFillPrice).toBeCloseTo(60_010, 6);
  });
});
