import { z } from 'zod';
import { exchangeSettingsSchema } from './exchange.ts';
import { DEFAULT_RISK_LIMITS, riskLimitsSchema } from './risk.ts';

export const SIM_SPEEDS = [1, 2, 5, 10, 25, 50, 100] as const;

export const settingsSchema = z.object({
  mode: z.enum(['paper', 'shadow', 'live']),
  /** Paper account capital in quote currency (USDT). */
  startingCapital: z.number().positive().max(1e12),
  /** Simulated market speed multiplier, 1x .. 100x. */
  simSpeed: z.number().min(1).max(100),
  riskLimits: riskLimitsSchema,
  /** The exchange for shadow and live mode; null until the trader picks one. */
  exchange: exchangeSettingsSchema.nullable().default(null),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  mode: 'paper',
  startingCapital: 100_000,
  simSpeed: 1,
  riskLimits: DEFAULT_RISK_LIMITS,
  exchange: null,
};
