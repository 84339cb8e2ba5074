import { describe, expect, it } from 'vitest';
import { BTC } from '../../store/test-fixtures.ts';
import type { StrategyView } from '../../../../shared/strategy.ts';
import { checkParams, defaultOrderSize, identicalStrategy, newStrategyRequest, paramNames, paramsAsText } from './strategy-form.ts';

describe('strategy params', () => {
  it('takes the field names from the shared schemas', () => {
    const exits = ['stopLoss', 'takeProfit', 'trailingStop', 'atrPeriod'];
    expect(paramNames('momentum')).toEqual(['lookback', 'threshold', 'orderSize', ...exits]);
    expect(paramNames('mean-reversion')).toEqual(['period', 'stdMultiplier', 'orderSize', ...exits]);
  });

  it('accepts valid text and returns numbers, leaving blank exits out', () => {
    expect(checkParams('momentum', { lookback: '10', threshold: '0.002', orderSize: '0.5', stopLoss: '1.5', takeProfit: '' })).toEqual({
      ok: true,
      params: { lookback: 10, threshold: 0.002, orderSize: 0.5, stopLoss: 1.5 },
    });
  });

  it('gives a message per invalid field before anything is sent', () => {
    expect(checkParams('momentum', { lookback: '1', threshold: 'x', orderSize: '0' })).toEqual({
      ok: false,
      errors: { lookback: 'must be at least 2', threshold: 'must be a number', orderSize: 'must be greater than 0' },
    });
    expect(checkParams('mean-reversion', { period: '20.5', stdMultiplier: '2', orderSize: '1' })).toEqual({
      ok: false,
      errors: { period: 'must be a whole number' },
    });
  });

  it('shows params as text for editing', () => {
    expect(paramsAsText({ period: 20, stdMultiplier: 2.5, orderSize: 1 })).toEqual({ period: '20', stdMultiplier: '2.5', orderSize: '1' });
  });
});

describe('new strategies', () => {
  it('size orders at about 1,000 quote, on the lot grid and never below the minimum', () => {
    expect(defaultOrderSize(BTC, 50_000)).toBe(0.02);
    expect(defaultOrderSize(BTC, 60_123)).toBe(0.017);
    expect(defaultOrderSize(BTC, 60_200)).toBe(0.017);
    expect(defaultOrderSize(BTC, 1e9)).toBe(BTC.minSize);
    expect(defaultOrderSize(BTC, undefined)).toBe(BTC.minSize);
  });

  it('start with default params valid for their kind', () => {
    const request = newStrategyRequest('mean-reversion', 'BTC/USDT', '5m', 0.02);
    expect(request).toEqual({ kind: 'mean-reversion', symbol: 'BTC/USDT', timeframe: '5m', params: { period: 20, stdMultiplier: 2, orderSize: 0.02, stopLoss: 0, takeProfit: 0, trailingStop: 0, atrPeriod: 0 } });
    const momentum = newStrategyRequest('momentum', 'BTC/USDT', '1m', 0.02);
    expect(checkParams('momentum', paramsAsText(momentum.params)).ok).toBe(true);
  });
});

describe('an identical strategy', () => {
  const view = (id: string, timeframe: '1m' | '5m', lookback: number): StrategyView => ({
    config: { id, kind: 'momentum', symbol: 'BTC/USDT', timeframe, active: false, params: { lookback, threshold: 0.002, orderSize: 0.01 } },
  }) as unknown as StrategyView;

  it('is one of the same kind, market, timeframe and parameters, and nothing less alike', () => {
    const request = newStrategyRequest('momentum', 'BTC/USDT', '1m', 0.01);
    const same = view('momentum-btc-1', '1m', 20);
    const twin = { ...same, config: { ...same.config, params: { ...request.params } } } as StrategyView;
    expect(identicalStrategy(request, [view('a', '5m', 20), twin])?.config.id).toBe('momentum-btc-1');
    expect(identicalStrategy(request, [view('b', '5m', 20)])).toBeUndefined();
    expect(identicalStrategy(request, [{ ...twin, config: { ...twin.config, params: { ...twin.config.params, lookback: 21 } } } as StrategyView])).toBeUndefined();
    expect(identicalStrategy(newStrategyRequest('mean-reversion', 'BTC/USDT', '1m', 0.01), [twin])).toBeUndefined();
  });
});
