// What a run or a sweep in flight needs from the service that started it.
import type { BacktestRequest } from '../../shared/backtest.ts';
import type { EngineEvent } from '../../shared/contract.ts';
import type { BacktestStore } from './backtest-store.ts';
import type { BacktestWorker, StopFlag } from './backtest-worker-pool.ts';
import type { WorkerJob } from './backtest-worker-protocol.ts';

/** One run or sweep in flight: what cancel and close pull on. */
export interface Active {
  stop: StopFlag;
  abort: AbortController;
  cancelled: boolean;
}

export interface ServiceContext {
  emit: (event: EngineEvent) => void;
  store: BacktestStore;
  /** The worker's job for a request: the desk's limits under the request's own, and where the data lives. */
  job: (request: BacktestRequest, jobId: string) => WorkerJob;
  /** Brings exchange history into the cache (nothing for other sources), reporting "downloading candles n/m". */
  fetchHistory: (request: BacktestRequest, active: Active, report: (message: string) => void) => Promise<void>;
  /** Registers a worker so close() can end it; returns the unregister function. */
  track: (worker: BacktestWorker) => () => void;
}
