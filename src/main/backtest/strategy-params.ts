// A backtest names a strategy kind and only the parameters it changes; the rest come from the desk's
// default strategy of that kind, so a request of { lookback: 20 } runs momentum as the trader knows it.
import type { BacktestRequest } from '../../shared/backtest.ts';
import { STRATEGY_PARAM_SCHEMAS, type StrategyConfig } from '../../shared/strategy.ts';
import { DEFAULT_STRATEGIES } from '../engine/default-strategies.ts';

export type NewStrategyConfig = Omit<StrategyConfig, 'id' | 'active'>;

/** The kind's default parameters with the request's on top, validated; throws a sentence naming the field. */
export function strategyParamsFor(strategy: BacktestRequest['strategy']): Record<string, number> {
  const defaults = DEFAULT_STRATEGIES.find((config) => config.kind === strategy.kind)?.params ?? {};
  const merged: Record<string, number> = { ...defaults, ...strategy.params };
  const schema = STRATEGY_PARAM_SCHEMAS[strategy.kind];
  const parsed = schema.strict().safeParse(merged);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(schema.shape).join(', ');
    throw new Error(`The ${strategy.kind} strategy has no parameter ${issue.keys.join(', ')}; it takes ${known}.`);
  }
  const field = issue.path.map(String).join('.');
  throw new Error(`The ${strategy.kind} strategy's ${field} is not valid (got ${String(merged[field])}): ${issue.message}.`);
}

/** The strategy a backtest request runs, on its symbol and timeframe. */
export function strategyConfigFor(request: BacktestRequest): NewStrategyConfig {
  const params = strategyParamsFor(request.strategy);
  return { kind: request.strategy.kind, symbol: request.symbol, timeframe: request.timeframe, params } as NewStrategyConfig;
}
