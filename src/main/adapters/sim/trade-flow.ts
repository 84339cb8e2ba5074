// How busy the tape is: shared by the live market (individual trades) and its history (candle volume).
import type { VolatilityRegime } from './price-process.ts';
import type { Random } from './random.ts';
import type { SimSymbolSpec } from './sim-symbols.ts';

/** Volatile markets trade more. */
const VOLATILE_ACTIVITY = 2.5;
/** Spread of trade sizes: lognormal with this log-sd, scaled so the mean is the spec's tradeSize. */
const TRADE_SIZE_LOG_SD = 0.9;

/** Expected trades per second now: more in volatile regimes and on bigger moves. */
export function tradeIntensity(spec: SimSymbolSpec, regime: VolatilityRegime, shock: number): number {
  const activity = regime === 'volatile' ? VOLATILE_ACTIVITY : 1;
  return spec.tradesPerSecond * activity * (0.5 + 0.6 * Math.abs(shock));
}

/** Poisson count by Knuth's method: fine for the small means of one 100 ms step. */
export function samplePoisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random.next();
  while (product > limit) {
    count++;
    product *= random.next();
  }
  return count;
}

export function sampleTradeSize(random: Random, meanSize: number): number {
  return meanSize * Math.exp(TRADE_SIZE_LOG_SD * random.normal() - 0.5 * TRADE_SIZE_LOG_SD * TRADE_SIZE_LOG_SD);
}
