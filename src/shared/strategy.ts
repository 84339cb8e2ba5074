import { z } from 'zod';
import { TIMEFRAMES } from './market.ts';

/** Order size in base units, bounded like an order from the ticket. */
const orderSize = z.number().positive().max(1e9);

/**
 * Exits a strategy attaches to each entry: distances from the signal's price in percent of it, or in
 * multiples of the average true range over `atrPeriod` candles when that is above 0. 0 or absent: no such exit.
 */
const exitFields = {
  stopLoss: z.number().min(0).max(99),
  takeProfit: z.number().min(0).max(1000),
  trailingStop: z.number().min(0).max(99),
  atrPeriod: z.number().int().min(0).max(500),
};
export type ExitParams = { [K in keyof typeof exitFields]?: number };
export const NO_EXITS = { stopLoss: 0, takeProfit: 0, trailingStop: 0, atrPeriod: 0 } as const satisfies ExitParams;

/** Optional: a strategy saved before exits existed, or a form that leaves them out, has none. */
const optionalExitFields = {
  stopLoss: exitFields.stopLoss.optional(),
  takeProfit: exitFields.takeProfit.optional(),
  trailingStop: exitFields.trailingStop.optional(),
  atrPeriod: exitFields.atrPeriod.optional(),
};

const momentumFields = {
  /** Candles looked back over to measure the move. */
  lookback: z.number().int().min(2).max(500),
  /** Rate of change (fraction, 0.002 = 0.2%) that triggers a signal, up for long, down for short. */
  threshold: z.number().positive().max(1),
  orderSize,
};

const meanReversionFields = {
  /** Candles in the Bollinger moving average. */
  period: z.number().int().min(2).max(500),
  /** Band width in standard deviations. */
  stdMultiplier: z.number().positive().max(10),
  orderSize,
};

export const momentumParamsSchema = z.object({ ...momentumFields, ...optionalExitFields }).strict();
export type MomentumParams = z.infer<typeof momentumParamsSchema>;

export const meanReversionParamsSchema = z.object({ ...meanReversionFields, ...optionalExitFields }).strict();
export type MeanReversionParams = z.infer<typeof meanReversionParamsSchema>;

/**
 * Some parameters of any strategy kind, each within its range: what an update, a backtest or a sweep
 * may name (without defaults: what is not named is left as it is). Whether the named ones belong to the
 * strategy's kind is checked against that kind.
 */
export const strategyParamPatchSchema = z.object({ ...momentumFields, ...meanReversionFields, ...exitFields }).partial().strict();
export type StrategyParamPatch = z.infer<typeof strategyParamPatchSchema>;
export const STRATEGY_PARAM_NAMES = Object.keys(strategyParamPatchSchema.shape) as (keyof StrategyParamPatch)[];

export const STRATEGY_KINDS = ['momentum', 'mean-reversion'] as const;
export type StrategyKind = (typeof STRATEGY_KINDS)[number];

export const STRATEGY_PARAM_SCHEMAS = {
  momentum: momentumParamsSchema,
  'mean-reversion': meanReversionParamsSchema,
} as const;

export type StrategyParams = MomentumParams | MeanReversionParams;

/** "params.period: the momentum strategy has no parameter period" for each named parameter the kind does not take. */
export function paramsNotOfKind(kind: StrategyKind, names: readonly string[], path = 'params'): string[] {
  const known = Object.keys(STRATEGY_PARAM_SCHEMAS[kind].shape);
  return names.filter((name) => !known.includes(name)).map((name) => `${path}.${name}: the ${kind} strategy has no parameter ${name}; it takes ${known.join(', ')}`);
}

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
