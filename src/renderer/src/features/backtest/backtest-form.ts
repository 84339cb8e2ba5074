// The backtest form as text fields, and its check against the shared schemas before anything is sent.
// Dates are typed and shown in UTC, the engine's clock.
import {
  backtestRequestSchema,
  type BacktestRequest,
  type BacktestSource,
  type DatasetInfo,
  type SweepRequest,
} from '../../../../shared/backtest.ts';
import { TIMEFRAMES, type MarketType, type Timeframe } from '../../../../shared/market.ts';
import { STRATEGY_KINDS, type StrategyKind } from '../../../../shared/strategy.ts';
import { issueText } from '../../format/issues.ts';
import { checkParams, newStrategyRequest, paramNames, paramsAsText } from '../strategies/strategy-form.ts';
import { checkAxisValues, sweepValuesFromText } from './sweep.ts';

export type SourceKind = BacktestSource['kind'];
export const SOURCE_KINDS: readonly SourceKind[] = ['dataset', 'exchange', 'simulated'];
export const SOURCE_LABELS: Record<SourceKind, string> = {
  dataset: 'Dataset',
  exchange: 'Exchange download',
  simulated: 'Simulated market',
};

/** Spot holds only what it bought (a short signal means flat); margin lets a strategy go short. */
export const MARKET_TYPES = ['spot', 'margin'] as const;
export const MARKET_LABELS: Record<MarketType, string> = { spot: 'Spot (long only)', margin: 'Margin (long and short)' };

export interface BacktestForm {
  kind: StrategyKind;
  market: MarketType;
  /** Param text per kind, so switching kind and back keeps what was typed. */
  params: Record<StrategyKind, Record<string, string>>;
  symbol: string;
  timeframe: Timeframe;
  /** "YYYY-MM-DDTHH:mm[:ss]" as a datetime-local input holds it, read as UTC. */
  from: string;
  to: string;
  source: SourceKind;
  datasetId: string;
  seed: string;
  capital: string;
}

/** Field names for errors: the form's own, and 'param.<name>' per strategy parameter. */
export type FormErrors = Record<string, string>;

const DAY_MS = 86_400_000;
/** The simulated market's default span: the engine runs it for at most 6 hours. */
const SIMULATED_SPAN_MS = 6 * 3_600_000;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Epoch ms as a datetime-local value in UTC; seconds only when there are any. */
export function toUtcInput(ts: number): string {
  const d = new Date(ts);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return d.getUTCSeconds() === 0 ? base : `${base}:${pad(d.getUTCSeconds())}`;
}

/** A datetime-local value read as UTC; null when it is not a real date and time. */
export function parseUtcInput(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second = '0', fraction = '0'] = match.slice(1);
  const ms = Number(fraction.padEnd(3, '0'));
  const ts = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), ms);
  // Date.UTC rolls 2024-02-31 over into March: refuse what does not round-trip.
  const d = new Date(ts);
  if (d.getUTCFullYear() !== Number(year) || d.getUTCMonth() !== Number(month) - 1 || d.getUTCDate() !== Number(day)) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  return ts;
}

/** A dataset's range as input text: from rounded down, to rounded up to the second, so no row is cut. */
export function datasetRange(dataset: DatasetInfo): { from: string; to: string } {
  return { from: toUtcInput(Math.floor(dataset.from / 1_000) * 1_000), to: toUtcInput(Math.ceil(dataset.to / 1_000) * 1_000) };
}

function isTimeframe(value: string | null): value is Timeframe {
  return value !== null && (TIMEFRAMES as readonly string[]).includes(value);
}

/** Symbol, timeframe and range follow the dataset picked; they stay editable afterwards. */
export function pickDataset(form: BacktestForm, dataset: DatasetInfo): BacktestForm {
  return {
    ...form,
    source: 'dataset',
    datasetId: dataset.id,
    symbol: dataset.symbol,
    timeframe: isTimeframe(dataset.timeframe) ? dataset.timeframe : form.timeframe,
    ...datasetRange(dataset),
  };
}

export interface FormDefaults {
  now: number;
  symbol: string | null;
  timeframe: Timeframe | null;
  capital: number | null;
  orderSize: number;
  datasets: readonly DatasetInfo[] | null;
}

/** A first form: the first dataset when there is one (its range and symbol), else the simulated market for the 6 hours before today 00:00 UTC. */
export function defaultBacktestForm(defaults: FormDefaults): BacktestForm {
  const params = Object.fromEntries(
    STRATEGY_KINDS.map((kind) => [kind, paramsAsText(newStrategyRequest(kind, 'X', '1m', defaults.orderSize).params)]),
  ) as Record<StrategyKind, Record<string, string>>;
  const today = Math.floor(defaults.now / DAY_MS) * DAY_MS;
  const form: BacktestForm = {
    kind: 'momentum',
    market: 'spot',
    params,
    symbol: defaults.symbol ?? 'BTC/USDT',
    timeframe: defaults.timeframe ?? '1m',
    from: toUtcInput(today - SIMULATED_SPAN_MS),
    to: toUtcInput(today),
    source: 'simulated',
    datasetId: '',
    seed: '42',
    capital: String(defaults.capital ?? 100_000),
  };
  const first = defaults.datasets?.[0];
  return first ? pickDataset(form, first) : form;
}

/** Where a schema issue's path lands in the form. */
function fieldOf(path: readonly PropertyKey[]): string {
  const [head, second, third] = path.map(String);
  if (head === 'strategy' && second === 'params' && third) return `param.${third}`;
  if (head === 'startingCapital') return 'capital';
  if (head === 'source') return second === 'seed' ? 'seed' : second === 'exchangeId' ? 'exchange' : 'dataset';
  return head ?? 'form';
}

export interface FormContext {
  /** settings.exchange.id, the exchange a download comes from. */
  exchangeId: string | null;
  datasets: readonly DatasetInfo[] | null;
}

export type FormCheck = { ok: true; request: BacktestRequest } | { ok: false; errors: FormErrors };

function numberOrNaN(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** Validates every field, each with a short message beside it; the request when all are good. */
export function checkBacktestForm(form: BacktestForm, context: FormContext): FormCheck {
  const errors: FormErrors = {};
  const params = checkParams(form.kind, form.params[form.kind]);
  if (!params.ok) for (const [name, text] of Object.entries(params.errors)) errors[`param.${name}`] = text;

  const from = parseUtcInput(form.from);
  const to = parseUtcInput(form.to);
  if (from === null) errors.from = 'must be a date and time';
  if (to === null) errors.to = 'must be a date and time';
  if (from !== null && to !== null && to <= from) errors.to = 'must come after the start';
  if (form.symbol.trim().length < 3) errors.symbol = 'must be a market such as BTC/USDT';

  let source: BacktestSource | null = null;
  if (form.source === 'dataset') {
    const dataset = context.datasets?.find((d) => d.id === form.datasetId);
    if (!dataset) errors.dataset = 'pick a dataset';
    else {
      source = { kind: 'dataset', id: dataset.id };
      if (from !== null && to !== null && (to <= dataset.from || from >= dataset.to)) {
        errors.from = 'the range misses the dataset';
      }
    }
  } else if (form.source === 'exchange') {
    if (!context.exchangeId) errors.exchange = 'pick an exchange in Settings first';
    else source = { kind: 'exchange', exchangeId: context.exchangeId };
  } else {
    const seed = numberOrNaN(form.seed);
    source = { kind: 'simulated', seed };
  }

  const candidate = {
    strategy: { kind: form.kind, params: params.ok ? params.params : {} },
    symbol: form.symbol.trim(),
    timeframe: form.timeframe,
    from: from ?? 0,
    to: to ?? 1,
    source: source ?? { kind: 'simulated', seed: 0 },
    startingCapital: numberOrNaN(form.capital),
    market: form.market,
  };
  const parsed = backtestRequestSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      // Param issues already came from the kind's own schema; date issues from parsing.
      if (field.startsWith('param.') || field === 'form') continue;
      if ((field === 'from' && from === null) || (field === 'to' && to === null)) continue;
      errors[field] ??= issue.code === 'invalid_type' && issue.expected === 'number' ? 'must be a number' : issueText(issue);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, request: parsed.data };
}

export interface AxisForm {
  param: string;
  from: string;
  to: string;
  step: string;
}

export interface SweepForm {
  first: AxisForm;
  /** Null for a one-parameter sweep. */
  second: AxisForm | null;
}

/** An axis around the current value: from it to three times it, in steps of itself (or 1..10 when 0). */
export function defaultAxis(param: string, current: string): AxisForm {
  const value = Number(current);
  if (!Number.isFinite(value) || value <= 0) return { param, from: '1', to: '10', step: '1' };
  return { param, from: String(value), to: String(Number((value * 3).toPrecision(12))), step: String(value) };
}

export function defaultSweepForm(form: BacktestForm): SweepForm {
  const [name] = paramNames(form.kind);
  return { first: defaultAxis(name, form.params[form.kind][name] ?? ''), second: null };
}

/** The sweep form for a (new) strategy kind: axes on parameters the kind lacks are replaced. */
export function sweepFormFor(sweep: SweepForm, form: BacktestForm): SweepForm {
  const names = paramNames(form.kind);
  const first = names.includes(sweep.first.param) ? sweep.first : defaultSweepForm(form).first;
  const second = sweep.second && names.includes(sweep.second.param) && sweep.second.param !== first.param ? sweep.second : null;
  return first === sweep.first && second === sweep.second ? sweep : { first, second };
}

export type SweepCheck =
  | { ok: true; request: SweepRequest; cells: number }
  | { ok: false; errors: Partial<Record<'first' | 'second' | 'base', string>>; baseErrors: FormErrors };

/**
 * The sweep request: the backtest form is its base, with each swept parameter set to its first value
 * (so a blank or out-of-range field under sweep does not block), and one or two axes of values.
 */
export function checkSweepForm(form: BacktestForm, sweep: SweepForm, context: FormContext): SweepCheck {
  const errors: Partial<Record<'first' | 'second' | 'base', string>> = {};
  const axes: SweepRequest['grid'] = [];
  const params = { ...form.params[form.kind] };
  for (const slot of ['first', 'second'] as const) {
    const axis = sweep[slot];
    if (!axis) continue;
    if (slot === 'second' && axis.param === sweep.first.param) {
      errors.second = 'pick a different parameter';
      continue;
    }
    const values = sweepValuesFromText(axis.from, axis.to, axis.step);
    if (!values.ok) {
      errors[slot] = values.error;
      continue;
    }
    const refused = checkAxisValues(form.kind, axis.param, values.values);
    if (refused) {
      errors[slot] = refused;
      continue;
    }
    params[axis.param] = String(values.values[0]);
    // checkAxisValues refused any name the kind does not take.
    axes.push({ param: axis.param as SweepRequest['grid'][number]['param'], values: values.values });
  }
  const base = checkBacktestForm({ ...form, params: { ...form.params, [form.kind]: params } }, context);
  if (!base.ok) errors.base = 'fix the backtest settings above first';
  if (!base.ok || Object.keys(errors).length > 0) return { ok: false, errors, baseErrors: base.ok ? {} : base.errors };
  const cells = axes.reduce((n, axis) => n * axis.values.length, 1);
  return { ok: true, request: { base: base.request, grid: axes }, cells };
}
