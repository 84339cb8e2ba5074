// Brings the history cache up to date for one backtest: only the ranges no earlier download covered
// are fetched, and each page is stored as it arrives, so an interrupted download resumes where it stopped.
import { barOpen, TIMEFRAME_MS, type Timeframe } from '../../shared/market.ts';
import type { ExchangeGateway } from '../desk.ts';
import type { HistoryStore, SeriesKey } from './history-store.ts';

export interface DownloadRequest {
  exchange: string;
  symbol: string;
  timeframe: Timeframe;
  from: number;
  to: number;
}

/** Resolves when [from, to) is cached up to the last closed candle; throws the exchange's sentence otherwise. */
export async function downloadHistory(
  gateway: ExchangeGateway,
  store: HistoryStore,
  request: DownloadRequest,
  onProgress: (received: number, expected: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const key: SeriesKey = { exchange: request.exchange, symbol: request.symbol, timeframe: request.timeframe };
  const step = TIMEFRAME_MS[request.timeframe];
  // Only closed candles are fetched: the one forming now is not expected.
  const closedUntil = barOpen(Date.now(), step);
  const gaps = store.missing(key, request.from, request.to);
  const expected = gaps.reduce((sum, [from, to]) => sum + Math.max(0, Math.ceil((Math.min(to, closedUntil) - from) / step)), 0);
  let receivedBefore = 0;
  for (const [from, to] of gaps) {
    // Public history is the same on an exchange's testnet or worse (short, synthetic), so backtests read mainnet.
    const result = await gateway.historyCandles(
      { id: request.exchange, testnet: false },
      request.symbol,
      request.timeframe,
      from,
      to,
      (progress) => {
        store.saveSymbol(request.exchange, progress.symbol);
        store.savePage(key, progress.page, from, progress.coveredUntil);
        onProgress(receivedBefore + progress.received, Math.max(expected, receivedBefore + progress.received));
      },
      signal,
    );
    store.saveSymbol(request.exchange, result.symbol);
    store.savePage(key, [], from, result.coveredUntil);
    receivedBefore += result.candles.length;
  }
}
