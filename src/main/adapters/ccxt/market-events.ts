// ccxt's order books, trades, tickers and candles as the engine's MarketEvents.
import type { BookLevel, Candle, MarketEvent, OrderBook, Timeframe } from '../../../shared/market.ts';
import { TIMEFRAME_MS } from '../../../shared/market.ts';
import type { CcxtTrade } from './ccxt-module.ts';

type Level = readonly (number | string | undefined)[];

/** ccxt keeps one mutable book per symbol and keeps updating it: copy the top levels out. */
export function bookLevels(levels: readonly Level[] | undefined, depth: number): BookLevel[] {
  const out: BookLevel[] = [];
  if (!levels) return out;
  for (let i = 0; i < levels.length && out.length < depth; i++) {
    const price = Number(levels[i]![0]);
    const size = Number(levels[i]![1]);
    if (Number.isFinite(price) && Number.isFinite(size) && size > 0) out.push([price, size]);
  }
  return out;
}

export function bookEvent(symbol: string, ts: number, bids: readonly Level[], asks: readonly Level[], depth: number): MarketEvent & { type: 'book' } {
  const book: OrderBook = { symbol, ts, bids: bookLevels(bids, depth), asks: bookLevels(asks, depth) };
  return { type: 'book', book };
}

export function tradeEvent(symbol: string, ts: number, trade: CcxtTrade): (MarketEvent & { type: 'trade' }) | null {
  const price = Number(trade.price);
  const size = Number(trade.amount);
  if (!Number.isFinite(price) || !Number.isFinite(size) || size <= 0) return null;
  return {
    type: 'trade',
    trade: { symbol, ts, id: String(trade.id ?? `${trade.timestamp}:${price}:${size}`), price, size, side: trade.side === 'sell' ? 'sell' : 'buy' },
  };
}

/** ccxt OHLCV rows ([time, open, high, low, close, volume]) as candles; the last may still be forming. */
export function candlesFrom(symbol: string, timeframe: Timeframe, rows: readonly (readonly (number | undefined)[])[], now: number): Candle[] {
  const period = TIMEFRAME_MS[timeframe];
  const candles: Candle[] = [];
  for (const row of rows) {
    const [openTime, open, high, low, close, volume] = row.map((v) => Number(v));
    if (![openTime, open, high, low, close].every(Number.isFinite)) continue;
    candles.push({ symbol, timeframe, openTime, open, high, low, close, volume: Number.isFinite(volume) ? volume : 0, closed: openTime + period <= now });
  }
  return candles.sort((a, b) => a.openTime - b.openTime);
}

/**
 * Event times are the desk's clock at receipt, never going backwards. Stale-feed detection compares
 * them with the same wall clock, so an exchange whose clock runs a few seconds behind cannot make a
 * live feed look stale, and three independent streams still form one time-ordered sequence.
 */
export class ReceiptClock {
  private last = 0;
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  stamp(): number {
    const t = this.now();
    if (t > this.last) this.last = t;
    return this.last;
  }
}
