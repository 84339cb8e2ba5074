// A run's result as chart data: equity line, drawdown area, price candles, and markers placed on
// points the series actually has (lightweight-charts puts a marker only on a time it holds).
import type { CandlestickData, LineData, SeriesMarker, Time, UTCTimestamp } from 'lightweight-charts';
import type { BacktestResult, BacktestTrade, EquityPoint } from '../../../../shared/backtest.ts';
import { chartTime } from '../chart/chart-data.ts';

/** Markers kept on a chart; more is clutter. */
export const MAX_MARKERS = 400;

export interface MarkerColors {
  up: string;
  down: string;
  neutral: string;
}

/**
 * Points on whole seconds, oldest first, one per second (the last of each): the chart's time scale
 * is in seconds and refuses repeated or unordered times.
 */
export function toSeconds<T>(items: readonly T[], ts: (item: T) => number, value: (item: T) => number): LineData<Time>[] {
  const sorted = items
    .map((item, index) => ({ time: chartTime(ts(item)), value: value(item), index }))
    .filter((p) => Number.isFinite(p.value) && Number.isFinite(p.time))
    .sort((a, b) => a.time - b.time || a.index - b.index);
  const points: LineData<Time>[] = [];
  for (const { time, value: v } of sorted) {
    const last = points.at(-1);
    if (last && last.time === time) last.value = v;
    else points.push({ time, value: v });
  }
  return points;
}

export function equityLine(points: readonly EquityPoint[]): LineData<Time>[] {
  return toSeconds(points, (p) => p.ts, (p) => p.equity);
}

/** Drawdown below zero, in percent of the peak: -12.5 for 12.5% under it. */
export function drawdownArea(points: readonly EquityPoint[]): LineData<Time>[] {
  return toSeconds(points, (p) => p.ts, (p) => (p.drawdown === 0 ? 0 : -Math.abs(p.drawdown) * 100));
}

/** The run's price candles on whole seconds, oldest first, one per second (the last). */
export function priceBars(candles: BacktestResult['candles']): CandlestickData<Time>[] {
  const bars: CandlestickData<Time>[] = [];
  const sorted = candles
    .filter((c) => [c.open, c.high, c.low, c.close].every(Number.isFinite))
    .map((c, index) => ({ c, index, time: chartTime(c.openTime) }))
    .sort((a, b) => a.time - b.time || a.index - b.index);
  for (const { c, time } of sorted) {
    const bar = { time, open: c.open, high: c.high, low: c.low, close: c.close };
    if (bars.at(-1)?.time === time) bars[bars.length - 1] = bar;
    else bars.push(bar);
  }
  return bars;
}

/** The last of the sorted times at or before t (the bar holding t); the first when t precedes them all. */
export function barTime(times: readonly number[], t: number): number | null {
  const index = lastAtOrBefore(times.length, (i) => times[i]!, t);
  return index < 0 ? null : times[index]!;
}

/** Index of the last of `count` sorted times at or before t (0 when t precedes them all); -1 when there are none. */
function lastAtOrBefore(count: number, timeAt: (index: number) => number, t: number): number {
  if (count === 0) return -1;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (timeAt(mid) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The time among sorted ones nearest to t (the earlier on a tie); null when there is none. */
export function nearestTime(times: readonly number[], t: number): number | null {
  if (times.length === 0) return null;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  // lo is the first time >= t (or the last one); the one before may be nearer.
  if (lo > 0 && t - times[lo - 1] <= Math.abs(times[lo] - t)) return times[lo - 1];
  return times[lo];
}

function capped<T>(markers: T[]): T[] {
  return markers.length > MAX_MARKERS ? markers.slice(markers.length - MAX_MARKERS) : markers;
}

/** Markers are drawn small: at a few hundred per chart, full-size ones bury the line they mark. */
const MARKER_SIZE = 0.6;

/**
 * Each round trip as a small dot on the equity line where it closed, green for a gain, red for a loss,
 * snapped to the nearest equity point. Entries are on the price pane, at their fills.
 */
export function tradeMarkers(trades: readonly BacktestTrade[], line: readonly LineData<Time>[], colors: MarkerColors): SeriesMarker<Time>[] {
  const times = line.map((p) => p.time as number);
  const markers = trades
    .flatMap((trade, index) => {
      const exit = nearestTime(times, chartTime(trade.exitTs));
      return exit === null ? [] : [{ trade, index, time: exit as UTCTimestamp }];
    })
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ trade, index, time }): SeriesMarker<Time> => ({
      time,
      position: 'inBar',
      shape: 'circle',
      color: trade.pnl > 0 ? colors.up : trade.pnl < 0 ? colors.down : colors.neutral,
      size: MARKER_SIZE,
      id: `trade-${index}`,
    }));
  return capped(markers);
}

/** Each fill at its own price on the candle holding it: a buy's arrow points up to it, a sell's down. */
export function fillMarkers(fills: BacktestResult['fills'], bars: readonly CandlestickData<Time>[], colors: MarkerColors): SeriesMarker<Time>[] {
  const times = bars.map((b) => b.time as number);
  const markers = fills
    .flatMap((fill, index) => {
      const time = barTime(times, chartTime(fill.ts));
      return time === null || !Number.isFinite(fill.price) ? [] : [{ fill, index, time: time as UTCTimestamp }];
    })
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ fill, time, index }): SeriesMarker<Time> => {
      const buy = fill.side === 'buy';
      return {
        time,
        position: buy ? 'atPriceBottom' : 'atPriceTop',
        price: fill.price,
        shape: buy ? 'arrowUp' : 'arrowDown',
        color: buy ? colors.up : colors.down,
        size: MARKER_SIZE,
        id: `fill-${index}`,
      };
    });
  return capped(markers);
}

/** What the crosshair is on: the equity, drawdown and price bar there, any of them missing where the series has no point. */
export interface LegendValues {
  time: number; // epoch ms
  equity?: number;
  drawdownPercent?: number;
  bar?: { open: number; high: number; low: number; close: number };
}

/** Sorted chart points of the three panes, as drawn. */
export interface DrawnRun {
  line: readonly LineData<Time>[];
  drawdown: readonly LineData<Time>[];
  bars: readonly CandlestickData<Time>[];
}

/**
 * What each pane shows at `time` (chart seconds): its point at or before it. The panes need not share
 * times (the equity curve and the price bars are downsampled apart), so the crosshair's own series data
 * would leave some of them out.
 */
export function valuesAt(run: DrawnRun, time: number): LegendValues {
  // Read at every crosshair move: a search, no copies.
  const at = <T extends { time: Time }>(points: readonly T[]): T | undefined => {
    const index = lastAtOrBefore(points.length, (i) => points[i]!.time as number, time);
    return index < 0 || (points[index]!.time as number) > time ? undefined : points[index];
  };
  const bar = at(run.bars);
  return {
    time: time * 1000,
    equity: at(run.line)?.value,
    drawdownPercent: at(run.drawdown)?.value,
    bar: bar === undefined ? undefined : { open: bar.open, high: bar.high, low: bar.low, close: bar.close },
  };
}

/** The legend line of a backtest chart: "2024-05-01 14:03:00  Equity 100,123.45  DD -0.52%  O … H … L … C …". */
export function legendText(values: LegendValues, format: { time: (ts: number) => string; money: (v: number) => string; price: (v: number) => string }): string {
  const parts = [format.time(values.time)];
  if (values.equity !== undefined) parts.push(`Equity ${format.money(values.equity)}`);
  if (values.drawdownPercent !== undefined) parts.push(`DD ${values.drawdownPercent === 0 ? '0.00' : values.drawdownPercent.toFixed(2)}%`);
  const bar = values.bar;
  if (bar !== undefined) parts.push(`O ${format.price(bar.open)}  H ${format.price(bar.high)}  L ${format.price(bar.low)}  C ${format.price(bar.close)}`);
  return parts.join('  ');
}

export interface ComparisonLines {
  /** 'equity' when both runs started with the same capital; otherwise returns in percent, comparable. */
  unit: 'equity' | 'return';
  a: LineData<Time>[];
  b: LineData<Time>[];
}

export function comparisonLines(a: BacktestResult, b: BacktestResult): ComparisonLines {
  if (a.request.startingCapital === b.request.startingCapital) return { unit: 'equity', a: equityLine(a.equity), b: equityLine(b.equity) };
  const returns = (run: BacktestResult) =>
    toSeconds(run.equity, (p) => p.ts, (p) => (p.equity / run.request.startingCapital - 1) * 100);
  return { unit: 'return', a: returns(a), b: returns(b) };
}
