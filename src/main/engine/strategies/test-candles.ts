// Builds closed candles for strategy tests: one a minute from START, close as given.
import type { Candle } from '../../../shared/market.ts';

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
