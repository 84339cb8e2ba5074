// Pure conversions from engine data to lightweight-charts data: bars, volume, indicator lines and
// fill markers. Indicators come from the shared helpers so the chart shows what strategies compute.
import type {
  CandlestickData,
  HistogramData,
  LineData,
  SeriesMarker,
  Time,
  UTCTimestamp,
  WhitespaceData,
} from 'lightweight-charts';
import { bollingerSeries, rateOfChangeSeries } from '../../../../shared/indicators/index.ts';
import { barOpen, TIMEFRAME_MS, type Candle } from '../../../../shared/market.ts';
import type { Focus } from '../../../../shared/state.ts';
import type { StrategyView } from '../../../../shared/strategy.ts';
import { isConditional, type Fill, type Order } from '../../../../shared/trading.ts';
import { exitLabel } from '../orders/exit-label.ts';

export interface ChartColors {
  up: string;
  down: string;
  upVolume: string;
  downVolume: string;
}

export interface ChartIndicators {
  bollinger: { period: number; stdMultiplier: number } | null;
  rateOfChange: { lookback: number; threshold: number } | null;
}

export type LinePoint = LineData<Time> | WhitespaceData<Time>;

/** Fill markers kept on the chart; older ones add clutter, not information. */
const MAX_MARKERS = 300;

export function chartTime(epochMs: number): UTCTimestamp {
  return Math.floor(epochMs / 1000) as UTCTimestamp;
}

export function toBar(candle: Pick<Candle, 'openTime' | 'open' | 'high' | 'low' | 'close'>): CandlestickData<Time> {
  return { time: chartTime(candle.openTime), open: candle.open, high: candle.high, low: candle.low, close: candle.close };
}

export function toVolume(candle: Candle, colors: ChartColors): HistogramData<Time> {
  return {
    time: chartTime(candle.openTime),
    value: candle.volume,
    color: candle.close >= candle.open ? colors.upVolume : colors.downVolume,
  };
}

function rank(view: StrategyView, focus: Focus): number {
  return (view.config.timeframe === focus.timeframe ? 2 : 0) + (view.config.active ? 1 : 0);
}

/**
 * Overlays to draw for the focus: Bollinger bands when a mean-reversion strategy trades the symbol,
 * a rate-of-change pane when a momentum one does. One on the focused timeframe wins, then an active one.
 */
export function pickIndicators(strategies: readonly StrategyView[], focus: Focus | null): ChartIndicators {
  const result: ChartIndicators = { bollinger: null, rateOfChange: null };
  if (!focus) return result;
  const onSymbol = strategies.filter((s) => s.config.symbol === focus.symbol).sort((a, b) => rank(b, focus) - rank(a, focus));
  for (const { config } of onSymbol) {
    if (config.kind === 'mean-reversion' && !result.bollinger) {
      result.bollinger = { period: config.params.period, stdMultiplier: config.params.stdMultiplier };
    }
    if (config.kind === 'momentum' && !result.rateOfChange) {
      result.rateOfChange = { lookback: config.params.lookback, threshold: config.params.threshold };
    }
  }
  return result;
}

export function indicatorsKey(indicators: ChartIndicators): string {
  const { bollinger: b, rateOfChange: r } = indicators;
  return `${b ? `bb:${b.period}:${b.stdMultiplier}` : ''}|${r ? `roc:${r.lookback}:${r.threshold}` : ''}`;
}

function linePoint(time: UTCTimestamp, value: number | null | undefined): LinePoint {
  return value === null || value === undefined || !Number.isFinite(value) ? { time } : { time, value };
}

export interface BandPoints {
  upper: LinePoint[];
  middle: LinePoint[];
  lower: LinePoint[];
}

/** Band points for candles[from..]; earlier candles are read only as warm-up. */
export function bandPoints(candles: readonly Candle[], period: number, stdMultiplier: number, from = 0): BandPoints {
  const start = Math.max(0, from - period + 1);
  const closes = candles.slice(start).map((c) => c.close);
  const bands = bollingerSeries(closes, period, stdMultiplier);
  const points: BandPoints = { upper: [], middle: [], lower: [] };
  for (let i = from; i < candles.length; i++) {
    const time = chartTime(candles[i].openTime);
    const band = bands[i - start];
    points.upper.push(linePoint(time, band?.upper));
    points.middle.push(linePoint(time, band?.middle));
    points.lower.push(linePoint(time, band?.lower));
  }
  return points;
}

/** Rate of change in percent for candles[from..]. */
export function rateOfChangePoints(candles: readonly Candle[], lookback: number, from = 0): LinePoint[] {
  const start = Math.max(0, from - lookback);
  const values = rateOfChangeSeries(
    candles.slice(start).map((c) => c.close),
    lookback,
  );
  const points: LinePoint[] = [];
  for (let i = from; i < candles.length; i++) {
    const value = values[i - start];
    points.push(linePoint(chartTime(candles[i].openTime), value === null ? null : value * 100));
  }
  return points;
}

/** Buy arrows under the bar, sell arrows above it, on the candle each fill happened in. */
export function fillMarkers(
  fills: readonly Fill[],
  focus: Focus | null,
  firstOpenTime: number | null,
  colors: ChartColors,
  orders: readonly Order[] = [],
): SeriesMarker<Time>[] {
  if (!focus || firstOpenTime === null) return [];
  const step = TIMEFRAME_MS[focus.timeframe];
  const markers: SeriesMarker<Time>[] = [];
  // An exit's fill says which exit it was.
  const exitKinds = new Map<string, string>();
  for (const order of orders) if (isConditional(order.type)) exitKinds.set(order.clientOrderId, exitLabel(order).split(' ')[0]!);
  // Fills arrive newest first; markers must be in time order.
  for (let i = fills.length - 1; i >= 0; i--) {
    const fill = fills[i];
    if (fill.symbol !== focus.symbol) continue;
    const openTime = barOpen(fill.ts, step);
    if (openTime < firstOpenTime) continue;
    const buy = fill.side === 'buy';
    markers.push({
      time: chartTime(openTime),
      position: buy ? 'belowBar' : 'aboveBar',
      shape: buy ? 'arrowUp' : 'arrowDown',
      color: buy ? colors.up : colors.down,
      id: `${fill.orderId}:${fill.tradeId}`,
      ...(exitKinds.has(fill.clientOrderId) ? { text: exitKinds.get(fill.clientOrderId) } : {}),
    });
  }
  return markers.length > MAX_MARKERS ? markers.slice(markers.length - MAX_MARKERS) : markers;
}

/** The fills of `symbol` inside the bar opening at `openTime`, as the legend tells them: "Bought 0.01 at 64,940.61, fee 0.32". */
export function fillsInBar(fills: readonly Fill[], symbol: string, openTime: number, periodMs: number, price: (value: number) => string): string[] {
  const lines: string[] = [];
  for (let i = fills.length - 1; i >= 0; i--) {
    const fill = fills[i]!;
    if (fill.symbol !== symbol || fill.ts < openTime || fill.ts >= openTime + periodMs) continue;
    lines.push(`${fill.side === 'buy' ? 'Bought' : 'Sold'} ${fill.size} at ${price(fill.price)}, fee ${fill.fee.toFixed(2)}`);
  }
  return lines;
}
