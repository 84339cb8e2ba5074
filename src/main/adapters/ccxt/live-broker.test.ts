// The live broker against a scripted exchange, for outcomes the simulator cannot stage on demand.
import * as ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import type { SymbolInfo } from '../../../shared/market.ts';
import type { Order } from '../../../shared/trading.ts';
import type { ExecutionEvent } from '../../engine/ports.ts';
import type { CcxtExchange } from './ccxt-module.ts';
import { LiveBroker } from './live-broker.ts';

const BTC: SymbolInfo = { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', market: 'spot', tickSize: 0.01, lotSize: 0.00001, minSize: 0.0001, minNotional: 0, makerFee: 0.001, takerFee: 0.001 };

const order = (clientOrderId: string, extra: Partial<Order> = {}): Order => ({
  clientOrderId,
  symbol: BTC.symbol,
  side: 'buy',
  type: 'limit',
  size: 0.01,
  price: 60_000,
  source: 'manual',
  ts: Date.now(),
  id: '',
  status: 'pending',
  filled: 0,
  avgFillPrice: 0,
  fees: 0,
  updatedAt: Date.now(),
  ...extra,
});

/** An exchange without websockets whose REST answers are whatever the test scripts. */
function scripted(methods: Record<string, (...args: any[]) => Promise<unknown>>): { exchange: CcxtExchange; calls: string[] } {
  const calls: string[] = [];
  const exchange: Record<string, unknown> = {
    id: 'binance',
    name: 'Binance',
    options: { recvWindow: 20 },
    has: { fetchOrder: true, fetchOrderTrades: true, fetchOpenOrders: true },
  };
  for (const [name, fn] of Object.entries(methods)) {
    exchange[name] = (...args: unknown[]) => {
      calls.push(name);
      return fn(...args);
    };
  }
  return { exchange: exchange as unknown as CcxtExchange, calls };
}

function broker(exchange: CcxtExchange): { broker: LiveBroker; events: ExecutionEvent[] } {
  const events: ExecutionEvent[] = [];
  const b = new LiveBroker({
    ccxt,
    exchange,
    symbols: [BTC],
    clock: { now: () => Date.now() },
    log: () => {},
    redact: (t) => t,
    timing: { lookupDelaysMs: [10, 10, 100], readRetryMs: [5, 5], pollMs: 20, safetyPollMs: 50, fillGraceMs: 5, rateLimitMs: 50 },
  });
  b.setListener((e) => events.push(e));
  return { broker: b, events };
}

const until = async (what: string, probe: () => boolean): Promise<void> => {
  const deadline = Date.now() + 3_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('live broker', () => {
  it('rejects a timed-out order as never received once repeated lookups confirm the exchange has none, sending it once', async () => {
    const { exchange, calls } = scripted({
      createOrder: async () => {
        throw new ccxt.RequestTimeout('binance POST timed out');
      },
      fetchOrder: async () => {
        throw new ccxt.OrderNotFound('binance {"code":-2013,"msg":"Order does not exist."}');
      },
    });
    const { broker: b, events } = broker(exchange);
    const sent = Date.now();
    b.submit(order('hd-a'));
    await until('the rejection', () => events.some((e) => e.type === 'rejected'));
    b.stop();
    expect(events.map((e) => e.type)).toEqual(['unknown', 'rejected']);
    expect(events[1]).toMatchObject({ reason: 'The exchange never received the order.' });
    // Not before the receive window (20 ms here, plus 1 s for clock differences) has passed.
    expect(events[1]!.type === 'rejected' && events[1]!.ts - sent).toBeGreaterThanOrEqual(1_020);
    expect(calls.filter((c) => c === 'createOrder')).toHaveLength(1);
    expect(calls.filter((c) => c === 'fetchOrder').length).toBeGreaterThanOrEqual(3);
  });

  it('keeps an order UNKNOWN while lookups fail, and never calls it absent', async () => {
    let answering = false;
    const { exchange, calls } = scripted({
      createOrder: async () => {
        throw new ccxt.ExchangeNotAvailable('binance 503');
      },
      fetchOrder: async () => {
        if (!answering) throw new ccxt.NetworkError('binance ECONNRESET');
        return { id: '77', clientOrderId: 'hd-b', status: 'open', filled: 0, trades: [] };
      },
    });
    const { broker: b, events } = broker(exchange);
    b.submit(order('hd-b'));
    await until('several failed lookups', () => calls.filter((c) => c === 'fetchOrder').length >= 6);
    expect(events.map((e) => e.type)).toEqual(['unknown']);
    answering = true;
    await until('the order to be found', () => events.some((e) => e.type === 'accepted'));
    b.stop();
    expect(events[1]).toMatchObject({ type: 'accepted', clientOrderId: 'hd-b', orderId: '77' });
  });

  it('answers "order not found" on cancel by looking the order up and passing on the fill it had', async () => {
    const { exchange } = scripted({
      createOrder: async () => ({ id: '9', clientOrderId: 'hd-c', status: 'open', filled: 0, trades: [] }),
      cancelOrder: async () => {
        throw new ccxt.OrderNotFound('binance {"code":-2011,"msg":"Unknown order sent."}');
      },
      fetchOrder: async () => ({ id: '9', clientOrderId: 'hd-c', status: 'closed', filled: 0.01, trades: [] }),
      fetchOrderTrades: async () => [{ id: 't1', order: '9', price: 60_000, amount: 0.01, takerOrMaker: 'maker', fee: { cost: 0.6, currency: 'USDT' }, timestamp: 1 }],
    });
    const { broker: b, events } = broker(exchange);
    b.submit(order('hd-c'));
    await until('the ack', () => events.some((e) => e.type === 'accepted'));
    b.cancel('hd-c');
    await until('the fill', () => events.some((e) => e.type === 'fill'));
    await new Promise((r) => setTimeout(r, 30));
    b.stop();
    expect(events.map((e) => e.type)).toEqual(['accepted', 'fill']);
    expect(events[1]).toMatchObject({ fill: { tradeId: 't1', orderId: '9', size: 0.01, fee: 0.6, liquidity: 'maker' } });
  });

  it('converts a fee paid in the base asset to quote at the fill price', async () => {
    const { exchange } = scripted({
      createOrder: async () => ({
        id: '5',
        clientOrderId: 'hd-d',
        status: 'closed',
        filled: 0.01,
        trades: [{ id: 'x1', price: 60_000, amount: 0.01, fee: { cost: 0.00001, currency: 'BTC' } }],
      }),
    });
    const { broker: b, events } = broker(exchange);
    b.submit(order('hd-d', { type: 'market' }));
    await until('the fill', () => events.some((e) => e.type === 'fill'));
    b.stop();
    const fill = events.find((e) => e.type === 'fill');
    expect(fill).toMatchObject({ fill: { orderId: '5', tradeId: 'x1', liquidity: 'taker' } });
    expect(fill?.type === 'fill' && fill.fill.fee).toBeCloseTo(0.6, 10);
  });
});
