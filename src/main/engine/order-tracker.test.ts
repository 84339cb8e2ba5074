import { describe, expect, it } from 'vitest';
import type { Order } from '../../shared/trading.ts';
import { OrderTracker } from './order-tracker.ts';

const order = (clientOrderId: string, size = 2): Order => ({
  clientOrderId,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  size,
  price: 100,
  source: 'manual',
  ts: 0,
  id: '',
  status: 'pending',
  filled: 0,
  avgFillPrice: 0,
  fees: 0,
  updatedAt: 0,
});

const fill = (clientOrderId: string, price: number, size: number, tradeId: string) => ({
  type: 'fill' as const,
  fill: { orderId: `P-${clientOrderId}`, clientOrderId, tradeId, symbol: 'BTC/USDT', side: 'buy' as const, price, size, fee: 0.1, feeAsset: 'USDT', feeAmount: 0.1, liquidity: 'maker' as const, ts: 5 },
});

describe('OrderTracker', () => {
  it('opens an order on acceptance and averages the prices of its partial fills', () => {
    const tracker = new OrderTracker();
    tracker.add(order('a'));
    tracker.apply({ type: 'accepted', clientOrderId: 'a', orderId: 'P-a', ts: 1 });
    const partial = tracker.apply(fill('a', 100, 0.5, 't1'))!;
    expect(partial.status).toBe('partially_filled');
    const done = tracker.apply(fill('a', 104, 1.5, 't2'))!;
    expect(done.status).toBe('filled');
    expect(done.avgFillPrice).toBeCloseTo(103, 10);
    expect(done.fees).toBeCloseTo(0.2, 10);
    expect(tracker.open()).toHaveLength(0);
    expect(tracker.history()[0]!.clientOrderId).toBe('a');
  });

  it('counts only the unfilled part of working orders toward exposure', () => {
    const tracker = new OrderTracker();
    tracker.add(order('a', 2));
    tracker.apply(fill('a', 100, 0.5, 't1'));
    expect(tracker.workingSize('BTC/USDT')).toEqual({ buy: 1.5, sell: 0 });
    expect(tracker.workingValue()).toBeCloseTo(150, 10);
  });

  it('ignores events for orders it does not know and keeps history bounded', () => {
    const tracker = new OrderTracker(2);
    expect(tracker.apply({ type: 'cancelled', clientOrderId: 'ghost', ts: 1 })).toBeUndefined();
    for (const id of ['a', 'b', 'c']) {
      tracker.add(order(id));
      tracker.apply({ type: 'cancelled', clientOrderId: id, ts: 1, reason: 'by trader' });
    }
    expect(tracker.history().map((o) => o.clientOrderId)).toEqual(['c', 'b']);
    expect(tracker.history()[0]!.reason).toBe('by trader');
  });
});
