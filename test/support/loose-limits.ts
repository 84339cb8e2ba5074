import type { RiskLimits } from '../../src/shared/risk.ts';

/** Risk limits that stay out of the way unless a test sets one (a stale feed only after ten minutes). */
export const LOOSE_LIMITS: RiskLimits = {
  maxPositionValue: 1_000_000,
  maxGrossExposure: 10,
  riskPerTrade: 1,
  defaultStopPct: 0.02,
  noDuplicatePosition: false,
  dailyLossLimit: 1,
  maxDrawdown: 1,
  staleFeedMs: 600_000,
};
