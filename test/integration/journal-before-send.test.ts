// Journal before send, seen from outside the engine: at the moment the broker is asked to act, the log
// file on disk already holds the order; events that record nothing write nothing.
import { readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS } from '../../src/shared/risk.ts';
import type { Order } from '../../src/shared/trading.ts';
import { BTC, openDesk, removeDesk, type TestDesk } from '../support/test-desk.ts';

let desk: TestDesk | undefined;
afterEach(() => {
  desk?.close();
  if (desk) removeDesk(desk);
  desk = undefined;
});

/** The order's latest line in the log, as the file holds it right now. */
function loggedOrder(logPath: string, clientOrderId: string): Partial<Order> | undefined {
  const lines = readFileSync(logPath, 'utf8').split('\n').filter((line) => line.includes(`"clientOrderId":"${clientOrderId}"`) && line.includes('"order"'));
  const last = lines.at(-1);
  return last === undefined ? undefined : (JSON.parse(last) as [number, string, Order])[2];
}

describe('journal before send', () => {
  it('has the order in the log file when the broker is asked to send it, and its cancel too', async () => {
    const seen: { submitted?: Partial<Order>; cancelled?: Partial<Order> } = {};
    desk = await openDesk({
      settings: { riskLimits: { ...DEFAULT_RISK_LIMITS, maxPositionValue: 100_000, riskPerTrade: 0.05 } },
      broker: (paper) => ({
        get mode() {
          return paper.mode;
        },
        setListener: (listener) => paper.setListener(listener),
        submit(order) {
          seen.submitted = loggedOrder(desk!.journal.logPath, order.clientOrderId);
          paper.submit(order);
        },
        cancel(clientOrderId) {
          seen.cancelled = loggedOrder(desk!.journal.logPath, clientOrderId);
          paper.cancel(clientOrderId);
        },
        onMarket: (event) => paper.onMarket(event),
        restore: (orders) => paper.restore(orders),
      }),
    });
    desk.quote(60_000, 60_010);
    const placed = desk.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'limit', size: 0.1, price: 59_000 });
    expect(placed.ok).toBe(true);
    const clientOrderId = placed.ok ? placed.order.clientOrderId : '';
    expect(seen.submitted).toMatchObject({ clientOrderId, status: 'pending', price: 59_000, size: 0.1 });

    desk.engine.cancelOrder(clientOrderId);
    expect(seen.cancelled).toMatchObject({ clientOrderId, status: 'open' });
    expect(loggedOrder(desk.journal.logPath, clientOrderId)).toMatchObject({ status: 'cancelled' });
  });

  it('writes nothing for market events that change no order, fill or account', async () => {
    desk = await openDesk();
    desk.quote(60_000, 60_010);
    desk.journal.project();
    const before = statSync(desk.journal.logPath).size;
    for (let i = 0; i < 100; i++) {
      desk.quote(60_000 + i, 60_010 + i);
      desk.trade(60_005 + i, 0.01, 'buy');
    }
    expect(statSync(desk.journal.logPath).size).toBe(before);
  });
});
