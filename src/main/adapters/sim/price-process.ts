// The price model shared by the live market and its history: log-returns with a drift that changes
// (trend regimes), volatility that switches between calm and volatile (a two-state Markov chain) and
// occasional jumps. Stepping is O(1) and allocation-free.
import type { Random } from './random.ts';

export type VolatilityRegime = 'calm' | 'volatile';

export const YEAR_MS = 365 * 24 * 3_600_000;
const HOUR_MS = 3_600_000;

/** Mean time spent in each volatility regime before switching. */
const CALM_SPELL_MS = 40 * 60_000;
const VOLATILE_SPELL_MS = 8 * 60_000;
/** Mean life of a trend; its expected move is TREND_STRENGTH calm standard deviations over that life. */
const TREND_LIFE_MS = 20 * 60_000;
const TREND_STRENGTH = 1.5;
const JUMPS_PER_HOUR: Record<VolatilityRegime, number> = { calm: 0.2, volatile: 1.5 };
/** Standard deviation of a jump's log-return. */
const JUMP_SIZE = 0.004;

export interface PriceProcessParams {
  calmVol: number;
  volatileVol: number;
}

export class PriceProcess {
  regime: VolatilityRegime = 'calm';
  /** Last step's diffusion shock in standard deviations: trade flow leans with it. */
  shock = 0;
  private driftPerMs = 0;
  private readonly params: PriceProcessParams;
  private readonly random: Random;
  private readonly trendDriftSd: number;

  constructor(params: PriceProcessParams, random: Random) {
    this.params = params;
    this.random = random;
    this.trendDriftSd = (TREND_STRENGTH * params.calmVol * Math.sqrt(TREND_LIFE_MS / YEAR_MS)) / TREND_LIFE_MS;
  }

  /** Advances the regimes by dtMs and returns the log-return over that interval. */
  nextLogReturn(dtMs: number): number {
    const random = this.random;
    const spell = this.regime === 'calm' ? CALM_SPELL_MS : VOLATILE_SPELL_MS;
    if (random.next() < dtMs / spell) this.regime = this.regime === 'calm' ? 'volatile' : 'calm';
    if (random.next() < dtMs / TREND_LIFE_MS) this.driftPerMs = random.normal() * this.trendDriftSd;

    const vol = this.regime === 'calm' ? this.params.calmVol : this.params.volatileVol;
    const sigma = vol * Math.sqrt(dtMs / YEAR_MS);
    this.shock = random.normal();
    // The -σ²/2 term keeps the price itself (not its log) driftless when the trend is flat.
    let logReturn = this.driftPerMs * dtMs + sigma * this.shock - 0.5 * sigma * sigma;
    if (random.next() < (JUMPS_PER_HOUR[this.regime] * dtMs) / HOUR_MS) logReturn += random.normal() * JUMP_SIZE;
    return logReturn;
  }
}
