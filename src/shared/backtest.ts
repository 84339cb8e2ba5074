import { z } from 'zod';
import { exchangeIdSchema } from './exchange.ts';
import { TIMEFRAMES, type Candle } from './market.ts';
import { riskLimitsSchema } from './risk.ts';
import { STRATEGY_KINDS, STRATEGY_PARAM_NAMES, strategyParamPatchSchema } from './strategy.ts';
import type { RoundTrip } from './trading.ts';

/** Where a backtest's history comes from. Every source becomes the same market events for the engine. */
export const backtestSourceSchema = z.discriminatedUnion('kind', [
  /** A CSV or JSON file of candles or trades: shipped samples and files in the data folder's datasets/. */
  z.object({ kind: z.literal('dataset'), id: z.string().min(1).max(200) }).strict(),
  /** Candles downloaded through ccxt fetchOHLCV, cached in SQLite, resumable. */
  z.object({ kind: z.literal('exchange'), exchangeId: exchangeIdSchema }).strict(),
  /** The built-in simulated market, from a seed. */
  z.object({ kind: z.literal('simulated'), seed: z.number().int().min(0).max(2 ** 31) }).strict(),
]);
export type BacktestSource = z.infer<typeof backtestSourceSchema>;

export const backtestRequestSchema = z
  .object({
    strategy: z.object({ kind: z.enum(STRATEGY_KINDS), params: strategyParamPatchSchema }).strict(),
    symbol: z.string().min(3).max(32),
    timeframe: z.enum(TIMEFRAMES),
    from: z.number().int().nonnegative(),
    to: z.number().int().positive(),
    source: backtestSourceSchema,
    startingCapital: z.number().positive().max(1e12),
    /**
     * Spot (the default for spot data) holds only what it bought, so a short signal means flat; margin
     * lets a strategy go short, with no borrowing costs modelled.
     */
    market: z.enum(['spot', 'margin']).optional(),
    /** Defaults to the desk's own limits. */
    riskLimits: riskLimitsSchema.partial().strict().optional(),
  })
  .strict()
  .refine((r) => r.to > r.from, { message: 'the end must come after the start', path: ['to'] });
export type BacktestRequest = z.infer<typeof backtestRequestSchema>;

export const sweepRequestSchema = z
  .object({
    base: backtestRequestSchema,
    /** One or two parameters of the strategy, each with the values to try. */
    grid: z
      .array(z.object({ param: z.enum(STRATEGY_PARAM_NAMES), values: z.array(z.number().finite()).min(1).max(50) }).strict())
      .min(1)
      .max(2),
    /** Keep each cell's run in the runs list (at most MAX_SAVED_SWEEP_RUNS cells), not only its metrics. */
    saveRuns: z.boolean().optional(),
  })
  .strict();
/** A sweep keeps its runs only up to this many cells: each run holds its curve, trades and price bars. */
export const MAX_SAVED_SWEEP_RUNS = 100;
export type SweepRequest = z.infer<typeof sweepRequestSchema>;

export interface BacktestMetrics {
  totalReturn: number; // fraction: 0.12 = +12%
  cagr: number;
  sharpe: number; // annualised, from per-bar returns, risk-free 0
  sortino: number;
  maxDrawdown: number; // fraction of peak
  maxDrawdownDurationMs: number;
  calmar: number;
  winRate: number; // fraction of closed trades with pnl > 0
  profitFactor: number; // gross profit / gross loss (Infinity when no loss)
  expectancy: number; // average pnl per closed trade, quote currency
  trades: number;
  exposure: number; // fraction of time a position was open
  feesPaid: number;
  finalEquity: number;
  /**
   * Daily returns (UTC days) Sharpe and Sortino are measured on. Below MIN_DAYS_TO_ANNUALISE the yearly
   * figures (ANNUALISED_METRICS) mean nothing and are not shown. Absent in runs stored before it was kept.
   */
  dailyReturns?: number;
}

/** Days of returns before a yearly figure is shown: a month, as common backtest reports ask. */
export const MIN_DAYS_TO_ANNUALISE = 30;
/** The metrics that project a run onto a year. */
export const ANNUALISED_METRICS = ['cagr', 'sharpe', 'sortino', 'calmar'] as const;

/** Whether the run is long enough for its yearly figures to mean something. */
export function isAnnualisable(metrics: BacktestMetrics): boolean {
  return metrics.dailyReturns === undefined || metrics.dailyReturns >= MIN_DAYS_TO_ANNUALISE;
}

/** A round trip: from opening a position to closing it. */
/** A backtest's closed trade: a round trip on the run's one symbol. */
export type BacktestTrade = RoundTrip;

export interface EquityPoint {
  ts: number;
  equity: number;
  drawdown: number;
}

export interface BacktestSummary {
  runId: string;
  createdAt: number;
  request: BacktestRequest;
  metrics: BacktestMetrics;
  events: number;
  durationMs: number;
}

export interface BacktestResult extends BacktestSummary {
  trades: BacktestTrade[];
  /** Downsampled to at most ~2,000 points for the chart. */
  equity: EquityPoint[];
  fills: { ts: number; side: 'buy' | 'sell'; price: number; size: number }[];
  /**
   * The run's price from the prints it replayed, at most ~2,000 bars: of the request's timeframe or a
   * whole multiple of it (each candle's `timeframe` names the request's). Oldest first.
   */
  candles: Candle[];
}

export interface DatasetInfo {
  id: string;
  name: string;
  kind: 'candles' | 'trades';
  symbol: string;
  timeframe: string | null; // candles only
  from: number;
  to: number;
  rows: number;
  origin: 'sample' | 'user' | 'exchange-cache';
}

export interface BacktestProgress {
  runId: string;
  processed: number; // candles for a candle dataset, market events otherwise
  total: number;
  eventsPerSecond: number;
  state: 'loading' | 'running' | 'done' | 'cancelled' | 'failed';
  message?: string; // a sentence for 'failed', or what is loading ("downloading candles 3/10")
}

export interface SweepCell {
  values: Record<string, number>;
  metrics: BacktestMetrics | null; // null until run
  /** The run in the runs list, when the sweep keeps its runs. */
  runId?: string;
}

export interface SweepProgress {
  sweepId: string;
  done: number;
  total: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  cells: SweepCell[];
  message?: string;
}

/** The base request with one cell's values in place: the backtest that cell stands for. */
export function cellRequest(base: BacktestRequest, cell: SweepCell): BacktestRequest {
  return { ...base, strategy: { ...base.strategy, params: { ...base.strategy.params, ...cell.values } } };
}
