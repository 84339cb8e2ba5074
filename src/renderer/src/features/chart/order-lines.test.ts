import { describe, expect, it } from 'vitest';
import { order } from '../../store/test-fixtures.ts';
import { orderLines } from './order-lines.ts';

const position = { symbol: 'BTC/USDT', size: 0.5, avgPrice: 60_000, markPrice: 61_000, realizedPnl: 0, unrealizedPnl: 500, fees: 0, dust: false, importedAtMark: false };

describe('order lines', () => {
  it('draw the entry, an armed stop and target at their triggers, and a resting limit at its price', () => {
    const open = [
      order('sl', { type: 'stop_market', side: 'sell', triggerPrice: 58_000, price: undefined, heldBy: 'desk' }),
      order('tp', { type: 'take_profit_market', side: 'sell', triggerPrice: 65_000, price: undefined, heldBy: 'desk' }),
      order('lmt', { type: 'limit', side: 'buy', price: 59_000, size: 0.1 }),
      order('eth', { symbol: 'ETH/USDT', type: 'limit', price: 3_000 }),
    ];
    expect(orderLines('BTC/USDT', position, open, 0.01).map((l) => [l.kind, l.price, l.draggable])).toEqual([
      ['entry', 60_000, null],
      ['stop', 58_000, 'sl'],
      ['target', 65_000, 'tp'],
      ['order', 59_000, null],
    ]);
  });

  it('let only a desk-held exit that has not fired be dragged', () => {
    const open = [
      order('fired', { type: 'stop_limit', triggerPrice: 58_000, price: 57_900, heldBy: 'desk', triggeredAt: 1 }),
      order('venue', { type: 'stop_market', triggerPrice: 58_000, price: undefined, heldBy: 'exchange' }),
      order('trail', { type: 'trailing_stop', triggerPrice: 58_000, price: undefined, trailing: { distance: 1, unit: 'percent' }, heldBy: 'desk' }),
    ];
    expect(orderLines('BTC/USDT', undefined, open, 0.01).map((l) => [l.key, l.kind, l.price, l.draggable])).toEqual([
      ['fired', 'order', 57_900, null],
      ['venue', 'stop', 58_000, null],
      ['trail', 'stop', 58_000, null],
    ]);
  });
});
