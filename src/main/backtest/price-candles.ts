// The run's price as candles for the result chart, built from the trade prints the engine was fed
// (and any candle events): bars of the request's timeframe, or of a whole multiple of it so that the
// span fits in at most MAX_PRICE_CANDLES bars. Aligned on the run's first bar; deterministic.
import type { Candle, MarketEvent, Timeframe } from '../../shared/market.ts';

export const MAX_PRICE_CANDLES = 2_000;

/** The bar width: periodMs times the smallest whole factor that keeps [start, lastTs] in maxBars bars. */
export function priceBarMs(start: number, lastTs: number, periodMs: number, maxBars = MAX_PRICE_CANDLES): number {
  const factor = Math.max(1, Math.ceil((lastTs - start + 1) / (periodMs * maxBars)));
  return factor * periodMs;
}

export class PriceCandles {
  readonly candles: Candle[] = [];
  #current: Candle | null = null;
  private readonly symbol: string;
  /** The request's timeframe; the bars are barMs wide, a whole multiple of it. */
  private readonly timeframe: Timeframe;
  private readonly start: number;
  private readonly barMs: number;

  constructor(symbol: string, timeframe: Timeframe, start: number, barMs: number) {
    this.symbol = symbol;
    this.timeframe = timeframe;
    this.start = start;
    this.barMs = barMs;
  }

  /** An event of the run's symbol, in time order. */
  onEvent(event: MarketEvent, ts: number): void {
    if (event.type === 'trade') this.onPrint(ts, event.trade.price, event.trade.size);
    else if (event.type === 'candle') {
      const c = event.candle;
      this.#add(ts, c.open, c.high, c.low, c.close, c.volume);
    }
  }

  /** A trade print of the run's symbol, in time order. */
  onPrint(ts: number, price: number, size: number): void {
    this.#add(ts, price, price, price, price, size);
  }

  /** The first `count` prints of a candle, all inside one bar (the bars are whole candles wide), in time order. */
  onPrints(ts: number, prices: Float64Array, sizes: Float64Array, count: number): void {
    this.onPrint(ts, prices[0], sizes[0]);
    const bar = this.#current;
    if (bar === null) return;
    for (let i = 1; i < count; i++) {
      const price = prices[i];
      if (Number.isFinite(price)) extend(bar, price, price, price, sizes[i]);
    }
  }

  /** Closes the last bar and returns them all, oldest first. */
  finish(): Candle[] {
    if (this.#current) this.candles.push({ ...this.#current, closed: true });
    this.#current = null;
    return this.candles;
  }

  #add(ts: number, open: number, high: number, low: number, close: number, volume: number): void {
    if (!Number.isFinite(open) || !Number.isFinite(close)) return;
    const openTime = this.start + Math.floor((ts - this.start) / this.barMs) * this.barMs;
    const bar = this.#current;
    if (bar && bar.openTime === openTime) {
      extend(bar, high, low, close, volume);
      return;
    }
    if (bar) this.candles.push({ ...bar, closed: true });
    this.#current = { symbol: this.symbol, timeframe: this.timeframe, openTime, open, high, low, close, volume, closed: false };
  }
}

function extend(bar: Candle, high: number, low: number, close: number, volume: number): void {
  bar.high = Math.max(bar.high, high);
  bar.low = Math.min(bar.low, low);
  bar.close = close;
  bar.volume += volume;
}
