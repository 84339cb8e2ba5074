// A venue whose precision the lot grid cannot say: a significant-digit market (as some exchanges list
// theirs) takes three significant digits of size and five of price. What the engine journals must be
// what the venue would send: the trader's order off that precision is refused with the number to use,
// and the desk's own orders (Close, strategies, the kill switch) are rounded down to it.
import { afterEach, describe, expect, it } from 'vitest';
import type { PaperBroker } from '../../src/main/adapters/paper/paper-broker.ts';
import type { Broker } from '../../src/main/engine/ports.ts';
import { DEFAULT_RISK_LIMITS } from '../../src/shared/risk.ts';
import { BTC, openDesk, removeDesk, type TestDesk } from '../support/test-desk.ts';

/** ccxt's amountToPrecision truncates; priceToPrecision rounds. */
function significantDigits(paper: PaperBroker): Broker {
  const truncate = (value: number, digits: number) => {
    const scale = 10 ** (digits - 1 - Math.floor(Math.log10(value)));
    return Math.floor(value * scale + 1e-9) / scale;
  };
  return Object.assign(Object.create(paper) as PaperBroker, {
    venuePrecision: (_symbol: string, size: number, price: number | undefined) => ({ size: truncate(size, 3), price: price === undefined ? undefined : Number(price.toPrecision(5)) }),
  });
}

let desk: TestDesk | undefined;
afterEach(() => {
  desk?.close();
  if (desk) removeDesk(desk);
  desk = undefined;
});

describe('orders at the venue’s own precision', () => {
  it('refuses a size or price finer than the venue takes, naming the one it would send', async () => {
    desk = await openDesk({ broker: significantDigits });
    desk.quote(60_000, 60_010);
    const size = desk.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: 0.01234 });
    expect(!size.ok && size.denial).toEqual({ code: 'INVALID_ORDER', message: 'Size 0.01234 is finer than the exchange takes for BTC/USDT; use 0.0123.' });
    const price = desk.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'limit', size: 0.0123, price: 59_123.4 });
    expect(!price.ok && price.denial).toEqual({ code: 'INVALID_ORDER', message: 'Price 59123.4 is finer than the exchange takes for BTC/USDT; use 59123.' });
    expect(desk.engine.snapshot().orderHistory).toEqual([]);
  });

  it('closes a position off that precision with the largest size the venue takes, and journals that size', async () => {
    desk = await openDesk({ broker: significantDigits, settings: { riskLimits: { ...DEFAULT_RISK_LIMITS, riskPerTrade: 1 } } });
    desk.quote(60_000, 60_010);
    expect(desk.engine.placeOrder({ symbol: BTC.symbol, side: 'buy', type: 'market', size: 0.0456 }).ok).toBe(true);
    // 0.0456 less the 0.05% fee in BTC: 0.0455772 held; the venue takes 0.0455 of it.
    const close = desk.engine.closePosition(BTC.symbol);
    expect(close?.ok && close.order.size).toBe(0.0455);
    expect(desk.journal.load(10).recentOrders[0]).toMatchObject({ size: 0.0455, status: 'filled' });
  });
});
