import { z } from 'zod';
import { exchangeSettingsSchema } from './exchange.ts';
import { DEFAULT_RISK_LIMITS, riskLimitsSchema } from './risk.ts';

export const SIM_SPEEDS = [1, 2, 5, 10, 25, 50, 100] as const;

/** A GitHub repository's releases ("owner/repo") or an https address serving electron-builder's latest*.yml. */
const UPDATE_FEED = /^(?:[\w.-]+\/[\w.-]+|https:\/\/\S+)$/;

export const updateSettingsSchema = z
  .object({
    /** Off by default: the app checks for a new version only when the trader asks it to. */
    enabled: z.boolean(),
    feed: z.string().trim().max(300).regex(UPDATE_FEED, 'the update feed is a GitHub "owner/repo" or an https:// address').nullable(),
  })
  .strict();
export type UpdateSettings = z.infer<typeof updateSettingsSchema>;

export const settingsSchema = z.object({
  mode: z.enum(['paper', 'shadow', 'live']),
  /** Paper account capital in quote currency (USDT). */
  startingCapital: z.number().positive().max(1e12),
  /** Simulated market speed multiplier, 1x .. 100x. */
  simSpeed: z.number().min(1).max(100),
  riskLimits: riskLimitsSchema,
  /** The exchange for shadow and live mode; null until the trader picks one. */
  exchange: exchangeSettingsSchema.nullable().default(null),
  updates: updateSettingsSchema.default({ enabled: false, feed: null }),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  mode: 'paper',
  startingCapital: 100_000,
  simSpeed: 1,
  riskLimits: DEFAULT_RISK_LIMITS,
  exchange: null,
  updates: { enabled: false, feed: null },
};
