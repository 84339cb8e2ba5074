// Public candle history for backtests: ccxt fetchOHLCV paged forward from `since`. No keys; reads are
// repeated after a missing answer or a rate limit, since fetching history twice is harmless.
import { barOpen, TIMEFRAME_MS, type Candle, type SymbolInfo, type Timeframe } from '../../../shared/market.ts';
import type { HistoryProgress } from '../../desk.ts';
import type { CcxtExchange, CcxtModule } from './ccxt-module.ts';
import { toSymbolInfo } from './symbol-info.ts';
import { errorKind, exchangeMessage } from './venue-errors.ts';

/** Binance's largest page; exchanges with smaller pages return fewer rows and the loop simply goes on. */
const PAGE_LIMIT = 1_000;
/** Waits before asking again after no answer or a rate limit. */
const RETRY_MS = [1_000, 3_000, 8_000];

export interface HistoryRequest {
  symbol: string;
  timeframe: Timeframe;
  since: number;
  until: number;
  onProgress: (progress: HistoryProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
}

export interface HistoryResult {
  symbol: SymbolInfo;
  candles: Candle[];
  /** The range [since, coveredUntil) is complete: only closed candles count, so this stops at the open one. */
  coveredUntil: number;
}

export async function fetchHistoryCandles(ccxt: CcxtModule, exchange: CcxtExchange, request: HistoryRequest): Promise<HistoryResult> {
  const { symbol, timeframe, since, signal } = request;
  const name = exchange.name ?? exchange.id;
  await exchange.loadMarkets();
  const market = exchange.markets?.[symbol];
  if (!market) throw new Error(`${name} does not list ${symbol}.`);
  if (!exchange.has['fetchOHLCV']) throw new Error(`${name} does not serve candle history through ccxt.`);
  if (exchange.timeframes && !(timeframe in exchange.timeframes)) throw new Error(`${name} has no ${timeframe} candles.`);
  const info = toSymbolInfo(market, Number(exchange.precisionMode));
  const step = TIMEFRAME_MS[timeframe];
  // The candle that opened at the last boundary is still forming: caching it would freeze a wrong close.
  const end = Math.min(request.until, barOpen((request.now ?? Date.now)(), step));
  const expected = Math.max(0, Math.ceil((end - since) / step));
  const candles: Candle[] = [];
  let cursor = since;
  while (cursor < end) {
    const rows = await withRetries(ccxt, name, signal, () => exchange.fetchOHLCV(symbol, timeframe, cursor, PAGE_LIMIT));
    const newest = rows.length > 0 ? Number(rows[rows.length - 1][0]) : -Infinity;
    // No rows at or after the cursor: the exchange has nothing more (or ignores `since`); either way, stop.
    if (newest < cursor) break;
    const page = rows.filter((row) => Number(row[0]) >= cursor && Number(row[0]) < end).map((row) => toCandle(row, symbol, timeframe));
    candles.push(...page);
    cursor = newest + step;
    request.onProgress({ symbol: info, page, received: candles.length, expected, coveredUntil: Math.min(cursor, end) });
  }
  return { symbol: info, candles, coveredUntil: Math.max(since, end) };
}

function toCandle(row: readonly (number | string | undefined)[], symbol: string, timeframe: Timeframe): Candle {
  const [openTime, open, high, low, close, volume] = row.map(Number);
  return { symbol, timeframe, openTime, open, high, low, close, volume: Number.isFinite(volume) ? volume : 0, closed: true };
}

async function withRetries<T>(ccxt: CcxtModule, name: string, signal: AbortSignal | undefined, read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await read();
    } catch (error) {
      const kind = errorKind(ccxt, error);
      const message = exchangeMessage(error, (text) => text);
      if ((kind !== 'no-answer' && kind !== 'rate-limit') || attempt >= RETRY_MS.length) {
        throw new Error(`${name} did not serve the candle history: ${message}`, { cause: error });
      }
      await pause(RETRY_MS[attempt], signal);
    }
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
