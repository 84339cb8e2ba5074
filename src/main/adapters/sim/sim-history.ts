// Closed candles before the market's start, so the chart and strategy warm-up have data on first run.
// The path is walked backwards from the start price with the live price model at a coarse step (a few
// substeps per candle), so the last candle closes exactly at the start price and an hour of history
// costs a few thousand steps, not 36,000. Walking backwards also means a shorter request returns the
// newest candles of a longer one.
import { barOpen, TIMEFRAME_MS, type Candle, type Timeframe } from '../../../shared/market.ts';
import { DecimalGrid } from './decimal-grid.ts';
import { PriceProcess } from './price-process.ts';
import { Random } from './random.ts';
import type { SimSymbolSpec } from './sim-symbols.ts';
import { tradeIntensity } from './trade-flow.ts';

/**
 * Deviations from the start price decay with this half-life: at the live model's intraday volatility a
 * pure random walk drifts by orders of magnitude over the years weekly bars span, to prices of zero.
 */
const REVERSION_HALF_LIFE_MS = 7 * 86_400_000;

/** Price points per candle: enough for a plausible high/low, few enough to stay cheap. */
const MAX_SUBSTEPS_PER_CANDLE = 20;

export interface HistoryRequest {
  spec: SimSymbolSpec;
  seed: number;
  timeframe: Timeframe;
  limit: number;
  /** The market's start: the last candle is the latest one that closes at or before it. */
  endTime: number;
  /** The live market's step, the finest resolution worth simulating. */
  stepMs: number;
}

export function simulateHistory(request: HistoryRequest): Candle[] {
  const { spec, timeframe, stepMs } = request;
  const limit = Math.max(0, Math.floor(request.limit));
  const periodMs = TIMEFRAME_MS[timeframe];
  const substeps = Math.max(1, Math.min(MAX_SUBSTEPS_PER_CANDLE, Math.round(periodMs / stepMs)));
  const substepMs = periodMs / substeps;
  const lastOpenTime = barOpen(request.endTime, periodMs) - periodMs;
  const prices = new DecimalGrid(spec.info.tickSize);
  const sizes = new DecimalGrid(spec.info.lotSize);
  const random = new Random(request.seed);
  const process = new PriceProcess(spec, random);

  const candles = new Array<Candle>(limit);
  const anchor = Math.log(prices.round(spec.startPrice));
  const pull = 1 - 2 ** (-substepMs / REVERSION_HALF_LIFE_MS);
  let logPrice = anchor;
  for (let index = limit - 1; index >= 0; index--) {
    const close = prices.round(Math.exp(logPrice));
    let high = close;
    let low = close;
    let price = close;
    let volume = 0;
    for (let substep = 0; substep < substeps; substep++) {
      logPrice -= process.nextLogReturn(substepMs);
      logPrice += pull * (anchor - logPrice);
      price = prices.round(Math.exp(logPrice));
      if (price > high) high = price;
      if (price < low) low = price;
      const expectedTrades = (tradeIntensity(spec, process.regime, process.shock) * substepMs) / 1000;
      volume += expectedTrades * spec.tradeSize * (0.7 + 0.6 * random.next());
    }
    candles[index] = {
      symbol: spec.info.symbol,
      timeframe,
      openTime: lastOpenTime - (limit - 1 - index) * periodMs,
      open: price,
      high,
      low,
      close,
      volume: sizes.round(volume),
      closed: true,
    };
  }
  return candles;
}
