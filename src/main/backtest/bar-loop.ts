// What the two loops that run without market events share (candle-backtest.ts on candles,
// trade-backtest.ts on trade prints): the strategy, the desk's order path (candle-desk.ts), the bars
// closed at their boundaries as the engine's housekeeping closes them, the equity curve recorded at
// each, the result chart's price bars and the outcome.
import { TIMEFRAME_MS, type Candle, type SymbolInfo } from '../../shared/market.ts';
import type { RiskLimits } from '../../shared/risk.ts';
import type { BacktestRequest } from '../../shared/backtest.ts';
import type { StrategyConfig } from '../../shared/strategy.ts';
import { createStrategy } from '../engine/strategies/create-strategy.ts';
import type { CandleStrategy } from '../engine/strategies/candle-strategy.ts';
import type { BacktestControl, BacktestOutcome } from './backtest-run.ts';
import { lastBarClose } from './bar-close.ts';
import { CandleDesk } from './candle-desk.ts';
import { downsampleEquity } from './downsample.ts';
import { EquityCurve } from './equity-curve.ts';
import { computeMetrics } from './metrics.ts';
import { PriceCandles, priceBarMs } from './price-candles.ts';
import type { NewStrategyConfig } from './strategy-params.ts';

const DEFAULT_PROGRESS_EVERY = 10_000;

/** Rows between progress reports (and stop checks). */
export function progressEvery(control: BacktestControl): number {
  return Math.max(1, control.progressEvery ?? DEFAULT_PROGRESS_EVERY);
}

/** The rows [first, end) of a dataset's columns that a run covers. */
export interface RowSpan {
  first: number;
  end: number;
}

export interface LoopTerms {
  request: BacktestRequest;
  /** The venue rules, with the request's market. */
  info: SymbolInfo;
  riskLimits: RiskLimits;
  strategy: NewStrategyConfig;
}

export class BarLoop {
  readonly desk: CandleDesk;
  readonly prices: PriceCandles;
  /** The bar being built, as the engine's candle aggregator builds it; one object, reused. */
  readonly candle: Candle;
  readonly periodMs: number;
  private readonly strategy: CandleStrategy<StrategyConfig>;
  private readonly curve: EquityCurve;
  private readonly terms: LoopTerms;
  /** The candle holds a bar that has not closed yet. */
  private pending = false;
  private nextBoundary: number;

  /** `start`: the first bar's open; `lastPrint`: the time of the last print the run will replay. */
  constructor(terms: LoopTerms, start: number, lastPrint: number) {
    const { request, info, riskLimits } = terms;
    this.terms = terms;
    this.periodMs = TIMEFRAME_MS[request.timeframe];
    this.strategy = createStrategy({ ...terms.strategy, id: `${terms.strategy.kind}-${info.base.toLowerCase()}`, active: true } as StrategyConfig);
    this.desk = new CandleDesk({ info, limits: riskLimits, startingCapital: request.startingCapital, start });
    this.curve = new EquityCurve(request.startingCapital);
    this.curve.record(start, request.startingCapital);
    this.prices = new PriceCandles(info.symbol, request.timeframe, start, priceBarMs(start, lastPrint, this.periodMs));
    this.candle = { symbol: info.symbol, timeframe: request.timeframe, openTime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0, closed: true };
    this.nextBoundary = start + this.periodMs;
  }

  /** Closes every bar whose boundary has passed by `ts`: the time of the next print. */
  advanceTo(ts: number): void {
    while (ts >= this.nextBoundary) {
      this.closeBar(this.nextBoundary);
      this.nextBoundary += this.periodMs;
    }
  }

  /** The next prints open a new bar at `openTime`, with its first print's price and size. */
  openBar(openTime: number, price: number, size: number): void {
    const candle = this.candle;
    this.pending = true;
    candle.openTime = openTime;
    candle.open = candle.high = candle.low = candle.close = price;
    candle.volume = size;
  }

  /** The housekeeping tick at a bar boundary: the bar's candle closes, the strategy sees it, the account is recorded. */
  private closeBar(at: number): void {
    const desk = this.desk;
    desk.at(at);
    if (this.pending && this.candle.openTime + this.periodMs <= at) {
      this.pending = false;
      const signal = this.strategy.signalFor(this.candle);
      if (signal !== null) desk.onSignal(this.strategy, signal);
    }
    desk.housekeeping();
    this.curve.record(at, desk.portfolio.equity);
  }

  /** Closes the bar of the last print replayed and gives the outcome; `processed` of `total` rows were replayed. */
  finish(lastTs: number, processed: number, total: number, control: BacktestControl): BacktestOutcome {
    const { request } = this.terms;
    this.closeBar(lastBarClose(lastTs, this.periodMs, request.to));
    control.onProgress?.(processed, total);
    const { portfolio, trips, trades } = this.desk;
    const metrics = computeMetrics(this.curve, trades, portfolio.feesPaid, request.startingCapital, trips.openSince);
    return { metrics, trades, equity: downsampleEquity(this.curve), fills: this.desk.fills, candles: this.prices.finish(), events: processed };
  }
}
