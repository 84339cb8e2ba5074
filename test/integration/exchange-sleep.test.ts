// The computer sleeps with a live order working at the exchange: the desk trades nothing while asleep
// or before it has asked the exchange what happened, and on waking learns the fill the exchange made
// meanwhile from the exchange itself.
import { afterEach, describe, expect, it } from 'vitest';
import { expectPositionAsAtExchange, Harness, marketAt60k, orderIn, orderPosts, placeLimit, sleep, SYMBOL, waitFor } from './exchange-harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});


describe('a live desk when the computer sleeps', () => {
  it('is stale while asleep, sends nothing, and on waking applies the fill the exchange made meanwhile before trading again', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    const resting = placeLimit(s, 'buy', 0.01, 59_900);
    await waitFor('the order open at the exchange', () => orderIn(s, resting.clientOrderId)?.status === 'open');
    const postsBefore = orderPosts(sim);

    // Going to sleep: the sockets die with the network and no data comes.
    s.engine.sleep();
    sim.fault.silence(true);
    sim.fault.dropConnections();
    expect(s.engine.snapshot().risk.staleSymbols).toContain(SYMBOL);
    const asleep = s.engine.placeOrder({ symbol: SYMBOL, side: 'buy', type: 'limit', size: 0.01, price: 59_800 });
    expect(asleep.ok ? 'sent' : asleep.denial.code).toBe('STALE_FEED');

    // Meanwhile the exchange fills the resting order.
    sim.fillOrder(resting.clientOrderId, 0.01);

    // The network is back before the desk has checked with the exchange: fresh prices alone do not lift the stale flag.
    sim.fault.silence(false);
    sim.printTrade('BTCUSDT', 60_004, 0.001, 'SELL');
    await sleep(600);
    expect(s.engine.snapshot().risk.staleSymbols).toContain(SYMBOL);
    const early = s.engine.placeOrder({ symbol: SYMBOL, side: 'buy', type: 'limit', size: 0.01, price: 59_800 });
    expect(early.ok ? 'sent' : early.denial.code).toBe('STALE_FEED');

    // Waking has asked the exchange: the fill is in the desk by the time it answers, not at some later poll.
    await s.engine.wake();
    expect(orderIn(s, resting.clientOrderId)?.status).toBe('filled');
    expectPositionAsAtExchange(s, sim, 0.01);
    expect(orderPosts(sim)).toBe(postsBefore);

    // Awake and checked: the next market data lifts the stale flag and orders go out again.
    sim.printTrade('BTCUSDT', 60_006, 0.001, 'BUY');
    await waitFor('the feed no longer stale', () => !s.engine.snapshot().risk.staleSymbols.includes(SYMBOL));
    const after = placeLimit(s, 'buy', 0.01, 59_800);
    await waitFor('the new order open at the exchange', () => orderIn(s, after.clientOrderId)?.status === 'open');
    expect(orderPosts(sim)).toBe(postsBefore + 1);
  });
});
