// Owns one lightweight-charts instance. render() is called at most once per animation frame with
// the latest store state: setData when the history or the overlays change, update() otherwise.
import {
  CandlestickSeries,
  HistogramSeries,
  LineSeries,
  LineStyle,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type Time,
} from 'lightweight-charts';
import { chartFrameOptions } from './chart-theme.ts';
import { TIMEFRAME_MS, type Candle } from '../../../../shared/market.ts';
import type { Fill, Order, Position } from '../../../../shared/trading.ts';
import { orderLines, type OrderLine } from './order-lines.ts';
import { formatPrice, formatSignedPercent, formatSize } from '../../format/number.ts';
import { heikinAshi, type ChartStyle, type Ohlc } from './chart-style.ts';
import { INDICATOR_LABELS, ON_PRICE, indicatorLines, type ChartIndicator } from './chart-indicators.ts';
import { formatAxisTime, formatDateTime, type TimeZoneChoice } from '../../format/time.ts';
import { FALLBACK_STEPS, findSymbol } from '../../store/symbols.ts';
import type { TerminalState } from '../../store/terminal-state.ts';
import {
  bandPoints,
  fillMarkers,
  indicatorsKey,
  pickIndicators,
  rateOfChangePoints,
  chartTime,
  fillsInBar,
  toBar,
  toVolume,
  type ChartColors,
  type ChartIndicators,
} from './chart-data.ts';

export interface ChartTheme extends ChartColors {
  background: string;
  text: string;
  grid: string;
  border: string;
  band: string;
  bandMiddle: string;
  roc: string;
  fontFamily: string;
}

/** What the chart last drew, for the container's data attributes. */
export interface ChartStats {
  candleCount: number;
  /** The drawn bars' timeframe, from the bars themselves. */
  timeframe: string | null;
  lastCandleTime: number | null;
  lastClose: number | null;
}

interface Bands {
  upper: ISeriesApi<'Line'>;
  middle: ISeriesApi<'Line'>;
  lower: ISeriesApi<'Line'>;
}

/** A drag ends on a new trigger for a desk-held exit; the caller confirms and sends it (or the line goes back). */
export type MoveOrder = (clientOrderId: string, price: number) => void;

/** How near (px) the pointer must be to a line to pick it up. */
const GRAB_PX = 6;

export class ChartController {
  readonly #chart: IChartApi;
  readonly #theme: ChartTheme;
  readonly #candles: ISeriesApi<'Candlestick'>;
  readonly #volume: ISeriesApi<'Histogram'>;
  readonly #markers: ISeriesMarkersPluginApi<Time>;
  /** The closes, drawn in the 'line' style; the candle series stays (transparent) to carry markers and lines. */
  readonly #closeLine: ISeriesApi<'Line'>;
  #style: ChartStyle = 'candles';
  /** Heikin-Ashi bars aligned with the drawn candles, in that style. */
  readonly #heikinAshi: Ohlc[] = [];
  #tick: number = FALLBACK_STEPS.tickSize;
  #lot: number = FALLBACK_STEPS.lotSize;
  readonly #legend: HTMLDivElement;
  /** The trader's own indicators (chart-indicators.ts): a series per line, and the last bar each drew. */
  #picked: { indicator: ChartIndicator; series: ISeriesApi<'Line' | 'Histogram'>[] }[] = [];
  readonly #jumpToLatest: HTMLButtonElement;
  #bands: Bands | null = null;
  #roc: ISeriesApi<'Line'> | null = null;
  #indicators: ChartIndicators = { bollinger: null, rateOfChange: null };
  // What has been drawn, compared by identity to find what changed.
  #historyVersion = -1;
  #drawnCandles: readonly Candle[] | null = null;
  #drawnFills: readonly Fill[] | null = null;
  #indicatorsKey = '';
  #symbol: string | null = null;
  #focusKey = '';
  #lastTime: number | null = null;
  readonly #lines = new Map<string, { line: IPriceLine; spec: OrderLine }>();
  #drawnOpen: readonly Order[] | null = null;
  #drawnPositions: readonly Position[] | null = null;
  #drag: { spec: OrderLine; line: IPriceLine; price: number } | null = null;
  readonly #container: HTMLElement;
  readonly #onMove: MoveOrder;

  constructor(container: HTMLElement, theme: ChartTheme, onMove: MoveOrder = () => {}) {
    this.#theme = theme;
    this.#container = container;
    this.#onMove = onMove;
    this.#chart = createChart(container, chartFrameOptions(theme, { secondsVisible: true, rightOffset: 4 }));
    this.#candles = this.#chart.addSeries(CandlestickSeries, {
      upColor: theme.up,
      downColor: theme.down,
      borderUpColor: theme.up,
      borderDownColor: theme.down,
      wickUpColor: theme.up,
      wickDownColor: theme.down,
    });
    this.#candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.24 } });
    // Volume on its own overlay scale in the bottom fifth of the price pane.
    this.#volume = this.#chart.addSeries(HistogramSeries, {
      priceScaleId: 'volume',
      priceFormat: { type: 'volume' },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    this.#volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.#markers = createSeriesMarkers(this.#candles, []);
    this.#closeLine = this.#chart.addSeries(LineSeries, { color: theme.text, lineWidth: 2, visible: false, priceLineVisible: false });
    this.#legend = overlay(container, 'div', 'chart-ohlc', 'chart-ohlc');
    this.#jumpToLatest = overlay(container, 'button', 'chart-jump', 'chart-jump-latest');
    this.#jumpToLatest.type = 'button';
    this.#jumpToLatest.textContent = 'Latest ⇥';
    this.#jumpToLatest.title = 'Scroll to the latest bar';
    this.#jumpToLatest.hidden = true;
    this.#jumpToLatest.addEventListener('click', () => this.#chart.timeScale().scrollToRealTime());
    // Shown once the trader has scrolled back from the latest bars.
    this.#chart.timeScale().subscribeVisibleLogicalRangeChange(() => {
      this.#jumpToLatest.hidden = this.#chart.timeScale().scrollPosition() > -2;
    });
    this.#chart.subscribeCrosshairMove((param) => this.#showLegend(param.time === undefined ? null : Number(param.time) * 1000));
    container.addEventListener('pointerdown', this.#grab);
    container.addEventListener('pointermove', this.#dragTo);
    container.addEventListener('pointerup', this.#drop);
  }

  render(state: TerminalState): ChartStats {
    const { market } = state;
    const focus = market.focus;
    let full = market.candleHistoryVersion !== this.#historyVersion;

    if (focus && focus.symbol !== this.#symbol) {
      this.#symbol = focus.symbol;
      const info = findSymbol(market.symbols, focus.symbol);
      const tick = info?.tickSize ?? FALLBACK_STEPS.tickSize;
      this.#tick = tick;
      this.#lot = info?.lotSize ?? FALLBACK_STEPS.lotSize;
      // Prices on the axis as everywhere else on the desk: to the tick, with thousands separators.
      const priceFormat = { type: 'custom', minMove: tick, formatter: (price: number) => formatPrice(price, tick) } as const;
      this.#candles.applyOptions({ priceFormat });
      this.#closeLine.applyOptions({ priceFormat });
    }

    const indicators = pickIndicators(state.strategies.list, focus);
    const key = indicatorsKey(indicators);
    if (key !== this.#indicatorsKey) {
      this.#indicatorsKey = key;
      this.#setIndicators(indicators);
      full = true;
    }

    const candles = market.candles;
    if (full || !this.#updateTail(candles)) this.#setAll(candles);
    // A new symbol or timeframe opens on its latest bars; a reconnect keeps where the user scrolled.
    const focusKey = focus ? `${focus.symbol}|${focus.timeframe}` : '';
    if (focusKey !== this.#focusKey) {
      this.#focusKey = focusKey;
      this.#chart.timeScale().scrollToRealTime();
    }
    this.#historyVersion = market.candleHistoryVersion;
    this.#drawnCandles = candles;
    if (this.#legend.dataset.hovering !== 'true') this.#showLegend(null);

    if (full || state.orders.fills !== this.#drawnFills) {
      this.#drawnFills = state.orders.fills;
      this.#markers.setMarkers(fillMarkers(state.orders.fills, focus, candles[0]?.openTime ?? null, this.#theme, [...state.orders.open, ...state.orders.history]));
    }
    if (full || state.orders.open !== this.#drawnOpen || state.portfolio.positions !== this.#drawnPositions) {
      this.#drawnOpen = state.orders.open;
      this.#drawnPositions = state.portfolio.positions;
      const tick = focus ? (findSymbol(market.symbols, focus.symbol)?.tickSize ?? FALLBACK_STEPS.tickSize) : FALLBACK_STEPS.tickSize;
      this.#syncLines(orderLines(focus?.symbol, state.portfolio.positions.find((p) => p.symbol === focus?.symbol), state.orders.open, tick));
    }
    // Read by end-to-end tests: each line's kind, price and height on the canvas.
    this.#container.dataset.orderLines = [...this.#lines.values()].map(({ spec }) => `${spec.kind}:${spec.price}@${Math.round(this.#candles.priceToCoordinate(spec.price) ?? -1)}`).join(' ');

    const last = candles.at(-1);
    return { candleCount: candles.length, timeframe: last?.timeframe ?? null, lastCandleTime: last?.openTime ?? null, lastClose: last?.close ?? null };
  }

  /** Times on the axis and under the crosshair in UTC or local time. */
  setTimeZone(zone: TimeZoneChoice): void {
    this.#chart.applyOptions({
      localization: { timeFormatter: (time: Time) => formatDateTime(Number(time) * 1000, zone) },
      timeScale: { tickMarkFormatter: (time: Time) => formatAxisTime(Number(time) * 1000, zone) },
    });
  }

  /** The indicators the trader picked: the price pane's averages, and a pane each for the others. */
  setPicked(indicators: readonly ChartIndicator[]): void {
    for (const { series } of this.#picked) for (const line of series) this.#chart.removeSeries(line);
    this.#picked = [];
    const colours = [this.#theme.roc, this.#theme.band, this.#theme.text];
    for (const indicator of indicators) {
      const pane = ON_PRICE.has(indicator) ? 0 : this.#chart.panes().length;
      const names = indicator === 'macd' ? ['MACD', 'Signal', 'Histogram'] : [INDICATOR_LABELS[indicator]];
      const series = names.map((name, i) =>
        name === 'Histogram'
          ? this.#chart.addSeries(HistogramSeries, { color: this.#theme.bandMiddle, priceLineVisible: false, lastValueVisible: false, title: name }, pane)
          : this.#chart.addSeries(LineSeries, { color: colours[i % colours.length], lineWidth: 1, priceLineVisible: false, crosshairMarkerVisible: false, title: name }, pane),
      );
      this.#picked.push({ indicator, series });
    }
    this.#container.dataset.indicators = indicators.join(' ');
    if (this.#drawnCandles) this.#setAll(this.#drawnCandles);
  }

  /** The picked indicators over `candles`: every point from `from` on (all of them from 0). */
  #drawPicked(candles: readonly Candle[], from: number): void {
    for (const { indicator, series } of this.#picked) {
      const lines = indicatorLines(indicator, candles);
      lines.forEach((line, i) => {
        const points = line.values.map((value, at) => (value === null ? { time: chartTime(candles[at]!.openTime) } : { time: chartTime(candles[at]!.openTime), value }));
        if (from === 0) series[i]!.setData(points);
        else for (let at = from; at < points.length; at++) series[i]!.update(points[at]!);
      });
    }
  }

  /** Candles, a line of closes or Heikin-Ashi; redrawn at once. */
  setStyle(style: ChartStyle): void {
    if (style === this.#style) return;
    this.#style = style;
    const { up, down } = this.#theme;
    const hidden = 'rgba(0, 0, 0, 0)';
    const line = style === 'line';
    this.#candles.applyOptions({
      upColor: line ? hidden : up,
      downColor: line ? hidden : down,
      borderUpColor: line ? hidden : up,
      borderDownColor: line ? hidden : down,
      wickUpColor: line ? hidden : up,
      wickDownColor: line ? hidden : down,
      lastValueVisible: !line,
    });
    this.#closeLine.applyOptions({ visible: line });
    this.#container.dataset.style = style;
    if (this.#drawnCandles) this.#setAll(this.#drawnCandles);
  }

  destroy(): void {
    this.#container.removeEventListener('pointerdown', this.#grab);
    this.#container.removeEventListener('pointermove', this.#dragTo);
    this.#container.removeEventListener('pointerup', this.#drop);
    this.#chart.remove();
  }

  /** Entry, stop, target and order lines: changed ones moved, gone ones removed. A line being dragged is left alone. */
  #syncLines(specs: OrderLine[]): void {
    const wanted = new Set(specs.map((s) => s.key));
    for (const [key, { line }] of this.#lines) {
      if (!wanted.has(key) && this.#drag?.spec.key !== key) {
        this.#candles.removePriceLine(line);
        this.#lines.delete(key);
      }
    }
    for (const spec of specs) {
      if (this.#drag?.spec.key === spec.key) continue;
      const color = spec.kind === 'stop' ? this.#theme.down : spec.kind === 'target' ? this.#theme.up : spec.kind === 'entry' ? this.#theme.text : this.#theme.band;
      const options = { price: spec.price, color, title: spec.title, lineWidth: 1, lineStyle: spec.kind === 'entry' ? LineStyle.Solid : LineStyle.Dashed, axisLabelVisible: true } as const;
      const drawn = this.#lines.get(spec.key);
      if (drawn) drawn.line.applyOptions(options);
      else this.#lines.set(spec.key, { line: this.#candles.createPriceLine(options), spec });
      this.#lines.get(spec.key)!.spec = spec;
    }
  }

  readonly #grab = (event: PointerEvent): void => {
    for (const { line, spec } of this.#lines.values()) {
      if (spec.draggable === null) continue;
      const y = this.#candles.priceToCoordinate(spec.price);
      if (y === null || Math.abs(y - event.offsetY) > GRAB_PX) continue;
      this.#drag = { spec, line, price: spec.price };
      // The chart would scroll under the pointer otherwise.
      this.#chart.applyOptions({ handleScroll: false, handleScale: false });
      this.#container.setPointerCapture?.(event.pointerId);
      event.preventDefault();
      return;
    }
  };

  readonly #dragTo = (event: PointerEvent): void => {
    const drag = this.#drag;
    if (drag === null) return;
    const price = this.#candles.coordinateToPrice(event.offsetY);
    if (price === null) return;
    drag.price = price;
    drag.line.applyOptions({ price });
  };

  readonly #drop = (): void => {
    const drag = this.#drag;
    if (drag === null) return;
    this.#drag = null;
    this.#chart.applyOptions({ handleScroll: true, handleScale: true });
    // Back where it was until the engine confirms the move; the next render draws it at the new trigger.
    drag.line.applyOptions({ price: drag.spec.price });
    if (drag.price !== drag.spec.price && drag.spec.draggable !== null) this.#onMove(drag.spec.draggable, drag.price);
  };

  /** The bars as drawn: the candles, or their Heikin-Ashi bars from `from` on. */
  #bars(candles: readonly Candle[], from: number): readonly Ohlc[] {
    return this.#style === 'heikin-ashi' ? heikinAshi(candles, this.#heikinAshi, from) : candles;
  }

  /** The bar under the crosshair (its time in ms), or the latest: OHLC, volume and the change over the bar. */
  #showLegend(time: number | null): void {
    const candles = this.#drawnCandles ?? [];
    this.#legend.dataset.hovering = String(time !== null);
    const candle = time === null ? candles.at(-1) : findCandle(candles, time);
    if (!candle) {
      this.#legend.textContent = '';
      return;
    }
    const price = (value: number) => formatPrice(value, this.#tick);
    const change = candle.open > 0 ? (candle.close - candle.open) / candle.open : null;
    const fills = fillsInBar(this.#drawnFills ?? [], candle.symbol, candle.openTime, TIMEFRAME_MS[candle.timeframe], price);
    // A bar with fills (its markers) tells them under the prices: the markers' tooltip.
    const text = [`O ${price(candle.open)}  H ${price(candle.high)}  L ${price(candle.low)}  C ${price(candle.close)}  V ${formatSize(candle.volume, this.#lot)}  ${formatSignedPercent(change)}`, ...fills].join('\n');
    // Written only when it changes: a text change costs the page a layout.
    if (this.#legend.textContent !== text) this.#legend.textContent = text;
    this.#legend.dataset.fills = String(fills.length);
    this.#legend.dataset.openTime = String(candle.openTime);
  }

  #setAll(candles: readonly Candle[]): void {
    this.#candles.setData(this.#bars(candles, 0).map(toBar));
    this.#closeLine.setData(candles.map((c) => ({ time: chartTime(c.openTime), value: c.close })));
    this.#drawPicked(candles, 0);
    this.#volume.setData(candles.map((c) => toVolume(c, this.#theme)));
    const { bollinger, rateOfChange } = this.#indicators;
    if (this.#bands && bollinger) {
      const points = bandPoints(candles, bollinger.period, bollinger.stdMultiplier);
      this.#bands.upper.setData(points.upper);
      this.#bands.middle.setData(points.middle);
      this.#bands.lower.setData(points.lower);
    }
    if (this.#roc && rateOfChange) this.#roc.setData(rateOfChangePoints(candles, rateOfChange.lookback));
    this.#lastTime = candles.at(-1)?.openTime ?? null;
  }

  /**
   * Redraws from the last drawn candle on: it may have changed, and newer ones are new.
   * False when that is not possible (the drawn candle is gone) and a full redraw is needed.
   */
  #updateTail(candles: readonly Candle[]): boolean {
    if (candles === this.#drawnCandles) return true;
    let from = candles.length - 1;
    if (this.#lastTime !== null) {
      while (from >= 0 && candles[from].openTime > this.#lastTime) from--;
      if (from < 0 || candles[from].openTime !== this.#lastTime) return false;
    } else {
      from = 0;
    }
    const bars = this.#bars(candles, from);
    for (let i = from; i < candles.length; i++) {
      this.#candles.update(toBar(bars[i]!));
      this.#closeLine.update({ time: chartTime(candles[i].openTime), value: candles[i].close });
      this.#volume.update(toVolume(candles[i], this.#theme));
    }
    this.#drawPicked(candles, from);
    const { bollinger, rateOfChange } = this.#indicators;
    if (this.#bands && bollinger) {
      const points = bandPoints(candles, bollinger.period, bollinger.stdMultiplier, from);
      for (let i = 0; i < points.upper.length; i++) {
        this.#bands.upper.update(points.upper[i]);
        this.#bands.middle.update(points.middle[i]);
        this.#bands.lower.update(points.lower[i]);
      }
    }
    if (this.#roc && rateOfChange) {
      for (const point of rateOfChangePoints(candles, rateOfChange.lookback, from)) this.#roc.update(point);
    }
    this.#lastTime = candles.at(-1)?.openTime ?? this.#lastTime;
    return true;
  }

  #setIndicators(indicators: ChartIndicators): void {
    this.#indicators = indicators;
    if (this.#bands) {
      for (const series of Object.values(this.#bands)) this.#chart.removeSeries(series);
      this.#bands = null;
    }
    if (this.#roc) {
      // Removing the pane's only series removes the pane too.
      this.#chart.removeSeries(this.#roc);
      this.#roc = null;
    }
    const line = { lineWidth: 1, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false } as const;
    if (indicators.bollinger) {
      this.#bands = {
        upper: this.#chart.addSeries(LineSeries, { ...line, color: this.#theme.band }),
        middle: this.#chart.addSeries(LineSeries, { ...line, color: this.#theme.bandMiddle, lineStyle: LineStyle.Dotted }),
        lower: this.#chart.addSeries(LineSeries, { ...line, color: this.#theme.band }),
      };
    }
    if (indicators.rateOfChange) {
      const series = this.#chart.addSeries(
        LineSeries,
        { lineWidth: 1, color: this.#theme.roc, priceLineVisible: false, priceFormat: { type: 'price', precision: 2, minMove: 0.01 } },
        1,
      );
      // The momentum strategy's trigger levels, in the same percent units as the line.
      const percent = indicators.rateOfChange.threshold * 100;
      for (const price of [percent, -percent]) {
        series.createPriceLine({ price, color: this.#theme.border, lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: false, title: '' });
      }
      this.#roc = series;
      const panes = this.#chart.panes();
      panes[0]?.setStretchFactor(3);
      panes[1]?.setStretchFactor(1);
    }
  }
}

/** The candle opening at `openTime` (ms), by binary search over candles in time order. */
function findCandle(candles: readonly Candle[], openTime: number): Candle | undefined {
  let low = 0;
  let high = candles.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const t = candles[mid].openTime;
    if (t === openTime) return candles[mid];
    if (t < openTime) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

/** An element laid over the chart, for the legend and the jump button. */
function overlay<K extends 'div' | 'button'>(container: HTMLElement, tag: K, className: string, testId: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.className = className;
  element.dataset.testid = testId;
  container.appendChild(element);
  return element;
}
