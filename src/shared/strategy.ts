import { z } from 'zod';
import { TIMEFRAMES } from './market.ts';

export const momentumParamsSchema = z.object({
  /** Candles looked back over to measure the move. */
  lookback: z.number().int().min(2).max(500),
  /** Rate of change (fraction, 0.002 = 0.2%) that triggers a signal, up for long, down for short. */
  threshold: z.number().positive().max(1),
  /** Order size in base units. */
  orderSize: z.number().positive(),
});
export type MomentumParams = z.infer<typeof momentumParamsSchema>;

export const meanReversionParamsSchema = z.object({
  /** Candles in the Bollinger moving average. */
  period: z.number().int().min(2).max(500),
  /** Band width in standard deviations. */
  stdMultiplier: z.number().positive().max(10),
  orderSize: z.number().positive(),
});
export type MeanReversionParams = z.infer<typeof meanReversionParamsSchema>;

export const STRATEGY_KINDS = ['momentum', 'mean-reversion'] as const;
export type StrategyKind = (typeof STRATEGY_KINDS)[number];

export const STRATEGY_PARAM_SCHEMAS = {
  momentum: momentumParamsSchema,
  'mean-reversion': meanReversionParamsSchema,
} as const;

export type StrategyParams = MomentumParams | MeanReversionParams;

export const strategyConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string().min(1).max(64),
    kind: z.literal('momentum'),
    symbol: z.string().min(1),
    timeframe: z.enum(TIMEFRAMES),
    params: momentumParamsSchema,
    active: z.boolean(),
  }),
  z.object({
    id: z.string().min(1).max(64),
    kind: z.literal('mean-reversion'),
    symbol: z.string().min(1),
    timeframe: z.enum(TIMEFRAMES),
    params: meanReversionParamsSchema,
    active: z.boolean(),
  }),
]);
export type StrategyConfig = z.infer<typeof strategyConfigSchema>;

export type SignalDirection = 'long' | 'short' | 'flat';

export interface Signal {
  strategyId: string;
  symbol: string;
  direction: SignalDirection;
  strength: number; // 0..1
  price: number;
  ts: number;
  /** What the strategy saw: indicator values, thresholds. */
  meta: Record<string, number | string>;
}

export interface StrategyStats {
  signals: number;
  longSignals: number;
  shortSignals: number;
  flatSignals: number;
  lastSignalTs: number | null;
}

export interface StrategyView {
  config: StrategyConfig;
  stats: StrategyStats;
  /** Latest indicator values, for the panel. */
  indicators: Record<string, number>;
}
