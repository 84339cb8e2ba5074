// Parameter sweeps: the values of an axis from (from, to, step), the table's sort order, the
// heatmap's grid and colour scale. Pure functions; the panels only render what these return.
import type { z } from 'zod';
import type { BacktestRequest, SweepCell } from '../../../../shared/backtest.ts';
import type { CommandRequest } from '../../../../shared/contract.ts';
import { STRATEGY_PARAM_SCHEMAS, type StrategyKind, type StrategyView } from '../../../../shared/strategy.ts';
import { issueText } from '../../format/issues.ts';
import { decimalsForStep } from '../../format/number.ts';
import { metricScore, metricSpec, shownMetric, type MetricKey } from './metrics.ts';

/** Values per parameter the engine accepts (and a heatmap can still show). */
export const MAX_SWEEP_VALUES = 50;

export type SweepValues = { ok: true; values: number[] } | { ok: false; error: string };

/**
 * from, from + step, … up to and including to. Values are rounded to the decimals of from and step,
 * so 0.1 + 0.2 comes out as 0.3, and a to that float arithmetic misses by a hair is still included.
 */
export function sweepValues(from: number, to: number, step: number): SweepValues {
  if (![from, to, step].every(Number.isFinite)) return { ok: false, error: 'from, to and step must be numbers' };
  if (to < from) return { ok: false, error: 'to must not be below from' };
  if (step <= 0) return { ok: false, error: 'step must be greater than 0' };
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_SWEEP_VALUES) {
    return { ok: false, error: `${count} values: at most ${MAX_SWEEP_VALUES}, raise the step or narrow the range` };
  }
  const decimals = Math.min(12, Math.max(decimalsForStep(Math.abs(from) || 1), decimalsForStep(step)));
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(Number((from + i * step).toFixed(decimals)));
  return { ok: true, values };
}

/** The same from the text of three fields. */
export function sweepValuesFromText(from: string, to: string, step: string): SweepValues {
  const parse = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  return sweepValues(parse(from), parse(to), parse(step));
}

/** The first value of an axis the strategy's schema refuses, as "lookback 2.5: must be a whole number". */
export function checkAxisValues(kind: StrategyKind, param: string, values: readonly number[]): string | null {
  const shape: Readonly<Record<string, z.ZodType>> = STRATEGY_PARAM_SCHEMAS[kind].shape;
  const field = Object.hasOwn(shape, param) ? shape[param] : undefined;
  if (!field) return `${param} is not a parameter of this strategy`;
  for (const value of values) {
    const parsed = field.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `${param} ${value}: ${issue ? issueText(issue) : 'not allowed'}`;
    }
  }
  return null;
}

/** A sweep table column: a swept parameter or a metric. */
export type SweepColumn = { kind: 'param'; name: string } | { kind: 'metric'; key: MetricKey };
export type SortDirection = 'asc' | 'desc';

export function columnId(column: SweepColumn): string {
  return column.kind === 'param' ? `param:${column.name}` : `metric:${column.key}`;
}

function cellValue(cell: SweepCell, column: SweepColumn): number | null {
  const value = column.kind === 'param' ? cell.values[column.name] : shownMetric(cell.metrics, column.key);
  return value === undefined || value === null || Number.isNaN(value) ? null : value;
}

/** Sorted by a column; cells without a value (not run yet) go last either way. Stable. */
export function sortCells(cells: readonly SweepCell[], column: SweepColumn, direction: SortDirection): SweepCell[] {
  const sign = direction === 'asc' ? 1 : -1;
  return cells
    .map((cell, index) => ({ cell, index, value: cellValue(cell, column) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      if (a.value === b.value) return a.index - b.index;
      return a.value < b.value ? -sign : sign;
    })
    .map((entry) => entry.cell);
}

/** The direction a first click sorts by: best first for metrics with a better side, else ascending. */
export function firstDirection(column: SweepColumn): SortDirection {
  if (column.kind === 'param') return 'asc';
  return metricSpec(column.key).better === 'lower' ? 'asc' : 'desc';
}

/**
 * The cell that did best on a metric, or null when none has run or the metric has no better side. A
 * cell that never traded is no candidate: its flat curve can score best (no drawdown, no fees).
 */
export function bestCell(cells: readonly SweepCell[], key: MetricKey): SweepCell | null {
  let best: SweepCell | null = null;
  let bestScore = -Infinity;
  for (const cell of cells) {
    if (!cell.metrics || cell.metrics.trades === 0) continue;
    const score = metricScore(key, shownMetric(cell.metrics, key));
    if (score !== null && score > bestScore) {
      best = cell;
      bestScore = score;
    }
  }
  return best;
}

export interface HeatmapGrid {
  /** First parameter's values, left to right. */
  xs: number[];
  /** Second parameter's values, top to bottom: largest on top, as on a chart. */
  ys: number[];
  /** rows[i][j] is the cell at (xs[j], ys[i]); null where the sweep has no such cell. */
  rows: (SweepCell | null)[][];
}

export function heatmapGrid(cells: readonly SweepCell[], xParam: string, yParam: string): HeatmapGrid {
  const byKey = new Map<string, SweepCell>();
  const xs = new Set<number>();
  const ys = new Set<number>();
  for (const cell of cells) {
    const x = cell.values[xParam];
    const y = cell.values[yParam];
    if (x === undefined || y === undefined) continue;
    xs.add(x);
    ys.add(y);
    byKey.set(`${x}|${y}`, cell);
  }
  const xList = [...xs].sort((a, b) => a - b);
  const yList = [...ys].sort((a, b) => b - a);
  return { xs: xList, ys: yList, rows: yList.map((y) => xList.map((x) => byKey.get(`${x}|${y}`) ?? null)) };
}

export interface Range {
  min: number;
  max: number;
}

/** Smallest and largest finite value, or null when there is none. */
export function valueRange(values: readonly (number | null | undefined)[]): Range | null {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value === null || value === undefined || !Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min === Infinity ? null : { min, max };
}

/** Where a value sits in the range, 0..1; infinities pin to the ends; null for no value. */
export function scalePosition(value: number | null | undefined, range: Range | null): number | null {
  if (value === null || value === undefined || Number.isNaN(value) || !range) return null;
  if (value === Infinity) return 1;
  if (value === -Infinity) return 0;
  if (range.max === range.min) return 0.5;
  return Math.min(1, Math.max(0, (value - range.min) / (range.max - range.min)));
}

type Rgb = readonly [number, number, number];
const BAD: Rgb = [246, 70, 93]; // --down
const MIDDLE: Rgb = [42, 49, 60];
const GOOD: Rgb = [14, 203, 129]; // --up
const NEUTRAL_LOW: Rgb = [24, 29, 37];
const NEUTRAL_HIGH: Rgb = [76, 141, 255]; // --accent

function mix(from: Rgb, to: Rgb, t: number): string {
  const channel = (i: number) => Math.round(from[i] + (to[i] - from[i]) * t);
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
}

/**
 * A heatmap cell's colour for a value at position t (0..1) of the range: red for the worst, grey in
 * the middle, green for the best, flipped for metrics where lower is better. Metrics with no better
 * side go from dark to blue. No value: transparent.
 */
export function heatColor(t: number | null, better: 'higher' | 'lower' | null): string {
  if (t === null) return 'transparent';
  if (better === null) return mix(NEUTRAL_LOW, NEUTRAL_HIGH, t);
  const goodness = better === 'higher' ? t : 1 - t;
  return goodness < 0.5 ? mix(BAD, MIDDLE, goodness * 2) : mix(MIDDLE, GOOD, (goodness - 0.5) * 2);
}

/** Dark text on bright cells, light text on dark ones. */
export function textColorOn(background: string): string {
  const match = /rgb\((\d+), (\d+), (\d+)\)/.exec(background);
  if (!match) return 'inherit';
  const [r, g, b] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return 0.299 * r + 0.587 * g + 0.114 * b > 130 ? '#0b0e11' : '#d8dde4';
}

/**
 * A bar of the one-parameter chart, in percent of the plot's height from the bottom: bars stand on
 * zero, up for positive values and down for negative ones. Null for no value.
 */
export function barExtent(value: number | null | undefined, range: Range | null): { bottom: number; height: number } | null {
  if (value === null || value === undefined || Number.isNaN(value) || !range) return null;
  const lo = Math.min(0, range.min);
  const hi = Math.max(0, range.max);
  if (hi === lo) return { bottom: 0, height: 0 };
  const at = (v: number) => ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * 100;
  const zero = at(0);
  const top = at(value);
  return { bottom: Math.min(zero, top), height: Math.abs(top - zero) };
}

export type CellStrategy = { update: { id: string; params: Record<string, number> } } | { create: CommandRequest<'strategy.create'> };

/**
 * The live strategy a cell's parameters make: the desk's strategy of that kind on the same market and
 * timeframe gets them, or a new one is made (`defaults` fills what the sweep's base left out).
 */
export function strategyFromCell(base: BacktestRequest, cell: SweepCell, existing: readonly StrategyView[], defaults: CommandRequest<'strategy.create'>): CellStrategy {
  const params = { ...defaults.params, ...base.strategy.params, ...cell.values } as Record<string, number>;
  const same = existing.find(({ config }) => config.kind === base.strategy.kind && config.symbol === base.symbol && config.timeframe === base.timeframe);
  if (same) return { update: { id: same.config.id, params } };
  return { create: { ...defaults, params } as CommandRequest<'strategy.create'> };
}
