import type { BacktestRequest } from '../../shared/backtest.ts';

/** Requests with the same key read the same history: a sweep's cells load it once. */
export function sourceKey(request: BacktestRequest): string {
  const { source, symbol, timeframe, from, to } = request;
  return JSON.stringify([source, symbol, timeframe, from, to]);
}
