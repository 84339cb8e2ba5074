// Shared by the backtest integration tests: requests and inputs on the shipped sample and on small
// hand-made candle series.
import { fileURLToPath } from 'node:url';
import type { BacktestRequest } from '../../src/shared/backtest.ts';
import type { Candle, MarketEvent, SymbolInfo } from '../../src/shared/market.ts';
import { DEFAULT_RISK_LIMITS } from '../../src/shared/risk.ts';
import type { EventInput } from '../../src/main/backtest/backtest-run.ts';
import { datasetSymbolInfo, eventsFromDataset } from '../../src/main/backtest/dataset-events.ts';
import { loadDataset, type Dataset, type DatasetDir } from '../../src/main/backtest/datasets.ts';

export const SAMPLE_DIRS: DatasetDir[] = [{ dir: fileURLToPath(new URL('../../resources/datasets', import.meta.url)), origin: 'sample' }];
export const SAMPLE_CANDLES = 'sample:BTC-USDT_1m.csv';

let sample: Dataset | undefined;
export function sampleDataset(): Dataset {
  sample ??= loadDataset(SAMPLE_CANDLES, SAMPLE_DIRS);
  return sample;
}

export function request(overrides: Partial<BacktestRequest> = {}): BacktestRequest {
  const info = sampleDataset().info;
  return {
    strategy: { kind: 'momentum', params: {} },
    symbol: 'BTC/USDT',
    timeframe: '1m',
    from: info.from,
    to: info.to,
    source: { kind: 'dataset', id: SAMPLE_CANDLES },
    startingCapital: 100_000,
    ...overrides,
  };
}

/** The sample's candles between from and to as a backtest input. */
export function sampleInput(overrides: Partial<BacktestRequest> = {}): EventInput {
  const req = request(overrides);
  const dataset = sampleDataset();
  const symbol = datasetSymbolInfo(dataset);
  return { request: req, symbol, riskLimits: DEFAULT_RISK_LIMITS, events: eventsFromDataset(dataset, symbol, req.from, req.to) };
}

export function inputFrom(req: BacktestRequest, symbol: SymbolInfo, events: MarketEvent[]): EventInput {
  return { request: req, symbol, riskLimits: DEFAULT_RISK_LIMITS, events };
}

export function candle(openTime: number, open: number, high: number, low: number, close: number, volume: number): Candle {
  return { symbol: 'BTC/USDT', timeframe: '1m', openTime, open, high, low, close, volume, closed: true };
}
