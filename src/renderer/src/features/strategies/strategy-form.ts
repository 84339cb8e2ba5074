// Strategy parameters as form fields: names from the shared schemas, validation before sending.
import type { CommandRequest } from '../../../../shared/contract.ts';
import type { SymbolInfo, Timeframe } from '../../../../shared/market.ts';
import { NO_EXITS, STRATEGY_PARAM_SCHEMAS, type StrategyKind, type StrategyParams, type StrategyView } from '../../../../shared/strategy.ts';
import { issuesByField } from '../../format/issues.ts';
import { roundToStep } from '../../format/number.ts';

export const PARAM_LABELS: Record<string, { label: string; hint: string }> = {
  lookback: { label: 'Lookback', hint: 'candles' },
  threshold: { label: 'Threshold', hint: 'fraction, 0.002 = 0.2%' },
  period: { label: 'Period', hint: 'candles' },
  stdMultiplier: { label: 'Std mult', hint: 'band width in σ' },
  orderSize: { label: 'Order size', hint: 'base units' },
  stopLoss: { label: 'Stop-loss', hint: '% below the entry (ATRs with an ATR period); 0 = none' },
  takeProfit: { label: 'Take-profit', hint: '% above the entry (ATRs with an ATR period); 0 = none' },
  trailingStop: { label: 'Trailing', hint: 'trailing stop distance in % (ATRs with an ATR period); 0 = none' },
  atrPeriod: { label: 'ATR period', hint: 'candles; 0 = exits in percent' },
};

export const KIND_LABELS: Record<StrategyKind, string> = { momentum: 'Momentum', 'mean-reversion': 'Mean reversion' };

export function paramNames(kind: StrategyKind): string[] {
  return Object.keys(STRATEGY_PARAM_SCHEMAS[kind].shape);
}

export type ParamCheck = { ok: true; params: Record<string, number> } | { ok: false; errors: Record<string, string> };

/**
 * Validates the text of each field against the kind's schema; errors are keyed by parameter name. A blank
 * optional field (an exit) is left out.
 */
export function checkParams(kind: StrategyKind, values: Readonly<Record<string, string>>): ParamCheck {
  const candidate: Record<string, number> = {};
  const errors: Record<string, string> = {};
  const shape: Record<string, { safeParse(value: unknown): { success: boolean } }> = STRATEGY_PARAM_SCHEMAS[kind].shape;
  for (const name of paramNames(kind)) {
    const text = (values[name] ?? '').trim();
    if (text === '' && shape[name]!.safeParse(undefined).success) continue;
    const value = Number(text);
    if (text === '' || Number.isNaN(value)) errors[name] = 'must be a number';
    else candidate[name] = value;
  }
  const parsed = STRATEGY_PARAM_SCHEMAS[kind].safeParse(candidate);
  if (!parsed.success) Object.assign(errors, { ...issuesByField(parsed.error.issues), ...errors });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, params: candidate };
}

export function paramsAsText(params: StrategyParams): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)]));
}

/** About 1,000 in quote currency per order, on the lot grid and at least the minimum size. */
export function defaultOrderSize(info: SymbolInfo | undefined, lastPrice: number | undefined): number {
  if (!info) return 1;
  if (!lastPrice || lastPrice <= 0) return info.minSize;
  // Two significant digits (0.017 BTC, not 0.01666): a size a trader reads at a glance, and the same
  // from one tick to the next.
  return Math.max(info.minSize, roundToStep(Number((1_000 / lastPrice).toPrecision(2)), info.lotSize));
}

/** A new strategy with default params, to be tuned in the list afterwards. */
export function newStrategyRequest(
  kind: StrategyKind,
  symbol: string,
  timeframe: Timeframe,
  orderSize: number,
): CommandRequest<'strategy.create'> {
  return kind === 'momentum'
    ? { kind, symbol, timeframe, params: { lookback: 20, threshold: 0.002, orderSize, ...NO_EXITS } }
    : { kind, symbol, timeframe, params: { period: 20, stdMultiplier: 2, orderSize, ...NO_EXITS } };
}

/** An existing strategy that would trade exactly like `request` (same kind, market, timeframe and parameters), if any. */
export function identicalStrategy(request: CommandRequest<'strategy.create'>, existing: readonly StrategyView[]): StrategyView | undefined {
  const sameParams = (a: Record<string, number>, b: Record<string, number>): boolean => {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => a[key] === b[key]);
  };
  return existing.find(
    ({ config }) => config.kind === request.kind && config.symbol === request.symbol && config.timeframe === request.timeframe && sameParams(config.params as Record<string, number>, request.params as Record<string, number>),
  );
}
