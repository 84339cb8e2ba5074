import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderBook } from '../../../shared/market.ts';
import type { Order } from '../../../shared/trading.ts';
import { ExitBook, type FiredExit } from './exit-book.ts';

function exit(clientOrderId: string, terms: Partial<Order>): Order {
  return {
    clientOrderId, symbol: 'SOL/USDT', side: 'sell', type: 'stop_market', size: 1, source: 'manual', ts: 0,
    id: `D-${clientOrderId}`, status: 'open', filled: 0, avgFillPrice: 0, fees: 0, updatedAt: 0, heldBy: 'desk', reduceOnly: true, ...terms,
  };
}

function book(bid: number, ask = bid + 0.02, ts = 0): OrderBook {
  return { symbol: 'SOL/USDT', ts, bids: [[bid, 10]], asks: [[ask, 10]] };
}

/** What a book sends, in order. */
function onBook(exits: ExitBook, at: OrderBook): FiredExit[] {
  const sent: FiredExit[] = [];
  exits.onBook(at, (fired) => sent.push(fired));
  return sent;
}

function newBook() {
  const withdrawn: string[] = [];
  const moved: number[] = [];
  const exits = new ExitBook({ moved: (o) => moved.push(o.triggerPrice!), triggered: () => {}, withdrawn: (o) => withdrawn.push(o.clientOrderId) });
  return { exits, withdrawn, moved };
}

describe('the exit book', () => {
  it('sends an exit a print fired with the next book, not before', () => {
    const { exits } = newBook();
    exits.arm(exit('s', { triggerPrice: 95 }));
    exits.onTrade('SOL/USDT', 94, 1);
    expect(exits.holds('s')).toBe(true);
    const fired = onBook(exits, book(93, 93.02, 2));
    expect(fired.map((f) => [f.order.clientOrderId, f.price])).toEqual([['s', 94]]);
    expect(exits.holds('s')).toBe(false);
  });

  it('is idle with nothing armed, busy while an exit is armed or waits for a book, and idle again once it went out', () => {
    const { exits } = newBook();
    expect(exits.idle()).toBe(true);
    exits.arm(exit('s', { triggerPrice: 95 }));
    expect(exits.idle()).toBe(false);
    exits.onTrade('SOL/USDT', 94, 1);
    expect(exits.idle()).toBe(false);
    onBook(exits, book(93, 93.02, 2));
    expect(exits.idle()).toBe(true);
  });

  it('fires a sell on the best bid and a buy on the best ask of a book', () => {
    const { exits } = newBook();
    exits.arm(exit('sell', { triggerPrice: 95 }));
    exits.arm(exit('buy', { side: 'buy', triggerPrice: 105 }));
    expect(onBook(exits, book(95.5, 104.99))).toEqual([]);
    expect(onBook(exits, book(95, 105)).map((f) => [f.order.clientOrderId, f.price])).toEqual([['sell', 95], ['buy', 105]]);
  });

  it('reports the silence before a price that fires an exit, infinite on the first price after a start', () => {
    const { exits } = newBook();
    exits.arm(exit('s', { triggerPrice: 95 }));
    expect(onBook(exits, book(94, 94.02, 1_000))[0]?.silentMs).toBe(Number.POSITIVE_INFINITY);
    exits.arm(exit('t', { triggerPrice: 93 }));
    expect(onBook(exits, book(92, 92.02, 61_000))[0]?.silentMs).toBe(60_000);
  });

  it('sends exactly one order of an OCO group, whatever the prices, and each order at most once', () => {
    const price = fc.integer({ min: 80, max: 120 });
    const event = fc.oneof(price.map((p) => ({ kind: 'trade' as const, p })), fc.tuple(price, fc.integer({ min: 0, max: 3 })).map(([p, spread]) => ({ kind: 'book' as const, p, spread })));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('stop_market', 'take_profit_market', 'trailing_stop'), price), { minLength: 2, maxLength: 4 }), fc.array(event, { maxLength: 30 }), (legs, events) => {
        const { exits, withdrawn } = newBook();
        legs.forEach(([type, trigger], i) =>
          exits.arm(exit(`o${i}`, type === 'trailing_stop' ? { type, trailing: { distance: 3, unit: 'amount' }, triggerPrice: trigger, ocoGroup: 'g' } : { type, triggerPrice: trigger, ocoGroup: 'g' })),
        );
        const sent: string[] = [];
        events.forEach((e, ts) => {
          if (e.kind === 'trade') exits.onTrade('SOL/USDT', e.p, ts);
          else sent.push(...onBook(exits, book(e.p, e.p + e.spread, ts)).map((f) => f.order.clientOrderId));
        });
        sent.push(...exits.drainWaiting().map((f) => f.order.clientOrderId));
        expect(sent.length).toBeLessThanOrEqual(1);
        if (sent.length === 1) expect(new Set([...sent, ...withdrawn]).size).toBe(legs.length);
      }),
    );
  });

  it('gives a group two legs of which one price fires both to the one armed first', () => {
    const { exits, withdrawn } = newBook();
    exits.arm(exit('stop', { triggerPrice: 100 }));
    exits.arm(exit('target', { type: 'take_profit_market', triggerPrice: 90, ocoGroup: undefined }));
    exits.arm(exit('stop2', { triggerPrice: 101, ocoGroup: 'g' }));
    exits.arm(exit('target2', { type: 'take_profit_market', triggerPrice: 95, ocoGroup: 'g' }));
    expect(onBook(exits, book(98)).map((f) => f.order.clientOrderId)).toEqual(['stop', 'target', 'stop2']);
    expect(withdrawn).toEqual(['target2']);
  });

  it('journals a trailing stop each time its trigger moves', () => {
    const { exits, moved } = newBook();
    exits.arm(exit('t', { type: 'trailing_stop', trailing: { distance: 1, unit: 'amount' }, triggerPrice: 99 }));
    exits.onTrade('SOL/USDT', 101, 1);
    exits.onTrade('SOL/USDT', 100.5, 2);
    onBook(exits, book(102));
    expect(moved).toEqual([100, 101]);
  });
});
