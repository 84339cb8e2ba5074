// Indicators a trader adds to the chart, beside the ones the desk's strategies draw: moving averages on
// the price, RSI, MACD and ATR in panes of their own. Computed with trading-signals, a streaming
// indicator library, fed the bars in order; the strategies keep their own hot-path indicators.
import { ATR, EMA, MACD, RSI, SMA } from 'trading-signals';
import { create } from 'zustand';
import type { Candle } from '../../../../shared/market.ts';

export const CHART_INDICATORS = ['sma', 'ema', 'rsi', 'macd', 'atr'] as const;
export type ChartIndicator = (typeof CHART_INDICATORS)[number];

export const INDICATOR_LABELS: Record<ChartIndicator, string> = { sma: 'SMA 20', ema: 'EMA 20', rsi: 'RSI 14', macd: 'MACD 12 26 9', atr: 'ATR 14' };
/** Drawn over the price rather than in a pane of its own. */
export const ON_PRICE: ReadonlySet<ChartIndicator> = new Set(['sma', 'ema']);

/** One line of an indicator: its value at each bar's open time, null while it warms up. */
export interface IndicatorLine {
  name: string;
  values: (number | null)[];
}

export function indicatorLines(indicator: ChartIndicator, candles: readonly Candle[]): IndicatorLine[] {
  switch (indicator) {
    case 'sma':
      return [{ name: 'SMA 20', values: closes(new SMA(20), candles) }];
    case 'ema':
      return [{ name: 'EMA 20', values: closes(new EMA(20), candles) }];
    case 'rsi':
      return [{ name: 'RSI 14', values: closes(new RSI(14), candles) }];
    case 'atr': {
      const atr = new ATR(14);
      return [{ name: 'ATR 14', values: candles.map((c) => (atr.add({ high: c.high, low: c.low, close: c.close }), atr.isStable ? atr.getResultOrThrow() : null)) }];
    }
    case 'macd': {
      const macd = new MACD(new EMA(12), new EMA(26), new EMA(9));
      const rows = candles.map((c) => (macd.add(c.close), macd.isStable ? macd.getResultOrThrow() : null));
      return [
        { name: 'MACD', values: rows.map((r) => r?.macd ?? null) },
        { name: 'Signal', values: rows.map((r) => r?.signal ?? null) },
        { name: 'Histogram', values: rows.map((r) => r?.histogram ?? null) },
      ];
    }
  }
}

function closes(indicator: SMA | EMA | RSI, candles: readonly Candle[]): (number | null)[] {
  return candles.map((c) => (indicator.add(c.close), indicator.isStable ? indicator.getResultOrThrow() : null));
}

const STORAGE_KEY = 'hft-desk.chart-indicators';
const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

function savedIndicators(): ChartIndicator[] {
  try {
    const saved = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? '[]') as unknown;
    return Array.isArray(saved) ? CHART_INDICATORS.filter((kind) => saved.includes(kind)) : [];
  } catch {
    return [];
  }
}

/** The indicators the trader picked, kept in the browser's storage. */
export const useChartIndicators = create<{ shown: ChartIndicator[] }>()(() => ({ shown: savedIndicators() }));

export function toggleChartIndicator(indicator: ChartIndicator): void {
  const { shown } = useChartIndicators.getState();
  const next = shown.includes(indicator) ? shown.filter((kind) => kind !== indicator) : CHART_INDICATORS.filter((kind) => kind === indicator || shown.includes(kind));
  useChartIndicators.setState({ shown: next });
  storage()?.setItem(STORAGE_KEY, JSON.stringify(next));
}
