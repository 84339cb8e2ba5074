import { describe, expect, it } from 'vitest';
import type { CcxtMarket } from './ccxt-module.ts';
import { PRECISION_MODE, toSymbolInfo } from './symbol-info.ts';

const market = (precision: { price: number; amount: number }, extra: Partial<CcxtMarket> = {}): CcxtMarket =>
  ({
    symbol: 'BTC/USDT',
    base: 'BTC',
    quote: 'USDT',
    precision,
    limits: { amount: { min: 0.00001 }, cost: { min: 5 }, price: {}, leverage: {} },
    maker: 0.001,
    taker: 0.001,
    ...extra,
  }) as unknown as CcxtMarket;

describe('symbol info from a ccxt market', () => {
  it('reads tick and lot sizes as steps when the exchange uses TICK_SIZE precision', () => {
    const info = toSymbolInfo(market({ price: 0.01, amount: 0.00001 }), PRECISION_MODE.TICK_SIZE);
    expect(info).toMatchObject({ tickSize: 0.01, lotSize: 0.00001, minSize: 0.00001, makerFee: 0.001 });
  });

  it('turns decimal places into steps when the exchange uses DECIMAL_PLACES precision', () => {
    const info = toSymbolInfo(market({ price: 2, amount: 5 }, { limits: { amount: { min: 0.001 } } } as never), PRECISION_MODE.DECIMAL_PLACES);
    expect(info.tickSize).toBe(0.01);
    expect(info.lotSize).toBe(0.00001);
    expect(info.minSize).toBe(0.001);
  });

  it('never reports a minimum size below one lot', () => {
    const info = toSymbolInfo(market({ price: 0.1, amount: 0.001 }, { limits: { amount: {} } } as never), PRECISION_MODE.TICK_SIZE);
    expect(info.minSize).toBe(0.001);
  });

  it('reads the minimum order value and tells spot markets from those that can go short', () => {
    const spot = toSymbolInfo(market({ price: 0.01, amount: 0.00001 }, { spot: true, type: 'spot' } as never), PRECISION_MODE.TICK_SIZE);
    expect([spot.market, spot.minNotional]).toEqual(['spot', 5]);
    const swap = toSymbolInfo(market({ price: 0.1, amount: 0.001 }, { spot: false, type: 'swap', symbol: 'BTC/USDT:USDT' } as never), PRECISION_MODE.TICK_SIZE);
    expect(swap.market).toBe('margin');
    const noCost = toSymbolInfo(market({ price: 0.1, amount: 0.001 }, { limits: { amount: {} } } as never), PRECISION_MODE.TICK_SIZE);
    expect(noCost.minNotional).toBe(0);
  });
});
