// The public trade tape per symbol, and the candles and 24h statistics Binance derives from it.
import { r8 } from './markets.ts';

export interface TapeTrade {
  id: number;
  symbol: string;
  price: number;
  qty: number;
  time: number;
  /** Binance's `m`: the buyer was the maker, i.e. the taker sold. */
  buyerIsMaker: boolean;
}

export interface Candle {
  openTime: number;
  closeTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  quoteVolume: number;
  count: number;
  takerBuyVolume: number;
  takerBuyQuoteVolume: number;
  firstId: number;
  lastId: number;
}

const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = { s: 1000, m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE, w: 7 * 24 * 60 * MINUTE };

/** Binance opens weekly klines on Monday 00:00 UTC; 1970-01-05 was the first Monday after the epoch. */
const FIRST_MONDAY = Date.UTC(1970, 0, 5);

/** When the kline of `ms` holding `time` opened. */
function klineOpen(time: number, ms: number): number {
  const origin = ms === UNIT_MS.w ? FIRST_MONDAY : 0;
  return Math.floor((time - origin) / ms) * ms + origin;
}

/** '1m' -> 60000; undefined for intervals Binance does not offer (months are left out). */
export function intervalMs(interval: string): number | undefined {
  const match = /^(\d+)([smhdw])$/.exec(interval);
  if (!match) return undefined;
  const allowed = ['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w'];
  return allowed.includes(interval) ? Number(match[1]) * UNIT_MS[match[2]] : undefined;
}

export class Tape {
  private readonly bySymbol = new Map<string, TapeTrade[]>();
  private nextId = 1;

  /** Three prints a minute for the last `minutes` (two hours by default), so candles and tickers have history from the start. */
  seed(symbol: string, refPrice: number, tick: number, now: number, minutes = 120): void {
    const start = Math.floor(now / MINUTE) * MINUTE - minutes * MINUTE;
    for (let minute = 0; minute < minutes; minute++) {
      for (const [offset, wiggle] of [[5_000, 0], [25_000, 1], [45_000, -1]] as const) {
        const drift = Math.sin(minute / 7) * 0.004 + wiggle * 0.0005;
        const price = Math.round((refPrice * (1 + drift)) / tick) * tick;
        this.record(symbol, r8(price), r8(1000 / refPrice), start + minute * MINUTE + offset, wiggle < 0);
      }
    }
  }

  record(symbol: string, price: number, qty: number, time: number, buyerIsMaker: boolean): TapeTrade {
    const trade: TapeTrade = { id: this.nextId++, symbol, price, qty, time, buyerIsMaker };
    const list = this.bySymbol.get(symbol) ?? [];
    list.push(trade);
    this.bySymbol.set(symbol, list);
    return trade;
  }

  trades(symbol: string): readonly TapeTrade[] {
    return this.bySymbol.get(symbol) ?? [];
  }

  last(symbol: string): TapeTrade | undefined {
    const list = this.trades(symbol);
    return list[list.length - 1];
  }

  candles(symbol: string, interval: string, opts: { startTime?: number; endTime?: number; limit?: number } = {}): Candle[] {
    const ms = intervalMs(interval) ?? MINUTE;
    const limit = Math.min(opts.limit ?? 500, 1000);
    const byOpen = new Map<number, Candle>();
    for (const t of this.trades(symbol)) {
      if (opts.startTime !== undefined && t.time < klineOpen(opts.startTime, ms)) continue;
      if (opts.endTime !== undefined && t.time > opts.endTime) continue;
      const openTime = klineOpen(t.time, ms);
      const c = byOpen.get(openTime);
      if (!c) {
        byOpen.set(openTime, {
          openTime, closeTime: openTime + ms - 1, open: t.price, high: t.price, low: t.price, close: t.price,
          volume: t.qty, quoteVolume: r8(t.qty * t.price), count: 1,
          takerBuyVolume: t.buyerIsMaker ? 0 : t.qty, takerBuyQuoteVolume: t.buyerIsMaker ? 0 : r8(t.qty * t.price),
          firstId: t.id, lastId: t.id,
        });
        continue;
      }
      c.high = Math.max(c.high, t.price);
      c.low = Math.min(c.low, t.price);
      c.close = t.price;
      c.volume = r8(c.volume + t.qty);
      c.quoteVolume = r8(c.quoteVolume + t.qty * t.price);
      c.count++;
      if (!t.buyerIsMaker) {
        c.takerBuyVolume = r8(c.takerBuyVolume + t.qty);
        c.takerBuyQuoteVolume = r8(c.takerBuyQuoteVolume + t.qty * t.price);
      }
      c.lastId = t.id;
    }
    const all = [...byOpen.values()].sort((a, b) => a.openTime - b.openTime);
    // Binance returns the oldest candles from startTime, otherwise the newest ones.
    return opts.startTime !== undefined ? all.slice(0, limit) : all.slice(-limit);
  }

  candleAt(symbol: string, interval: string, time: number): Candle | undefined {
    const ms = intervalMs(interval) ?? MINUTE;
    const openTime = klineOpen(time, ms);
    return this.candles(symbol, interval, { startTime: openTime, endTime: openTime + ms - 1, limit: 1 })[0];
  }

  /** Rolling 24h window ending now. */
  stats24h(symbol: string, now: number): Candle | undefined {
    const since = now - 24 * 60 * MINUTE;
    const window = this.trades(symbol).filter((t) => t.time >= since && t.time <= now);
    if (window.length === 0) return undefined;
    const first = window[0];
    const last = window[window.length - 1];
    let volume = 0;
    let quoteVolume = 0;
    for (const t of window) {
      volume += t.qty;
      quoteVolume += t.qty * t.price;
    }
    return {
      openTime: since, closeTime: now, open: first.price, close: last.price,
      high: Math.max(...window.map((t) => t.price)), low: Math.min(...window.map((t) => t.price)),
      volume: r8(volume), quoteVolume: r8(quoteVolume), count: window.length,
      takerBuyVolume: 0, takerBuyQuoteVolume: 0, firstId: first.id, lastId: last.id,
    };
  }
}
