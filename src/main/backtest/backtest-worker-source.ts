// Inside a worker: a request's history, from wherever it lives, as the venue rules and the candles or
// market events the runner takes. Loading and conversion are CPU work too, which is why they happen here.
import type { MarketEvent, SymbolInfo } from '../../shared/market.ts';
import { cacheDatasetId, parseCacheDatasetId } from './backtest-service-datasets.ts';
import type { WorkerJob } from './backtest-worker-protocol.ts';
import { candleColumns, type CandleColumns } from './candle-columns.ts';
import { DatasetError } from './dataset-error.ts';
import { datasetSymbolInfo } from './dataset-events.ts';
import { loadDataset } from './datasets.ts';
import { eventsFromSimulation, simulationSymbolInfo } from './events-from-simulation.ts';
import { HistoryStore, type SeriesKey } from './history-store.ts';
import { tradeColumns, type TradeColumns } from './trade-columns.ts';

export type LoadedSource =
  | { symbol: SymbolInfo; events: MarketEvent[]; candles?: undefined; trades?: undefined }
  | { symbol: SymbolInfo; candles: CandleColumns; events?: undefined; trades?: undefined }
  | { symbol: SymbolInfo; trades: TradeColumns; events?: undefined; candles?: undefined };

/** How many rows the run goes through: events, candles or prints. */
export function sourceRows(source: LoadedSource): number {
  return (source.events ?? source.candles ?? source.trades).length;
}

export function loadSource(job: WorkerJob): LoadedSource {
  const { request } = job;
  const { source } = request;
  switch (source.kind) {
    case 'simulated':
      return { symbol: simulationSymbolInfo(request.symbol), events: eventsFromSimulation(source.seed, request.symbol, request.from, request.to) };
    case 'exchange':
      return fromCache(job, { exchange: source.exchangeId, symbol: request.symbol, timeframe: request.timeframe });
    case 'dataset': {
      const cached = parseCacheDatasetId(source.id);
      return cached ? fromCache(job, cached) : fromFile(job, source.id);
    }
  }
}

function fromFile(job: WorkerJob, id: string): LoadedSource {
  const { from, to } = job.request;
  try {
    const dataset = loadDataset(id, job.datasetDirs);
    const symbol = datasetSymbolInfo(dataset);
    if (dataset.kind === 'candles') return { symbol, candles: candleColumns(dataset.candles.filter((c) => c.openTime >= from && c.openTime < to), dataset.timeframe) };
    return { symbol, trades: tradeColumns(dataset.trades.filter((t) => t.ts >= from && t.ts < to)) };
  } catch (error) {
    // The row errors say where ("line 5: close ...") but not in which file.
    if (error instanceof DatasetError) throw new Error(`${id.slice(id.indexOf(':') + 1)} cannot be used: ${error.message}`);
    throw error;
  }
}

function fromCache(job: WorkerJob, key: SeriesKey): LoadedSource {
  const { from, to } = job.request;
  const store = new HistoryStore(job.historyFile, { readOnly: true });
  try {
    const symbol = store.symbol(key.exchange, key.symbol);
    const candles = store.candles(key, from, to);
    if (!symbol || candles.length === 0) {
      throw new Error(`No ${key.symbol} ${key.timeframe} candles from ${key.exchange} are cached for this span (${cacheDatasetId(key)}).`);
    }
    return { symbol, candles: candleColumns(candles, key.timeframe) };
  } finally {
    store.close();
  }
}
