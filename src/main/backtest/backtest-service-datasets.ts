// What the dataset picker lists: files (shipped samples, then the user's folder) and every exchange
// history already in the download cache, which runs offline like a file.
import type { DatasetInfo } from '../../shared/backtest.ts';
import type { Timeframe } from '../../shared/market.ts';
import { listDatasets, type DatasetDir } from './datasets.ts';
import type { HistoryStore, SeriesKey } from './history-store.ts';

const CACHE_ORIGIN = 'exchange-cache';

/** 'exchange-cache:binance BTC/USDT 1m': the origin prefix as file datasets have it, then the series (no spaces in any part). */
export function cacheDatasetId(key: SeriesKey): string {
  return `${CACHE_ORIGIN}:${key.exchange} ${key.symbol} ${key.timeframe}`;
}

/** The cached series a dataset id names, or null for a file dataset. */
export function parseCacheDatasetId(id: string): SeriesKey | null {
  if (!id.startsWith(`${CACHE_ORIGIN}:`)) return null;
  const [exchange, symbol, timeframe] = id.slice(CACHE_ORIGIN.length + 1).split(' ');
  return exchange && symbol && timeframe ? { exchange, symbol, timeframe: timeframe as Timeframe } : null;
}

export function listAllDatasets(dirs: readonly DatasetDir[], history: HistoryStore): DatasetInfo[] {
  const cached = history.series().map((series): DatasetInfo => ({
    id: cacheDatasetId(series),
    name: `${series.symbol} ${series.timeframe} from ${series.exchange}`,
    kind: 'candles',
    symbol: series.symbol,
    timeframe: series.timeframe,
    from: series.from,
    to: series.to,
    rows: series.rows,
    origin: CACHE_ORIGIN,
  }));
  return [...listDatasets(dirs), ...cached];
}
