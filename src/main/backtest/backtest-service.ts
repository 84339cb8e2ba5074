import type {
  BacktestRequest,
  BacktestResult,
  BacktestSummary,
  DatasetInfo,
  SweepRequest,
} from '../../shared/backtest.ts';

/**
 * Backtests for the commands: runs happen off the live engine's thread (worker threads), report
 * progress as 'backtest.progress' / 'sweep.progress' events, and are kept in SQLite until deleted.
 */
export interface BacktestService {
  datasets(): Promise<DatasetInfo[]>;
  /** Validates what it can at once (dataset exists, strategy params) and throws a sentence; the run itself is async. */
  run(request: BacktestRequest): Promise<{ runId: string }>;
  cancel(runId: string): boolean;
  list(): BacktestSummary[];
  /** Throws NotFoundError for an unknown run. */
  get(runId: string): BacktestResult;
  remove(runId: string): void;
  exportCsv(runId: string, what: 'trades' | 'metrics'): { filename: string; csv: string };
  sweep(request: SweepRequest): Promise<{ sweepId: string }>;
  cancelSweep(sweepId: string): boolean;
  close(): Promise<void>;
}
