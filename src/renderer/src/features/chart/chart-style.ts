// How the price is drawn: candles, a line of closes, or Heikin-Ashi candles (each bar's open the
// midpoint of the previous one, its close the average of its own four prices: trends read smoother).
import { create } from 'zustand';
import { storedChoice } from '../../store/stored-choice.ts';
import type { Candle } from '../../../../shared/market.ts';

export const CHART_STYLES = ['candles', 'line', 'heikin-ashi'] as const;
export type ChartStyle = (typeof CHART_STYLES)[number];
export const CHART_STYLE_LABELS: Record<ChartStyle, string> = { candles: 'Candles', line: 'Line', 'heikin-ashi': 'Heikin-Ashi' };

export type Ohlc = Pick<Candle, 'openTime' | 'open' | 'high' | 'low' | 'close'>;

/** The Heikin-Ashi bar of `candle`, given the previous Heikin-Ashi bar (none for the first). */
export function heikinAshiBar(candle: Ohlc, previous: Ohlc | undefined): Ohlc {
  const close = (candle.open + candle.high + candle.low + candle.close) / 4;
  const open = previous === undefined ? (candle.open + candle.close) / 2 : (previous.open + previous.close) / 2;
  return { openTime: candle.openTime, open, high: Math.max(candle.high, open, close), low: Math.min(candle.low, open, close), close };
}

/** Heikin-Ashi bars for `candles` from index `from` on, continuing `bars` (kept aligned with `candles`). */
export function heikinAshi(candles: readonly Ohlc[], bars: Ohlc[] = [], from = 0): Ohlc[] {
  bars.length = from;
  for (let i = from; i < candles.length; i++) bars.push(heikinAshiBar(candles[i]!, bars[i - 1]));
  return bars;
}

const stored = storedChoice<ChartStyle>('hft-desk.chart-style', CHART_STYLES, 'candles');

/** The style the trader picked last, kept in the browser's storage. */
export const useChartStyle = create<{ style: ChartStyle }>()(() => ({ style: stored.initial }));

export function setChartStyle(style: ChartStyle): void {
  useChartStyle.setState({ style });
  stored.save(style);
}
