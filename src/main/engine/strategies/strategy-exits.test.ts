import { describe, expect, it } from 'vitest';
import type { SymbolInfo } from '../../../shared/market.ts';
import { strategyExits } from './strategy-exits.ts';

const SOL: SymbolInfo = { symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', market: 'spot', tickSize: 0.01, lotSize: 0.001, minSize: 0.01, minNotional: 5, makerFee: 0.001, takerFee: 0.001 };

describe('strategy exits', () => {
  it('put a long’s stop below and its target above the signal price, in percent, on the tick grid away from the price', () => {
    expect(strategyExits('long', 123.45, { stopLoss: 2, takeProfit: 3 }, Number.NaN, SOL)).toEqual({
      stopLoss: { triggerPrice: 120.98 }, // 120.981 rounded down
      takeProfit: { triggerPrice: 127.16 }, // 127.1535 rounded up
    });
  });

  it('put a short’s stop above and its target below', () => {
    expect(strategyExits('short', 100, { stopLoss: 1, takeProfit: 2 }, Number.NaN, SOL)).toEqual({ stopLoss: { triggerPrice: 101 }, takeProfit: { triggerPrice: 98 } });
  });

  it('measure in average true ranges when an ATR period is set, and attach nothing before the ATR is ready', () => {
    expect(strategyExits('long', 100, { stopLoss: 1.5, trailingStop: 2, atrPeriod: 14 }, 2, SOL)).toEqual({ stopLoss: { triggerPrice: 97 }, trailingStop: { distance: 4, unit: 'amount' } });
    expect(strategyExits('long', 100, { stopLoss: 1.5, atrPeriod: 14 }, Number.NaN, SOL)).toBeUndefined();
  });

  it('attach nothing to a flat view or without exit parameters', () => {
    expect(strategyExits('flat', 100, { stopLoss: 1 }, 1, SOL)).toBeUndefined();
    expect(strategyExits('long', 100, {}, 1, SOL)).toBeUndefined();
    expect(strategyExits('long', 100, { stopLoss: 0, takeProfit: 0 }, 1, SOL)).toBeUndefined();
  });
});
