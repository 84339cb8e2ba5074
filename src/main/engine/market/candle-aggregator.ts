// Builds OHLCV candles from trades for several timeframes at once. Boundaries sit on epoch multiples of
// the timeframe (UTC). Periods without trades produce no candle, as on exchanges.
import { barOpen, TIMEFRAMES, TIMEFRAME_MS, type Candle, type Timeframe, type Trade } from '../../../shared/market.ts';
import { RingBuffer } from './ring-buffer.ts';

export interface CandleAggregatorOptions {
  timeframes?: readonly Timeframe[];
  /** Closed candles kept per symbol and timeframe. */
  keep?: number;
}

interface CandleSeries {
  readonly timeframe: Timeframe;
  readonly periodMs: number;
  readonly closed: RingBuffer<Candle>;
  forming: Candle | undefined;
  /**
   * The candle that last fell out of `closed`, reused for the next forming one: candles live for `keep`
   * periods, long enough to reach the old generation, and a new object per period would make them
   * old-generation garbage that only a full collection frees.
   */
  spare: Candle | undefined;
}

const DEFAULT_KEEP = 1000;

export class CandleAggregator {
  /** Shortest first, so candles closing on the same trade are reported in timeframe order. */
  private readonly timeframes: Timeframe[];
  private readonly keep: number;
  private readonly seriesBySymbol = new Map<string, CandleSeries[]>();

  constructor(options: CandleAggregatorOptions = {}) {
    const wanted = options.timeframes ?? TIMEFRAMES;
    this.timeframes = TIMEFRAMES.filter((timeframe) => wanted.includes(timeframe));
    this.keep = options.keep ?? DEFAULT_KEEP;
    if (!Number.isInteger(this.keep) || this.keep < 1) throw new RangeError(`keep must be a positive integer, got ${this.keep}`);
  }

  /**
   * Loads history, oldest first. A trailing candle that is not closed becomes the forming one. Candles
   * built from live trades after the seeded ones are kept, so loading history late loses nothing.
   */
  seed(symbol: string, timeframe: Timeframe, candles: readonly Candle[]): void {
    const series = this.seriesFor(symbol, timeframe);
    if (series === undefined) throw new RangeError(`timeframe ${timeframe} is not aggregated`);
    const seededUntil = candles.length === 0 ? -Infinity : candles[candles.length - 1].openTime;
    const liveClosed: Candle[] = [];
    for (let index = 0; index < series.closed.size; index++) {
      const candle = series.closed.at(index);
      if (candle.openTime > seededUntil) liveClosed.push(candle);
    }
    series.closed.clear();
    let seededForming: Candle | undefined;
    for (let index = 0; index < candles.length; index++) {
      const copy: Candle = { ...candles[index], symbol, timeframe };
      if (index === candles.length - 1 && !copy.closed && liveClosed.length === 0) seededForming = copy;
      else series.closed.push({ ...copy, closed: true });
    }
    for (const candle of liveClosed) series.closed.push(candle);
    const forming = series.forming;
    if (forming === undefined || forming.openTime <= seededUntil) series.forming = seededForming;
  }

  /** `onClosed` gets the closed candle itself, reused once it falls out of the kept history: copy what you keep. */
  onTrade(trade: Trade, onClosed: (candle: Candle) => void): void {
    const seriesList = this.seriesOf(trade.symbol);
    for (const series of seriesList) {
      const openTime = barOpen(trade.ts, series.periodMs);
      const forming = series.forming;
      if (forming !== undefined) {
        if (openTime === forming.openTime) {
          if (trade.price > forming.high) forming.high = trade.price;
          if (trade.price < forming.low) forming.low = trade.price;
          forming.close = trade.price;
          forming.volume += trade.size;
          continue;
        }
        // A late trade for a period already closed and published cannot change it.
        if (openTime < forming.openTime) continue;
        closeForming(series, onClosed);
      } else if (openTime <= (series.closed.last()?.openTime ?? -Infinity)) {
        continue;
      }
      series.forming = startCandle(series, trade, openTime);
    }
  }

  /** Closes every forming candle whose period ended by `now`, so quiet markets still get their candles. */
  advanceTime(now: number, onClosed: (candle: Candle) => void): void {
    for (const seriesList of this.seriesBySymbol.values()) {
      for (const series of seriesList) {
        const forming = series.forming;
        if (forming !== undefined && forming.openTime + series.periodMs <= now) closeForming(series, onClosed);
      }
    }
  }

  /** Merges a candle from a feed that builds its own: replaces the one with the same openTime or appends. */
  onCandle(candle: Candle): void {
    const series = this.seriesFor(candle.symbol, candle.timeframe);
    if (series === undefined) return; // a timeframe this aggregator does not keep
    const forming = series.forming;
    if (forming !== undefined && forming.openTime < candle.openTime) {
      forming.closed = true;
      series.closed.push(forming);
      series.forming = undefined;
    }
    if (series.forming === undefined || series.forming.openTime === candle.openTime) {
      const lastClosed = series.closed.last();
      if (lastClosed === undefined || candle.openTime > lastClosed.openTime) {
        series.forming = undefined;
        if (candle.closed) series.closed.push({ ...candle });
        else series.forming = { ...candle };
        return;
      }
    }
    replaceClosed(series.closed, candle);
  }

  /** Closed candles then the forming one, oldest first, at most `limit`. Copies, safe to send. */
  candles(symbol: string, timeframe: Timeframe, limit: number): Candle[] {
    const series = this.existingSeries(symbol, timeframe);
    if (series === undefined || limit <= 0) return [];
    const formingCount = series.forming === undefined ? 0 : 1;
    const closedCount = Math.min(series.closed.size, limit - formingCount);
    const result: Candle[] = [];
    for (let index = series.closed.size - closedCount; index < series.closed.size; index++) {
      result.push({ ...series.closed.at(index) });
    }
    if (series.forming !== undefined) result.push({ ...series.forming });
    return result;
  }

  /** The candle still forming, by reference: read it, do not keep or change it. */
  forming(symbol: string, timeframe: Timeframe): Candle | undefined {
    return this.existingSeries(symbol, timeframe)?.forming;
  }

  private seriesOf(symbol: string): CandleSeries[] {
    let seriesList = this.seriesBySymbol.get(symbol);
    if (seriesList === undefined) {
      seriesList = this.timeframes.map((timeframe) => ({
        timeframe,
        periodMs: TIMEFRAME_MS[timeframe],
        closed: new RingBuffer<Candle>(this.keep),
        forming: undefined,
        spare: undefined,
      }));
      this.seriesBySymbol.set(symbol, seriesList);
    }
    return seriesList;
  }

  private seriesFor(symbol: string, timeframe: Timeframe): CandleSeries | undefined {
    const index = this.timeframes.indexOf(timeframe);
    return index < 0 ? undefined : this.seriesOf(symbol)[index];
  }

  private existingSeries(symbol: string, timeframe: Timeframe): CandleSeries | undefined {
    const index = this.timeframes.indexOf(timeframe);
    return index < 0 ? undefined : this.seriesBySymbol.get(symbol)?.[index];
  }
}

function closeForming(series: CandleSeries, onClosed: (candle: Candle) => void): void {
  const candle = series.forming as Candle;
  candle.closed = true;
  series.spare = series.closed.push(candle) ?? series.spare;
  series.forming = undefined;
  onClosed(candle);
}

/** A new forming candle opened by `trade`: the spare one when there is one (nothing outside holds a candle that old). */
function startCandle(series: CandleSeries, trade: Trade, openTime: number): Candle {
  const candle = series.spare;
  if (candle === undefined) {
    return { symbol: trade.symbol, timeframe: series.timeframe, openTime, open: trade.price, high: trade.price, low: trade.price, close: trade.price, volume: trade.size, closed: false };
  }
  series.spare = undefined;
  candle.symbol = trade.symbol;
  candle.timeframe = series.timeframe;
  candle.openTime = openTime;
  candle.open = candle.high = candle.low = candle.close = trade.price;
  candle.volume = trade.size;
  candle.closed = false;
  return candle;
}

/** Corrects a closed candle with the same openTime; one matching nothing kept is dropped (history is not rewritten). */
function replaceClosed(closed: RingBuffer<Candle>, candle: Candle): void {
  for (let index = closed.size - 1; index >= 0; index--) {
    const existing = closed.at(index);
    if (existing.openTime === candle.openTime) {
      closed.set(index, { ...candle, closed: true });
      return;
    }
    if (existing.openTime < candle.openTime) return;
  }
}
