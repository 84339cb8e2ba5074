import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fill, Order } from '../../../shared/trading.ts';
import { decodeRecord, encodeRecord, fillJson, orderJson } from './journal-log.ts';

const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('hd-1a2b-17', 'BTC/USDT', 'strategy:momentum-btc', '"quoted"\\n', '\u2028', '\ud800'));
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 1767571200000, 0.1 + 0.2, 1e-9, Number.NaN, Infinity));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const order: fc.Arbitrary<Order> = fc.record(
  {
    clientOrderId: text,
    id: text,
    symbol: text,
    side: fc.constantFrom('buy', 'sell'),
    type: fc.constantFrom('market', 'limit', 'stop_market', 'trailing_stop'),
    size: number,
    price: optional(number),
    triggerPrice: optional(number),
    trailing: optional(fc.record({ distance: number, unit: fc.constantFrom('amount', 'percent') }, { requiredKeys: ['distance', 'unit'] })),
    timeInForce: optional(fc.constantFrom('GTC', 'IOC', 'FOK')),
    postOnly: optional(fc.boolean()),
    reduceOnly: optional(fc.boolean()),
    ocoGroup: optional(text),
    parentId: optional(text),
    exits: optional(fc.record({ stopLoss: fc.record({ triggerPrice: number }) })),
    source: text,
    ts: number,
    status: fc.constantFrom('pending', 'open', 'filled'),
    filled: number,
    avgFillPrice: number,
    fees: number,
    updatedAt: number,
    reason: optional(text),
    heldBy: optional(fc.constantFrom('desk', 'exchange')),
    triggeredAt: optional(number),
  },
  { requiredKeys: ['clientOrderId', 'id', 'symbol', 'side', 'type', 'size', 'source', 'ts', 'status', 'filled', 'avgFillPrice', 'fees', 'updatedAt'] },
) as fc.Arbitrary<Order>;

const fill: fc.Arbitrary<Fill> = fc.record({
  orderId: text,
  clientOrderId: text,
  tradeId: text,
  symbol: text,
  side: fc.constantFrom('buy', 'sell'),
  price: number,
  size: number,
  fee: number,
  feeAsset: text,
  feeAmount: number,
  liquidity: fc.constantFrom('maker', 'taker'),
  ts: number,
}) as fc.Arbitrary<Fill>;

describe('the journal log codec', () => {
  it('writes an order field by field as the same JSON that JSON.stringify writes, once parsed', () => {
    fc.assert(fc.property(order, (o) => {
        expect(JSON.parse(orderJson(o))).toEqual(JSON.parse(JSON.stringify(o)));
      }), { numRuns: 2_000 });
  });

  it('writes a fill field by field as the same JSON that JSON.stringify writes, once parsed', () => {
    fc.assert(fc.property(fill, (f) => {
        expect(JSON.parse(fillJson(f))).toEqual(JSON.parse(JSON.stringify(f)));
      }), { numRuns: 2_000 });
  });

  it('reads back every record it writes, with its sequence number', () => {
    fc.assert(
      fc.property(fc.nat(), order, fill, (seq, o, f) => {
        expect(decodeRecord(encodeRecord(seq, { kind: 'order', value: o }).trimEnd(), 'log')).toEqual({ seq, record: { kind: 'order', value: JSON.parse(JSON.stringify(o)) } });
        expect(decodeRecord(encodeRecord(seq, { kind: 'fill', value: f }).trimEnd(), 'log')).toEqual({ seq, record: { kind: 'fill', value: JSON.parse(JSON.stringify(f)) } });
      }),
      { numRuns: 500 },
    );
  });
});
