// A restart with orders working at the exchange: the journal's open orders are checked against the
// exchange before trading goes on, and nothing is assumed.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileJournal } from '../../src/main/adapters/journal/file-journal.ts';
import { expectPositionAsAtExchange, Harness, marketAt60k, orderIn, placeLimit, SYMBOL, waitFor, type ExchangeSession } from './exchange-harness.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const logText = (s: ExchangeSession): string => s.engine.snapshot().log.map((l) => l.message).join('\n');

describe('live desk restarting with open orders', () => {
  it('applies fills made while the desk was closed and keeps following the order still working', async () => {
    h = new Harness();
    const sim = await h.sim();
    const first = await h.session(sim, 'live');
    await marketAt60k(sim, first);
    const partly = placeLimit(first, 'buy', 0.02, 59_900);
    const wholly = placeLimit(first, 'buy', 0.01, 59_800);
    await waitFor('both orders open', () => orderIn(first, partly.clientOrderId)?.status === 'open' && orderIn(first, wholly.clientOrderId)?.status === 'open');
    await first.close();

    sim.fillOrder(partly.clientOrderId, 0.005);
    sim.fillOrder(wholly.clientOrderId, 0.01);

    const second = await h.session(sim, 'live');
    await waitFor('the fully filled order to finish', () => orderIn(second, wholly.clientOrderId)?.status === 'filled');
    await waitFor('the partial fill to be applied', () => orderIn(second, partly.clientOrderId)?.status === 'partially_filled');
    expect(orderIn(second, partly.clientOrderId)!.filled).toBeCloseTo(0.005, 10);
    expectPositionAsAtExchange(second, sim, 0.015);
    await waitFor('the reconciliation summary', () => /Checked 2 open order\(s\) from the journal with Binance: 1 still working/.test(logText(second)));
    expect(second.engine.snapshot().risk.state).toBe('ACTIVE');

    sim.fillOrder(partly.clientOrderId, 0.015);
    await waitFor('the rest of the fill from the stream', () => orderIn(second, partly.clientOrderId)?.status === 'filled');
    expectPositionAsAtExchange(second, sim, 0.03);
    expect(sim.orders()).toHaveLength(2);
  });

  it('halts with ORPHAN_ORDER naming an open order the exchange does not know, and closes it only when the trader cancels it', async () => {
    h = new Harness();
    const gone = await h.sim();
    const first = await h.session(gone, 'live');
    await marketAt60k(gone, first);
    const order = placeLimit(first, 'sell', 0.01, 61_000);
    await waitFor('the order open', () => orderIn(first, order.clientOrderId)?.status === 'open');
    await first.close();

    const other = await h.sim(); // a venue that never saw the order
    const second = await h.session(other, 'live');
    const risk = await waitFor('trading to halt', () => (second.engine.snapshot().risk.state === 'HALTED' ? second.engine.snapshot().risk : undefined));
    expect(risk.reason).toMatch(/ORPHAN_ORDER/);
    expect(risk.reason).toContain(order.clientOrderId);
    expect(orderIn(second, order.clientOrderId)!.status).toBe('open');
    expect(other.orders()).toHaveLength(0);

    // The trader checked the exchange and cancels it: one more lookup, then it is closed with the reason.
    second.engine.cancelOrder(order.clientOrderId);
    await waitFor('the orphan closed at the trader\'s request', () => orderIn(second, order.clientOrderId)?.status === 'cancelled');
    expect(orderIn(second, order.clientOrderId)!.reason).toMatch(/does not know this order; closed in the journal at the trader's request/);
    expect(other.orders()).toHaveLength(0);
  });

  it('rejects a journaled order that never reached the exchange after looking for it, without sending it', async () => {
    h = new Harness();
    const sim = await h.sim();
    const journal = new FileJournal(join(h.dir, 'live-binance.sqlite'));
    const ts = Date.now() - 60_000;
    journal.upsertOrder({ clientOrderId: 'hd-crashed-1', symbol: SYMBOL, side: 'buy', type: 'limit', size: 0.01, price: 59_000, source: 'manual', ts, id: '', status: 'pending', filled: 0, avgFillPrice: 0, fees: 0, updatedAt: ts });
    journal.close();

    const s = await h.session(sim, 'live');
    await waitFor('the order to be rejected', () => orderIn(s, 'hd-crashed-1')?.status === 'rejected');
    expect(orderIn(s, 'hd-crashed-1')!.reason).toBe('The exchange never received the order.');
    expect(sim.requests().filter((r) => r.method === 'POST' && r.path === '/api/v3/order')).toHaveLength(0);
    expect(s.engine.snapshot().risk.state).toBe('ACTIVE');
  });
});
