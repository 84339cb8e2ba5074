import { describe, expect, it } from 'vitest';
import type { StrategyConfig } from '../../../shared/strategy.ts';
import { createStrategy } from './create-strategy.ts';
import { MeanReversionStrategy } from './mean-reversion.ts';
import { MomentumStrategy } from './momentum.ts';
import { candlesOf, meanReversionConfig, momentumConfig } from './test-candles.ts';

const momentum: StrategyConfig = momentumConfig();
const meanReversion: StrategyConfig = meanReversionConfig();

function withParams(config: StrategyConfig, params: Record<string, unknown>): StrategyConfig {
  return { ...config, params: { ...config.params, ...params } } as StrategyConfig;
}

describe('createStrategy', () => {
  it('builds the strategy of the config kind', () => {
    expect(createStrategy(momentum)).toBeInstanceOf(MomentumStrategy);
    expect(createStrategy(meanReversion)).toBeInstanceOf(MeanReversionStrategy);
  });

  it('rejects invalid parameters naming the field', () => {
    expect(() => createStrategy(withParams(momentum, { lookback: 1 }))).toThrow(/Invalid strategy config: params\.lookback:/);
    expect(() => createStrategy(withParams(momentum, { threshold: 0 }))).toThrow(/params\.threshold/);
    expect(() => createStrategy(withParams(meanReversion, { stdMultiplier: 11 }))).toThrow(/params\.stdMultiplier/);
    expect(() => createStrategy(withParams(meanReversion, { period: 2.5 }))).toThrow(/params\.period/);
  });

  it('rejects a misspelt parameter instead of ignoring it', () => {
    expect(() => createStrategy(withParams(momentum, { lookbak: 5 }))).toThrow(/params: .*lookbak/);
  });

  it('rejects an invalid timeframe naming the field', () => {
    expect(() => createStrategy({ ...momentum, timeframe: '2m' } as unknown as StrategyConfig)).toThrow(/timeframe/);
  });

  it('keeps its own copy of the config, so new parameters mean a new instance', () => {
    const config = withParams(momentum, {});
    const strategy = createStrategy(config);
    (config.params as { threshold: number }).threshold = 0.5;
    expect(strategy.config.params).toEqual(momentum.params);

    // The replacement starts from scratch; the old instance keeps its history.
    const closes = [100, 100, 100, 100, 106];
    for (const candle of candlesOf(closes)) strategy.onCandle(candle);
    const replacement = createStrategy(withParams(momentum, { threshold: 0.01 }));
    expect(replacement.history()).toEqual([]);
    expect(strategy.history()).toHaveLength(1);
  });
});
