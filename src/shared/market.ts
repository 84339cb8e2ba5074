// Market data as the engine sees it, whatever the venue. Times are epoch milliseconds (UTC).

export const TIMEFRAMES = ['1s', '1m', '5m', '15m', '1h', '4h', '1d', '1w'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

export const TIMEFRAME_MS: Record<Timeframe, number> = {
  '1s': 1_000,
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
  '1w': 604_800_000,
};

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Exchanges open weekly bars on Monday 00:00 UTC; the epoch fell on a Thursday, four days before one. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

/**
 * When the bar of `periodMs` holding `ts` opened, as exchanges draw bars: on multiples of the bar's
 * length since the epoch (4h at 00, 04, ... UTC; days at 00:00 UTC), weeks from a Monday.
 */
export function barOpen(ts: number, periodMs: number): number {
  const origin = periodMs % WEEK_MS === 0 ? FIRST_MONDAY_MS : 0;
  return Math.floor((ts - origin) / periodMs) * periodMs + origin;
}

/** Whether a bar of `periodMs` can open at `ts`. */
export function isBarOpen(ts: number, periodMs: number): boolean {
  return barOpen(ts, periodMs) === ts;
}

/** Spot holds what it bought and can sell only that; margin (and derivatives) can also go short. */
export type MarketType = 'spot' | 'margin';

export interface SymbolInfo {
  symbol: string; // 'BTC/USDT'
  base: string;
  quote: string;
  market: MarketType;
  tickSize: number; // smallest price increment
  lotSize: number; // smallest size increment
  minSize: number;
  /** Smallest order value in quote currency the venue accepts; 0 when it sets none. */
  minNotional: number;
  makerFee: number; // fraction, 0.001 = 0.1%
  takerFee: number;
}

export interface Ticker {
  symbol: string;
  ts: number;
  bid: number;
  ask: number;
  last: number;
}

/** [price, size] */
export type BookLevel = [number, number];

export interface OrderBook {
  symbol: string;
  ts: number;
  bids: BookLevel[]; // best (highest) first
  asks: BookLevel[]; // best (lowest) first
}

export interface Trade {
  symbol: string;
  ts: number;
  id: string;
  price: number;
  size: number;
  side: 'buy' | 'sell'; // aggressor side
}

export interface Candle {
  symbol: string;
  timeframe: Timeframe;
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  closed: boolean;
}

export type MarketEvent =
  | { type: 'ticker'; ticker: Ticker }
  | { type: 'book'; book: OrderBook }
  | { type: 'trade'; trade: Trade }
  | { type: 'candle'; candle: Candle };

export type FeedStatus = 'connecting' | 'live' | 'stale' | 'stopped';

export interface FeedHealth {
  source: string; // 'simulated', 'binance', ...
  status: FeedStatus;
  lastEventTs: number | null;
  eventsPerSecond: number;
}
