// The per-candle input of the engine passes: a seeded random walk of 1m BTC/USDT candles (the simulated
// market's symbol info), turned into market events in small chunks ahead of (never inside) the timing.
//
// Per candle, 6 events, in this order:
//   4 trade prints: open, the first wick, the second wick, close (eventsFromCandles' path and timestamps:
//     openTime, +20 s, +40 s, +59.999 s; the backtest's own conversion, so the engine sees what a
//     candle backtest feeds it), then
//   1 book and 1 ticker quoted around the close (SyntheticBook via eventsFromCandles; the backtest quotes
//     after every print, 12 events per candle; here only the last quote is kept, so the order a strategy
//     sends at the close meets a book around the close, as in the backtest).
// The engine closes candle k when the first print of candle k+1 arrives: that print is the candle's
// "closing event" (CandleStream.closingEvent), and the strategy, risk, journal and broker run inside it.
//
// Chunks are small (1,000 candles, ~1.5 MB of events) so that, as on a live feed, the events die young
// and the scavenger reclaims them; a chunk of millions of events would be promoted and make every major
// GC mark it, a cost the live desk never pays.
import type { Candle, MarketEvent, SymbolInfo } from '../src/shared/market.ts';
import { eventsFromCandles } from '../src/main/backtest/events-from-candles.ts';
import { simulationSymbolInfo } from '../src/main/backtest/events-from-simulation.ts';
import { START } from './engine-fixture.ts';

export const EVENTS_PER_CANDLE = 6;
export const CANDLE_SYMBOL = 'BTC/USDT';
const MINUTE = 60_000;
/** Per-candle log-return sd: 0.1%, about BTC's 1m volatility; the defaults' thresholds then fire now and then. */
const SIGMA = 0.001;

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class CandleStream {
  readonly info: SymbolInfo = simulationSymbolInfo(CANDLE_SYMBOL);
  private readonly next01: () => number;
  private price = 60_000;
  private openTime = START;
  private produced = 0;

  constructor(seed: number) {
    this.next01 = random(seed);
  }

  /** Candles made so far. */
  get candles(): number {
    return this.produced;
  }

  /** The next `count` candles' events (EVENTS_PER_CANDLE each): a fresh array, the caller drops it after use. */
  next(count: number): MarketEvent[] {
    const candles: Candle[] = new Array(count);
    for (let i = 0; i < count; i++) candles[i] = this.candle();
    const all = eventsFromCandles(candles, this.info); // 12 per candle: (print, book, ticker) x 4
    const events: MarketEvent[] = new Array(count * EVENTS_PER_CANDLE);
    for (let c = 0, j = 0; c < count; c++) {
      const at = c * 12;
      events[j++] = all[at];
      events[j++] = all[at + 3];
      events[j++] = all[at + 6];
      events[j++] = all[at + 9];
      events[j++] = all[at + 10]; // the book after the close print
      events[j++] = all[at + 11]; // its ticker
    }
    return events;
  }

  private candle(): Candle {
    const r = this.next01;
    const open = this.price;
    // Box-Muller: one normal log-return per candle; the wicks reach a little past the body.
    const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    const close = round2(open * Math.exp(SIGMA * z));
    const high = round2(Math.max(open, close) * (1 + SIGMA * 0.5 * r()));
    const low = round2(Math.min(open, close) * (1 - SIGMA * 0.5 * r()));
    const candle: Candle = { symbol: CANDLE_SYMBOL, timeframe: '1m', openTime: this.openTime, open, high, low, close, volume: round5(2 + 8 * r()), closed: true };
    this.price = close;
    this.openTime += MINUTE;
    this.produced++;
    return candle;
  }
}

/** Index (within the whole stream) of the event that closes candle k: the first print of candle k+1. */
export function closingEvent(k: number): number {
  return (k + 1) * EVENTS_PER_CANDLE;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;
