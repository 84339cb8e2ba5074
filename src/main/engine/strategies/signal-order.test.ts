import { describe, expect, it } from 'vitest';
import type { SymbolInfo } from '../../../shared/market.ts';
import { roundDownToLot } from '../quantity.ts';
import { signalOrder as orderFor } from './signal-order.ts';

const SPOT: SymbolInfo = { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', market: 'spot', tickSize: 0.01, lotSize: 0.0001, minSize: 0.001, minNotional: 5, makerFee: 0.001, takerFee: 0.001 };
const MARGIN: SymbolInfo = { ...SPOT, market: 'margin' };
const signalOrder = (direction: Parameters<typeof orderFor>[0], position: number, size: number, info: SymbolInfo) =>
  orderFor(direction, position, size, info, (s) => roundDownToLot(s, info.lotSize));

describe('orders for a strategy signal', () => {
  it('buys the order size on a long view', () => {
    expect(signalOrder('long', 0, 0.05, SPOT)).toEqual({ side: 'buy', size: 0.05 });
  });

  it('sells what a spot account holds on a short view, rounded down to the lot, and never goes short', () => {
    // A buy of 0.05 with its 0.1% fee taken in BTC leaves 0.04995: 0.0499 can be sold.
    expect(signalOrder('short', 0.04995, 0.05, SPOT)).toEqual({ side: 'sell', size: 0.0499 });
    expect(signalOrder('short', 0, 0.05, SPOT)).toBeNull();
    expect(signalOrder('flat', 0.04995, 0.05, SPOT)).toEqual({ side: 'sell', size: 0.0499 });
  });

  it('sends nothing for dust below the minimum size', () => {
    expect(signalOrder('flat', 0.0005, 0.05, SPOT)).toBeNull();
  });

  it('flips a margin position through zero in one order', () => {
    expect(signalOrder('short', 0.05, 0.05, MARGIN)).toEqual({ side: 'sell', size: 0.1 });
    expect(signalOrder('long', -0.05, 0.05, MARGIN)).toEqual({ side: 'buy', size: 0.1 });
    expect(signalOrder('flat', -0.05, 0.05, MARGIN)).toEqual({ side: 'buy', size: 0.05 });
  });

  it('rounds an order size off the lot grid down, never up', () => {
    expect(signalOrder('long', 0, 0.00156, SPOT)).toEqual({ side: 'buy', size: 0.0015 });
  });

  it('sizes the order as the venue rounds it, which may be coarser than the lot', () => {
    // A significant-digit market takes 3 digits: 0.012345 is sent as 0.0123.
    expect(orderFor('long', 0, 0.012345, SPOT, (s) => Number(s.toPrecision(3)))).toEqual({ side: 'buy', size: 0.0123 });
  });
});
