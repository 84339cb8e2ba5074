import type { z } from 'zod';
import {
  meanReversionParamsSchema,
  momentumParamsSchema,
  strategyConfigSchema,
  type StrategyConfig,
} from '../../../shared/strategy.ts';
import type { CandleStrategy } from './candle-strategy.ts';
import { MeanReversionStrategy } from './mean-reversion.ts';
import { MomentumStrategy } from './momentum.ts';

// The shared schemas drop unknown parameters silently; here a misspelt one must fail, not be ignored.
const STRICT_PARAM_SCHEMAS = {
  momentum: momentumParamsSchema.strict(),
  'mean-reversion': meanReversionParamsSchema.strict(),
} as const;

/**
 * Builds a strategy from a config, validated first. A parameter change is a new instance from the
 * new config: strategies never change their config. Throws an Error naming each bad field.
 */
export function createStrategy(config: StrategyConfig): CandleStrategy<StrategyConfig> {
  const checked = validated(config);
  switch (checked.kind) {
    case 'momentum':
      return new MomentumStrategy(checked);
    case 'mean-reversion':
      return new MeanReversionStrategy(checked);
  }
}

function validated(config: StrategyConfig): StrategyConfig {
  const parsed = strategyConfigSchema.safeParse(config);
  if (!parsed.success) throw invalidConfig(parsed.error.issues, []);
  const params = STRICT_PARAM_SCHEMAS[parsed.data.kind].safeParse(config.params);
  if (!params.success) throw invalidConfig(params.error.issues, ['params']);
  return parsed.data;
}

function invalidConfig(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): Error {
  const problems = issues.map((issue) => `${[...prefix, ...issue.path].map(String).join('.') || 'config'}: ${issue.message}`);
  return new Error(`Invalid strategy config: ${problems.join('; ')}`);
}
