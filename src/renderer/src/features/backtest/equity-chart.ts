// lightweight-charts instances for backtests: one run (equity with a dot where each trade closed,
// drawdown pane, price-candle pane with buy/sell markers at the fills, and a legend of the values under
// the crosshair) and a comparison of two runs' equity on one chart.
import {
  AreaSeries,
  CandlestickSeries,
  LineSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type MouseEventParams,
  type Time,
} from 'lightweight-charts';
import type { BacktestResult } from '../../../../shared/backtest.ts';
import { chartFrameOptions, readChartTheme } from '../chart/chart-theme.ts';
import { formatMoney, formatPrice } from '../../format/number.ts';
import { formatDateTime } from '../../format/time.ts';
import { comparisonLines, drawdownArea, equityLine, fillMarkers, legendText, priceBars, tradeMarkers, valuesAt, type DrawnRun, type MarkerColors } from './equity-data.ts';

export interface BacktestChartTheme {
  background: string;
  text: string;
  grid: string;
  border: string;
  fontFamily: string;
  up: string;
  down: string;
  neutral: string;
  equity: string;
  other: string;
  drawdown: string;
  drawdownFill: string;
}

export function readBacktestTheme(element: Element): BacktestChartTheme {
  const base = readChartTheme(element);
  const style = getComputedStyle(element);
  const value = (name: string) => style.getPropertyValue(name).trim();
  return {
    background: base.background,
    text: base.text,
    grid: base.grid,
    border: base.border,
    fontFamily: base.fontFamily,
    up: base.up,
    down: base.down,
    neutral: value('--text-dim'),
    equity: value('--accent'),
    other: value('--warn'),
    drawdown: base.down,
    drawdownFill: value('--down-soft'),
  };
}

function newChart(container: HTMLElement, theme: BacktestChartTheme): IChartApi {
  return createChart(container, chartFrameOptions(theme, { secondsVisible: false }));
}

const money = { type: 'price', precision: 2, minMove: 0.01 } as const;

export interface EquityChartStats {
  /** Equity points. */
  points: number;
  /** Round-trip markers on the equity line. */
  markers: number;
  /** Buy/sell markers on the candles. */
  fills: number;
  candles: number;
}

export class EquityChartController {
  readonly #chart: IChartApi;
  readonly #colors: MarkerColors;
  readonly #equity: ISeriesApi<'Line'>;
  readonly #drawdown: ISeriesApi<'Area'>;
  readonly #candles: ISeriesApi<'Candlestick'>;
  readonly #equityMarkers: ISeriesMarkersPluginApi<Time>;
  readonly #fillMarkers: ISeriesMarkersPluginApi<Time>;
  readonly #legend: HTMLDivElement;
  /** What the panes hold, for the legend; null with no run shown. */
  #drawn: DrawnRun | null = null;
  #tickSize = 0.01;

  constructor(container: HTMLElement, theme: BacktestChartTheme) {
    this.#colors = { up: theme.up, down: theme.down, neutral: theme.neutral };
    this.#chart = newChart(container, theme);
    this.#equity = this.#chart.addSeries(LineSeries, { color: theme.equity, lineWidth: 2, priceFormat: money, title: 'Equity' }, 0);
    this.#drawdown = this.#chart.addSeries(
      AreaSeries,
      {
        lineColor: theme.drawdown,
        topColor: theme.drawdownFill,
        bottomColor: theme.drawdownFill,
        lineWidth: 1,
        invertFilledArea: true,
        priceFormat: { type: 'price', precision: 2, minMove: 0.01 },
        priceLineVisible: false,
        title: 'DD %',
      },
      1,
    );
    this.#candles = this.#chart.addSeries(
      CandlestickSeries,
      {
        upColor: theme.up,
        downColor: theme.down,
        borderUpColor: theme.up,
        borderDownColor: theme.down,
        wickUpColor: theme.up,
        wickDownColor: theme.down,
        priceLineVisible: false,
        title: 'Price',
      },
      2,
    );
    this.#equityMarkers = createSeriesMarkers(this.#equity, []);
    this.#fillMarkers = createSeriesMarkers(this.#candles, []);
    // Price gets as much room as equity: squeezed, its axis steps over the whole range the run moved in.
    const panes = this.#chart.panes();
    panes[0]?.setStretchFactor(2);
    panes[1]?.setStretchFactor(0.7);
    panes[2]?.setStretchFactor(2);
    this.#legend = document.createElement('div');
    this.#legend.className = 'chart-ohlc';
    this.#legend.dataset.testid = 'backtest-legend';
    container.appendChild(this.#legend);
    this.#chart.subscribeCrosshairMove((param) => this.#showLegend(param));
  }

  /** `tickSize`: the price step of the run's market, for the legend. */
  show(result: BacktestResult | null, tickSize: number): EquityChartStats {
    this.#tickSize = tickSize;
    if (!result) {
      for (const series of [this.#equity, this.#drawdown, this.#candles]) series.setData([]);
      this.#equityMarkers.setMarkers([]);
      this.#fillMarkers.setMarkers([]);
      this.#drawn = null;
      this.#showLegend(null);
      return { points: 0, markers: 0, fills: 0, candles: 0 };
    }
    const line = equityLine(result.equity);
    const drawdown = drawdownArea(result.equity);
    const markers = tradeMarkers(result.trades, line, this.#colors);
    this.#equity.setData(line);
    this.#drawdown.setData(drawdown);
    // Runs stored before candles were kept have none: the pane stays empty rather than failing.
    const bars = priceBars(result.candles ?? []);
    const fills = fillMarkers(result.fills, bars, this.#colors);
    this.#candles.setData(bars);
    this.#equityMarkers.setMarkers(markers);
    this.#fillMarkers.setMarkers(fills);
    this.#chart.timeScale().fitContent();
    this.#drawn = { line, drawdown, bars };
    this.#showLegend(null);
    return { points: line.length, markers: markers.length, fills: fills.length, candles: bars.length };
  }

  destroy(): void {
    this.#chart.remove();
  }

  /** The values under the crosshair, or the run's last ones when it is off the chart. */
  #showLegend(param: MouseEventParams<Time> | null): void {
    const hovering = param !== null && param.time !== undefined;
    const drawn = this.#drawn;
    const last = drawn === null ? undefined : Math.max((drawn.line.at(-1)?.time as number | undefined) ?? 0, (drawn.bars.at(-1)?.time as number | undefined) ?? 0);
    const time = hovering ? Number(param.time) : last;
    const text = drawn === null || time === undefined ? '' : legendText(valuesAt(drawn, time), { time: formatDateTime, money: formatMoney, price: (v) => formatPrice(v, this.#tickSize) });
    // Written only when it changes: a text change costs the page a layout.
    if (this.#legend.textContent !== text) this.#legend.textContent = text;
    this.#legend.dataset.hovering = String(hovering);
  }
}

export interface CompareChartStats {
  pointsA: number;
  pointsB: number;
  unit: 'equity' | 'return' | '';
}

export class CompareChartController {
  readonly #chart: IChartApi;
  readonly #a: ISeriesApi<'Line'>;
  readonly #b: ISeriesApi<'Line'>;

  constructor(container: HTMLElement, theme: BacktestChartTheme) {
    this.#chart = newChart(container, theme);
    this.#a = this.#chart.addSeries(LineSeries, { color: theme.equity, lineWidth: 2, priceFormat: money, title: 'A' });
    this.#b = this.#chart.addSeries(LineSeries, { color: theme.other, lineWidth: 2, priceFormat: money, title: 'B' });
  }

  show(a: BacktestResult | null, b: BacktestResult | null): CompareChartStats {
    if (!a || !b) {
      this.#a.setData([]);
      this.#b.setData([]);
      return { pointsA: 0, pointsB: 0, unit: '' };
    }
    const lines = comparisonLines(a, b);
    const title = (name: string) => (lines.unit === 'return' ? `${name} %` : name);
    this.#a.applyOptions({ title: title('A') });
    this.#b.applyOptions({ title: title('B') });
    this.#a.setData(lines.a);
    this.#b.setData(lines.b);
    this.#chart.timeScale().fitContent();
    return { pointsA: lines.a.length, pointsB: lines.b.length, unit: lines.unit };
  }

  destroy(): void {
    this.#chart.remove();
  }
}
