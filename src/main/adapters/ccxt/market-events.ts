// ccxt's order books, trades, tickers and candles as the engine's MarketEvents.
import type { BookLevel, Candle, MarketEvent, OrderBook, Timeframe } from '../../../shared/market.ts';
import { TIMEFRAME_MS } from '../../../shared/market.ts';
import type { CcxtTrade } from './ccxt-module.ts';

export type Level = readonly (number | string | undefined)[];

/** A price or size the engine can take: a finite number above zero. */
export const isPositive = (n: number): boolean => n > 0 && Number.isFinite(n);

/**
 * ccxt keeps one mutable book per symbol and keeps updating it: copy the top levels out. A level that
 * is not a positive price and size is left out and passed to `onBad`.
 */
export function bookLevels(levels: readonly Level[] | undefined, depth: number, onBad?: (level: Level) => void): BookLevel[] {
  const out: BookLevel[] = [];
  if (!levels) return out;
  for (let i = 0; i < levels.length && out.length < depth; i++) {
    const price = Number(levels[i]![0]);
    const size = Number(levels[i]![1]);
    if (isPositive(price) && isPositive(size)) out.push([price, size]);
    else onBad?.(levels[i]!);
  }
  return out;
}

export function bookEvent(
  symbol: string,
  ts: number,
  bids: readonly Level[],
  asks: readonly Level[],
  depth: number,
  onBad?: (level: Level) => void,
): MarketEvent & { type: 'book' } {
  const book: OrderBook = { symbol, ts, bids: bookLevels(bids, depth, onBad), asks: bookLevels(asks, depth, onBad) };
  return { type: 'book', book };
}

/** Null for a trade without a positive price and size. */
export function tradeEvent(symbol: string, ts: number, trade: CcxtTrade): (MarketEvent & { type: 'trade' }) | null {
  const price = Number(trade.price);
  const size = Number(trade.amount);
  if (!isPositive(price) || !isPositive(size)) return null;
  return {
    type: 'trade',
    trade: { symbol, ts, id: String(trade.id ?? `${trade.timestamp}:${price}:${size}`), price, size, side: trade.side === 'sell' ? 'sell' : 'buy' },
  };
}

/**
 * ccxt OHLCV rows ([time, open, high, low, close, volume]) as candles; the last may still be forming.
 * A row that is not a candle (a price at or below zero, high under low, a negative volume) is left out;
 * a missing volume counts as 0, as some exchanges send none.
 */
export function candlesFrom(symbol: string, timeframe: Timeframe, rows: readonly (readonly (number | undefined)[])[], now: number): Candle[] {
  const period = TIMEFRAME_MS[timeframe];
  const candles: Candle[] = [];
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    const [openTime, open, high, low, close] = row.map((v) => Number(v));
    const volume = row[5] === undefined || row[5] === null ? 0 : Number(row[5]);
    if (!Number.isFinite(openTime) || ![open, high, low, close].every(isPositive) || !(volume >= 0 && Number.isFinite(volume))) continue;
    if (high < Math.max(open, close) || low > Math.min(open, close)) continue;
    candles.push({ symbol, timeframe, openTime, open, high, low, close, volume, closed: openTime + period <= now });
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
