// Exits on a live desk against the Binance simulator: held by the desk and sent as market orders when the
// exchange's prints and books cross them, one order per exit at the exchange, the position as the
// exchange holds it.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FileJournal } from '../../src/main/adapters/journal/file-journal.ts';
import { journalFileFor } from '../../src/main/adapters/ccxt/exchange-desk.ts';
import { Harness, marketAt60k, orderIn, positionSize, SYMBOL, waitFor } from './exchange-harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

describe('live desk exits on a venue without native stops', () => {
  it('arms a bracket’s stop at the desk, sends it as one market sell when the market falls through it, and cancels the take-profit', async () => {
    h = new Harness();
    const sim = await h.sim({ nativeStops: false });
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    const held = positionSize(s);
    const placed = s.engine.placeOrder({ symbol: SYMBOL, side: 'buy', type: 'market', size: 0.01, stopLoss: { triggerPrice: 59_500 }, takeProfit: { triggerPrice: 61_000 } });
    if (!placed.ok) throw new Error(placed.denial.message);
    const entry = placed.order.clientOrderId;
    await waitFor('the entry filled', () => orderIn(s, entry)?.status === 'filled');
    const stop = await waitFor('the stop armed', () => s.engine.snapshot().openOrders.find((o) => o.clientOrderId === `${entry}-sl`));
    expect(stop).toMatchObject({ type: 'stop_market', heldBy: 'desk', side: 'sell' });
    // The exits protect what this bracket bought, net of the exchange's fee in BTC, not the coins held before.
    expect(stop.size).toBeCloseTo(0.00999, 10);
    expect(sim.orders().filter((o) => o.clientOrderId.startsWith(entry))).toHaveLength(1);

    sim.printTrade('BTCUSDT', 59_400, 0.001, 'SELL');
    sim.setBook('BTCUSDT', [[59_400, 1]], [[59_410, 1]]);
    await waitFor('the stop filled', () => orderIn(s, `${entry}-sl`)?.status === 'filled');
    const atVenue = sim.orders().filter((o) => o.clientOrderId === `${entry}-sl`);
    expect(atVenue.map((o) => [o.type, o.side, o.status])).toEqual([['MARKET', 'SELL', 'FILLED']]);
    expect(orderIn(s, `${entry}-tp`)?.status).toBe('cancelled');
    expect(sim.orders().some((o) => o.clientOrderId === `${entry}-tp`)).toBe(false);
    await waitFor('the position back to what was held before', () => Math.abs(positionSize(s) - held) < 1e-8);
  });

  it('looks a fired exit up by its clientOrderId after a crash before it was sent, and never sends it twice', async () => {
    h = new Harness();
    const sim = await h.sim({ nativeStops: false });
    // The journal as a kill left it: the stop written as fired, the exchange never asked.
    const journal = new FileJournal(join(h.dir, journalFileFor('live', { id: 'binance', testnet: false })));
    journal.upsertOrder({
      clientOrderId: 'hd-crash-1-sl', id: '', symbol: SYMBOL, side: 'sell', type: 'stop_market', size: 0.01, triggerPrice: 59_500,
      reduceOnly: true, heldBy: 'desk', triggeredAt: Date.now() - 1_000, source: 'manual', ts: Date.now() - 60_000,
      status: 'open', filled: 0, avgFillPrice: 0, fees: 0, updatedAt: Date.now() - 1_000,
    });
    journal.close();
    const s = await h.session(sim, 'live');
    await waitFor('the exchange found never to have received it', () => orderIn(s, 'hd-crash-1-sl')?.status === 'rejected', 15_000);
    expect(sim.orders().filter((o) => o.clientOrderId === 'hd-crash-1-sl')).toEqual([]);
    expect(s.engine.snapshot().log.some((l) => /hd-crash-1-sl rejected: .* does not protect the BTC\/USDT position; place it again/.test(l.message))).toBe(true);
  });
});

describe('live desk exits the venue keeps itself', () => {
  it('places a stop-limit on the exchange, which fires it on a print through the stop and fills it there', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    const placed = s.engine.placeOrder({ symbol: SYMBOL, side: 'sell', type: 'stop_limit', size: 0.5, triggerPrice: 59_500, price: 59_400, reduceOnly: true });
    if (!placed.ok) throw new Error(placed.denial.message);
    const id = placed.order.clientOrderId;
    const atVenue = await waitFor('the stop at the exchange', () => sim.openOrders('BTCUSDT').find((o) => o.clientOrderId === id));
    expect(atVenue).toMatchObject({ type: 'STOP_LOSS_LIMIT', side: 'SELL', stopPrice: 59_500, price: 59_400, workingTime: -1 });
    await waitFor('the stop open at the desk', () => orderIn(s, id)?.status === 'open');
    expect(orderIn(s, id)?.heldBy).toBe('exchange');

    sim.setBook('BTCUSDT', [[59_450, 1]], [[59_460, 1]]);
    sim.printTrade('BTCUSDT', 59_480, 0.01, 'SELL');
    await waitFor('the stop filled', () => orderIn(s, id)?.status === 'filled');
    expect(s.engine.snapshot().fills.filter((f) => f.clientOrderId === id).map((f) => [f.price, f.size])).toEqual([[59_450, 0.5]]);
    await waitFor('the position as the exchange holds it', () => Math.abs(positionSize(s) - 0.5) < 1e-9);
  });

  it('protects a position with an OCO list on the exchange: the take-profit fills on a print and the exchange expires the stop', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    const protect = s.engine.protectPosition({ symbol: SYMBOL, size: 0.4, stopLoss: { triggerPrice: 59_000 }, takeProfit: { triggerPrice: 61_000, price: 61_000 } });
    if (!protect.ok) throw new Error(protect.denial.message);
    const [stop, target] = protect.orders.map((o) => o.clientOrderId) as [string, string];
    await waitFor('both legs open', () => orderIn(s, stop)?.status === 'open' && orderIn(s, target)?.status === 'open');
    expect(sim.orderLists()).toHaveLength(1);
    expect(sim.openOrders('BTCUSDT').map((o) => [o.clientOrderId, o.type]).sort()).toEqual([[stop, 'STOP_LOSS'], [target, 'LIMIT_MAKER']].sort());

    sim.printTrade('BTCUSDT', 61_000, 1, 'BUY');
    await waitFor('the take-profit filled', () => orderIn(s, target)?.status === 'filled');
    await waitFor('the stop expired by the exchange', () => orderIn(s, stop)?.status === 'cancelled');
    expect(sim.openOrders('BTCUSDT')).toEqual([]);
    await waitFor('the position as the exchange holds it', () => Math.abs(positionSize(s) - 0.6) < 1e-9);
  });

  it('hands a bracket’s stop and take-profit to the exchange as an OCO list once its entry has filled', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    const placed = s.engine.placeOrder({ symbol: SYMBOL, side: 'buy', type: 'market', size: 0.01, stopLoss: { triggerPrice: 59_500 }, takeProfit: { triggerPrice: 61_000 } });
    if (!placed.ok) throw new Error(placed.denial.message);
    const entry = placed.order.clientOrderId;
    await waitFor('both exits open at the exchange', () => [`${entry}-sl`, `${entry}-tp`].every((id) => orderIn(s, id)?.status === 'open' && orderIn(s, id)?.heldBy === 'exchange'));
    expect(sim.orderLists()).toHaveLength(1);
    expect(sim.openOrders('BTCUSDT').map((o) => [o.clientOrderId, o.type, o.origQty]).sort()).toEqual([[`${entry}-sl`, 'STOP_LOSS', 0.00999], [`${entry}-tp`, 'LIMIT_MAKER', 0.00999]].sort());

    sim.printTrade('BTCUSDT', 59_400, 0.05, 'SELL');
    await waitFor('the stop filled at the exchange', () => orderIn(s, `${entry}-sl`)?.status === 'filled');
    await waitFor('the take-profit expired by the exchange', () => orderIn(s, `${entry}-tp`)?.status === 'cancelled');
  });

  it('finds both kinds again after a restart: the exchange’s stop reconciled, the desk’s trailing stop armed', async () => {
    h = new Harness();
    const sim = await h.sim();
    const s = await h.session(sim, 'live');
    await marketAt60k(sim, s);
    const stop = s.engine.placeOrder({ symbol: SYMBOL, side: 'sell', type: 'stop_market', size: 0.3, triggerPrice: 59_000, reduceOnly: true });
    const trail = s.engine.placeOrder({ symbol: SYMBOL, side: 'sell', type: 'trailing_stop', size: 0.3, trailing: { distance: 1, unit: 'percent' }, reduceOnly: true });
    if (!stop.ok || !trail.ok) throw new Error('refused');
    await waitFor('the stop open', () => orderIn(s, stop.order.clientOrderId)?.status === 'open');
    await s.close();

    const again = await h.session(sim, 'live');
    await waitFor('the restarted desk to reconcile', () => again.logs.some((l) => /Checked 2 open order/.test(l)) || again.engine.snapshot().log.some((l) => /Checked \d+ open order/.test(l.message)));
    const open = again.engine.snapshot().openOrders;
    expect(open.find((o) => o.clientOrderId === stop.order.clientOrderId)).toMatchObject({ heldBy: 'exchange', status: 'open', triggerPrice: 59_000 });
    expect(open.find((o) => o.clientOrderId === trail.order.clientOrderId)).toMatchObject({ heldBy: 'desk', status: 'open' });
    expect(sim.openOrders('BTCUSDT').map((o) => o.clientOrderId)).toEqual([stop.order.clientOrderId]);
  });
});
