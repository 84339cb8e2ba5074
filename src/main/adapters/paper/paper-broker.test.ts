import { describe, expect, it } from 'vitest';
import type { BookLevel, SymbolInfo } from '../../../shared/market.ts';
import type { Fill, Order } from '../../../shared/trading.ts';
import type { ExecutionEvent } from '../../engine/ports.ts';
import { PaperBroker } from './paper-broker.ts';

const BTC: SymbolInfo = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  market: 'spot',
  tickSize: 0.5,
  lotSize: 0.01,
  minSize: 0.05,
  minNotional: 0,
  makerFee: 0.0002,
  takerFee: 0.001,
};
const NOW = 1_700_000_000_000;

function setup() {
  const broker = new PaperBroker({ symbols: [BTC], clock: { now: () => NOW } });
  const events: ExecutionEvent[] = [];
  broker.setListener((event) => events.push(event));
  const fills = () => events.flatMap((e) => (e.type === 'fill' ? [e.fill] : []));
  return { broker, events, fills };
}

function order(fields: Pick<Order, 'clientOrderId' | 'side' | 'type' | 'size'> & Partial<Order>): Order {
  return { symbol: 'BTC/USDT', source: 'manual', ts: NOW, id: '', status: 'pending', filled: 0, avgFillPrice: 0, fees: 0, updatedAt: NOW, ...fields };
}

function book(broker: PaperBroker, asks: BookLevel[], bids: BookLevel[] = []): void {
  broker.onMarket({ type: 'book', book: { symbol: 'BTC/USDT', ts: NOW, asks, bids } });
}

function trade(broker: PaperBroker, price: number, size: number): void {
  broker.onMarket({ type: 'trade', trade: { symbol: 'BTC/USDT', ts: NOW, id: `t${price}`, price, size, side: 'sell' } });
}

const vwap = (fills: Fill[]) => fills.reduce((sum, f) => sum + f.price * f.size, 0) / fills.reduce((sum, f) => sum + f.size, 0);
const summary = (fills: Fill[]) => fills.map((f) => [f.price, f.size, f.liquidity, f.tradeId]);

describe('PaperBroker market orders', () => {
  it('fills a market buy across three ask levels at each level price with taker fees', () => {
    const { broker, events, fills } = setup();
    book(broker, [[100, 0.3], [101, 0.5], [102, 2]], [[99.5, 1]]);
    broker.submit(order({ clientOrderId: 'm1', side: 'buy', type: 'market', size: 1, price: 100 }));

    expect(events[0]).toEqual({ type: 'accepted', clientOrderId: 'm1', orderId: 'P-m1', ts: NOW });
    expect(summary(fills())).toEqual([
      [100, 0.3, 'taker', 'P-m1:30'],
      [101, 0.5, 'taker', 'P-m1:80'],
      [102, 0.2, 'taker', 'P-m1:100'],
    ]);
    expect(vwap(fills())).toBeCloseTo(100.9, 10);
    expect(fills().map((f) => f.fee)).toEqual([
      expect.closeTo(0.03, 12),
      expect.closeTo(0.0505, 12),
      expect.closeTo(0.0204, 12),
    ]);
    expect(events).toHaveLength(4);
  });

  it('does not reuse liquidity a market order consumed until the next book snapshot', () => {
    const { broker, fills } = setup();
    book(broker, [[100, 0.3], [101, 0.5]]);
    broker.submit(order({ clientOrderId: 'a', side: 'buy', type: 'market', size: 0.3 }));
    broker.submit(order({ clientOrderId: 'b', side: 'buy', type: 'market', size: 0.3 }));
    expect(fills().map((f) => [f.clientOrderId, f.price, f.size])).toEqual([
      ['a', 100, 0.3],
      ['b', 101, 0.3],
    ]);

    book(broker, [[100, 0.3], [101, 0.5]]);
    broker.submit(order({ clientOrderId: 'c', side: 'buy', type: 'market', size: 0.3 }));
    expect(fills()[2]).toMatchObject({ clientOrderId: 'c', price: 100, size: 0.3 });
  });

  it('walks the bids for a market sell', () => {
    const { broker, fills } = setup();
    book(broker, [[101, 1]], [[100, 0.25], [99, 1]]);
    broker.submit(order({ clientOrderId: 's', side: 'sell', type: 'market', size: 0.5 }));
    expect(summary(fills())).toEqual([
      [100, 0.25, 'taker', 'P-s:25'],
      [99, 0.25, 'taker', 'P-s:50'],
    ]);
    expect(fills()[1].fee).toBeCloseTo(0.02475, 12);
  });

  it('fills what the book holds and cancels the rest of a market order larger than the book', () => {
    const { broker, events, fills } = setup();
    book(broker, [[100, 0.3], [101, 0.2]]);
    broker.submit(order({ clientOrderId: 'big', side: 'buy', type: 'market', size: 1 }));
    expect(fills().map((f) => f.size)).toEqual([0.3, 0.2]);
    expect(events.at(-1)).toEqual({
      type: 'cancelled',
      clientOrderId: 'big',
      ts: NOW,
      reason: 'not enough liquidity in the book: 0.5 of 1 unfilled',
    });
  });

  it('cancels a market order that arrives before any book', () => {
    const { broker, events } = setup();
    broker.submit(order({ clientOrderId: 'early', side: 'buy', type: 'market', size: 0.1 }));
    expect(events.map((e) => e.type)).toEqual(['accepted', 'cancelled']);
    expect(events[1]).toMatchObject({ reason: expect.stringContaining('not enough liquidity in the book') });
  });
});

describe('PaperBroker limit orders', () => {
  it('rests a limit buy and fills it from trade prints at its price, partially then fully, as maker', () => {
    const { broker, events, fills } = setup();
    book(broker, [[100, 5]]);
    broker.submit(order({ clientOrderId: 'l1', side: 'buy', type: 'limit', size: 2, price: 99 }));
    expect(events.map((e) => e.type)).toEqual(['accepted']);

    trade(broker, 99.5, 3); // above the limit: no fill
    trade(broker, 99, 0.8);
    trade(broker, 98.5, 5);
    trade(broker, 98, 5); // already filled
    expect(summary(fills())).toEqual([
      [99, 0.8, 'maker', 'P-l1:80'],
      [99, 1.2, 'maker', 'P-l1:200'],
    ]);
    expect(fills()[0].fee).toBeCloseTo(0.01584, 12);
    expect(fills()[1].fee).toBeCloseTo(0.02376, 12);
  });

  it('fills a resting buy at its limit price when the best ask moves through it', () => {
    const { broker, fills } = setup();
    book(broker, [[100, 5]]);
    broker.submit(order({ clientOrderId: 'l2', side: 'buy', type: 'limit', size: 2, price: 99 }));
    book(broker, [[98.5, 0.4], [99, 1], [99.5, 3]]);
    expect(summary(fills())).toEqual([[99, 1.4, 'maker', 'P-l2:140']]);

    book(broker, [[98.5, 0.4], [99, 1]]); // a fresh snapshot: the remaining 0.6 fills
    expect(summary(fills())[1]).toEqual([99, 0.6, 'maker', 'P-l2:200']);
  });

  it('fills a resting sell from a print at or above its price', () => {
    const { broker, fills } = setup();
    broker.submit(order({ clientOrderId: 'ls', side: 'sell', type: 'limit', size: 1, price: 105 }));
    trade(broker, 104.5, 9);
    trade(broker, 105.5, 0.4);
    expect(summary(fills())).toEqual([[105, 0.4, 'maker', 'P-ls:40']]);
  });

  it('fills the marketable part of a limit order as taker up to its price and rests the rest', () => {
    const { broker, events, fills } = setup();
    book(broker, [[100, 0.3], [101, 0.5], [102, 2]]);
    broker.submit(order({ clientOrderId: 'x', side: 'buy', type: 'limit', size: 1, price: 101 }));
    expect(summary(fills())).toEqual([
      [100, 0.3, 'taker', 'P-x:30'],
      [101, 0.5, 'taker', 'P-x:80'],
    ]);
    expect(events.some((e) => e.type === 'cancelled')).toBe(false);

    trade(broker, 101, 1);
    expect(summary(fills())[2]).toEqual([101, 0.2, 'maker', 'P-x:100']);
    expect(fills()[2].fee).toBeCloseTo(0.00404, 12);
  });

  it('shares one trade print among resting orders in price then time priority', () => {
    const { broker, fills } = setup();
    broker.submit(order({ clientOrderId: 'low', side: 'buy', type: 'limit', size: 1, price: 98 }));
    broker.submit(order({ clientOrderId: 'first', side: 'buy', type: 'limit', size: 0.5, price: 99 }));
    broker.submit(order({ clientOrderId: 'second', side: 'buy', type: 'limit', size: 0.5, price: 99 }));
    trade(broker, 98, 0.8);
    expect(fills().map((f) => [f.clientOrderId, f.size])).toEqual([
      ['first', 0.5],
      ['second', 0.3],
    ]);
  });

  it('cancels a resting order and then ignores prints for it and repeated cancels', () => {
    const { broker, events } = setup();
    broker.submit(order({ clientOrderId: 'c1', side: 'buy', type: 'limit', size: 1, price: 99 }));
    broker.cancel('c1');
    broker.cancel('c1');
    broker.cancel('never-sent');
    trade(broker, 98, 5);
    expect(events).toEqual([
      { type: 'accepted', clientOrderId: 'c1', orderId: 'P-c1', ts: NOW },
      { type: 'cancelled', clientOrderId: 'c1', ts: NOW },
    ]);
  });
});

describe('PaperBroker rejections', () => {
  const rejectionOf = (o: Order) => {
    const { broker, events } = setup();
    broker.submit(o);
    expect(events).toHaveLength(1);
    return events[0];
  };

  it('rejects an unknown symbol', () => {
    expect(rejectionOf(order({ clientOrderId: 'r', side: 'buy', type: 'market', size: 1, symbol: 'DOGE/USDT' }))).toEqual({
      type: 'rejected',
      clientOrderId: 'r',
      ts: NOW,
      reason: 'Unknown symbol DOGE/USDT.',
    });
  });

  it('rejects a size below the minimum', () => {
    expect(rejectionOf(order({ clientOrderId: 'r', side: 'buy', type: 'market', size: 0.04 }))).toMatchObject({
      type: 'rejected',
      reason: 'Size 0.04 is below the BTC/USDT minimum of 0.05.',
    });
  });

  it('rejects a size off the lot grid but accepts float noise on it', () => {
    expect(rejectionOf(order({ clientOrderId: 'r', side: 'buy', type: 'limit', size: 0.125, price: 99 }))).toMatchObject({
      type: 'rejected',
      reason: 'Size 0.125 is not a multiple of the BTC/USDT lot size 0.01; use 0.12 or 0.13.',
    });
    expect(rejectionOf(order({ clientOrderId: 'ok', side: 'buy', type: 'limit', size: 0.1 + 0.2, price: 99 }))).toMatchObject({
      type: 'accepted',
    });
  });

  it('rejects a limit price off the tick grid or missing', () => {
    expect(rejectionOf(order({ clientOrderId: 'r', side: 'buy', type: 'limit', size: 1, price: 99.25 }))).toMatchObject({
      type: 'rejected',
      reason: 'Price 99.25 is not a multiple of the BTC/USDT tick size 0.5.',
    });
    expect(rejectionOf(order({ clientOrderId: 'r', side: 'buy', type: 'limit', size: 1 }))).toMatchObject({
      type: 'rejected',
      reason: 'A limit order needs a positive price.',
    });
  });

  it('rejects a second submit of an order that is still working', () => {
    const { broker, events } = setup();
    broker.submit(order({ clientOrderId: 'd', side: 'buy', type: 'limit', size: 1, price: 99 }));
    broker.submit(order({ clientOrderId: 'd', side: 'buy', type: 'limit', size: 1, price: 99 }));
    expect(events.map((e) => e.type)).toEqual(['accepted', 'rejected']);
    trade(broker, 99, 5);
    expect(events.filter((e) => e.type === 'fill')).toHaveLength(1);
  });
});

describe('PaperBroker restore', () => {
  it('re-rests the remaining size after a restart and continues tradeIds without collision', () => {
    const before = setup();
    before.broker.submit(order({ clientOrderId: 'r1', side: 'buy', type: 'limit', size: 1, price: 99 }));
    trade(before.broker, 99, 0.4);
    const firstFill = before.fills()[0];
    expect(firstFill.tradeId).toBe('P-r1:40');

    const after = setup();
    after.broker.restore([
      order({ clientOrderId: 'r1', side: 'buy', type: 'limit', size: 1, price: 99, id: 'P-r1', status: 'partially_filled', filled: 0.4 }),
    ]);
    expect(after.events).toEqual([]);

    trade(after.broker, 99, 0.3);
    trade(after.broker, 98.5, 5);
    expect(summary(after.fills())).toEqual([
      [99, 0.3, 'maker', 'P-r1:70'],
      [99, 0.3, 'maker', 'P-r1:100'],
    ]);
    const tradeIds = [firstFill, ...after.fills()].map((f) => f.tradeId);
    expect(new Set(tradeIds).size).toBe(3);
  });

  it('cancels restored orders that cannot work at a simulated venue', () => {
    const { broker, events } = setup();
    broker.restore([
      order({ clientOrderId: 'mk', side: 'buy', type: 'market', size: 1, status: 'open' }),
      order({ clientOrderId: 'gone', side: 'buy', type: 'limit', size: 1, price: 1, symbol: 'OLD/USDT', status: 'open' }),
    ]);
    expect(events).toEqual([
      { type: 'cancelled', clientOrderId: 'mk', ts: NOW, reason: 'A paper market order does not survive a restart.' },
      { type: 'cancelled', clientOrderId: 'gone', ts: NOW, reason: 'Unknown symbol OLD/USDT; the order cannot be restored.' },
    ]);
  });
});

describe('PaperBroker mode', () => {
  it('reports paper by default and shadow when asked', () => {
    expect(new PaperBroker({ symbols: [BTC], clock: { now: () => NOW } }).mode).toBe('paper');
    expect(new PaperBroker({ symbols: [BTC], clock: { now: () => NOW }, mode: 'shadow' }).mode).toBe('shadow');
  });
});
