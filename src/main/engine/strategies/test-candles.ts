// Fixtures for strategy tests: closed candles, one a minute from START, close as given, and the
// BTC/USDT 1m configs the tests build strategies from.
import type { Candle } from '../../../shared/market.ts';
import type { Signal } from '../../../shared/strategy.ts';
import type { MeanReversionConfig } from './mean-reversion.ts';
import type { MomentumConfig } from './momentum.ts';

export const START = 1_700_000_040_000;
export const MINUTE = 60_000;

export function candleAt(index: number, close: number, overrides: Partial<Candle> = {}): Candle {
  return {
    symbol: 'BTC/USDT',
    timeframe: '1m',
    openTime: START + index * MINUTE,
    open: close,
    high: close,
    low: close,
    close,
    volume: 1,
    closed: true,
    ...overrides,
  };
}

export function candlesOf(closes: readonly number[]): Candle[] {
  return closes.map((close, index) => candleAt(index, close));
}

/** The close time of candle `index`, which is the time its signal carries. */
export function closeTimeOf(index: number): number {
  return START + (index + 1) * MINUTE;
}

/** Feeds one closed candle per close to the strategy and returns what each candle signalled. */
export function runCloses(strategy: { onCandle(candle: Candle): Signal | null }, closes: readonly number[]): (Signal | null)[] {
  return candlesOf(closes).map((candle) => strategy.onCandle(candle));
}

/** The market every config here trades. */
const MARKET = { symbol: 'BTC/USDT', timeframe: '1m', active: true } as const;

/** 'mom-1': lookback 3, threshold 0.05, size 0.01 unless given. */
export function momentumConfig(params: Partial<MomentumConfig['params']> = {}): MomentumConfig {
  return { id: 'mom-1', kind: 'momentum', ...MARKET, params: { lookback: 3, threshold: 0.05, orderSize: 0.01, ...params } };
}

/** 'mr-1': period 20, 2 std, size 0.01 unless given. */
export function meanReversionConfig(params: Partial<MeanReversionConfig['params']> = {}): MeanReversionConfig {
  return { id: 'mr-1', kind: 'mean-reversion', ...MARKET, params: { period: 20, stdMultiplier: 2, orderSize: 0.01, ...params } };
}
