// One backtest. Market events (trades, the simulated market) run through the live desk's Engine,
// strategy, risk rules and PaperBroker, fed by a ReplayFeed whose clock shows the time of the event being
// replayed. Candles run through the candle loop (candle-backtest.ts), which gives the same fills, equity
// and metrics from each candle's open, high, low and close without building those events; candles it
// cannot run as the engine would are turned into events and take the event path. Both loops are
// synchronous (no await, no timers), and nothing in them reads the wall clock or Math.random, so the
// same input gives the same outcome to the cent.
import { barOpen, TIMEFRAME_MS, type MarketEvent, type SymbolInfo } from '../../shared/market.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings.ts';
import type { RoundTrip } from '../../shared/trading.ts';
import { NullJournal } from '../adapters/journal/null-journal.ts';
import { PaperBroker } from '../adapters/paper/paper-broker.ts';
import { eventSymbol, eventTime, ReplayFeed } from '../adapters/replay/replay-feed.ts';
import { Engine } from '../engine/engine.ts';
import { Portfolio } from '../engine/portfolio/portfolio.ts';
import type { Journal } from '../engine/ports.ts';
import type { BacktestControl, BacktestInput, BacktestOutcome } from './backtest-run.ts';
import { lastBarClose } from './bar-close.ts';
import { candleLoopSpan, runCandleBacktest } from './candle-backtest.ts';
import { eventsFromTrades } from './events-from-trades.ts';
import { runTradeBacktest, tradeLoopSpan } from './trade-backtest.ts';
import { tradesFromColumns } from './trade-columns.ts';
import { candlesFromColumns } from './candle-columns.ts';
import { downsampleEquity } from './downsample.ts';
import { EquityCurve } from './equity-curve.ts';
import { eventsFromCandles } from './events-from-candles.ts';
import { tapFills } from './fill-tap.ts';
import { computeMetrics } from './metrics.ts';
import { PriceCandles, priceBarMs } from './price-candles.ts';
import { RoundTrips } from '../engine/portfolio/round-trips.ts';
import { strategyConfigFor, type NewStrategyConfig } from './strategy-params.ts';

const DEFAULT_PROGRESS_EVERY = 10_000;

/**
 * Runs the request's strategy over the input's events or candles that fall in [request.from, request.to)
 * (a candle by its open time).
 *
 * Async only because Engine.start() is (it awaits the feed's chart history); that happens once before
 * the first event, and the event loop after it never awaits. `journal` lets a caller keep the run's
 * journal to read its signals and orders (candles and prints then take the event path); by default nothing is
 * journaled (NullJournal on the event path, none on the candle loop).
 * Throws a sentence for a bad strategy parameter or a span with no data.
 */
export async function runBacktest(input: BacktestInput, control: BacktestControl = {}, journal?: Journal): Promise<BacktestOutcome> {
  const { request } = input;
  // Spot unless the request says margin (or the data is a market that can go short): a backtest
  // promises only what the venue allows.
  const info: SymbolInfo = { ...input.symbol, market: request.market ?? input.symbol.market };
  if (request.symbol !== info.symbol) {
    throw new Error(`The backtest asks for ${request.symbol} but its market data is for ${info.symbol}.`);
  }
  const strategy = strategyConfigFor(request);
  const terms = { request, info, riskLimits: input.riskLimits, strategy };
  if (input.candles !== undefined) {
    const columns = input.candles;
    const span = journal === undefined ? candleLoopSpan(columns, request) : null;
    if (span !== null) return runCandleBacktest({ ...terms, columns, span }, control);
    const candles = candlesFromColumns(columns, info.symbol).filter((c) => c.openTime >= request.from && c.openTime < request.to);
    return runEvents(input, eventsFromCandles(candles, info), info, strategy, control, journal);
  }
  if (input.trades !== undefined) {
    const columns = input.trades;
    const span = journal === undefined ? tradeLoopSpan(columns, request) : null;
    if (span !== null) return runTradeBacktest({ ...terms, columns, span }, control);
    const trades = tradesFromColumns(columns, info.symbol).filter((t) => t.ts >= request.from && t.ts < request.to);
    return runEvents(input, eventsFromTrades(trades, info), info, strategy, control, journal);
  }
  return runEvents(input, input.events, info, strategy, control, journal);
}

async function runEvents(
  input: BacktestInput,
  events: readonly MarketEvent[],
  info: SymbolInfo,
  strategy: NewStrategyConfig,
  control: BacktestControl,
  journal: Journal | undefined,
): Promise<BacktestOutcome> {
  const { request } = input;
  const periodMs = TIMEFRAME_MS[request.timeframe];
  const span = scanSpan(events, info.symbol, request.from, request.to, periodMs);
  const start = barOpen(span.firstTs, periodMs);

  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    startingCapital: request.startingCapital,
    // Replayed data cannot drop a connection: its quiet stretches are the data's own spacing (a
    // candle's four synthetic prints sit 20 s apart), not an outage. The stale-feed rule guards against
    // outages live; here it is widened to the widest gap the data has, so that spacing does not pause
    // trading. Denser data (the simulator's 100 ms steps) keeps the desk's limit unchanged.
    riskLimits: { ...input.riskLimits, staleFeedMs: Math.max(input.riskLimits.staleFeedMs, span.widestGapMs) },
  };

  // The engine shows its account only in snapshots built for the UI, far too heavy to take at every
  // bar. The curve instead follows the engine's own Portfolio class, fed the same fills (as the
  // journal accepts them) and the same marks (each ticker's mid): the same arithmetic on the same
  // inputs, so the same equity to the cent.
  const portfolio = new Portfolio(request.startingCapital, [info]);
  const trips = new RoundTrips(info);
  const trades: RoundTrip[] = [];
  const fills: BacktestOutcome['fills'] = [];
  const base = journal ?? new NullJournal();
  const tapped = tapFills(base, (fill) => {
    portfolio.applyFill(fill);
    const trade = trips.onFill(fill);
    if (trade !== null) trades.push(trade);
    fills.push({ ts: fill.ts, side: fill.side, price: fill.price, size: fill.size });
  });
  const feed = new ReplayFeed({ symbols: [info], source: 'backtest', startTime: start });
  const engine = new Engine({ feed, broker: new PaperBroker({ symbols: [info], clock: feed.clock }), journal: tapped, clock: feed.clock, settings });
  try {
    await engine.start();
    // A fresh journal gives the engine the desk's default strategies, inactive; a backtest runs one.
    for (const view of engine.snapshot().strategies) engine.removeStrategy(view.config.id);
    engine.setStrategyActive(engine.createStrategy(strategy), true);

    const curve = new EquityCurve(request.startingCapital);
    curve.record(start, request.startingCapital);
    const prices = new PriceCandles(info.symbol, request.timeframe, start, priceBarMs(start, span.lastTs, periodMs));
    const processed = replay({ request, events, symbol: info.symbol, control, span, periodMs, start, engine, feed, portfolio, curve, prices });
    const metrics = computeMetrics(curve, trades, portfolio.feesPaid, request.startingCapital, trips.openSince);
    return { metrics, trades, equity: downsampleEquity(curve), fills, candles: prices.finish(), events: processed };
  } finally {
    engine.stop();
    if (journal === undefined) base.close();
  }
}

interface Span {
  firstIndex: number;
  firstTs: number;
  /** The last event of the symbol inside [from, to). */
  lastTs: number;
  /** Events of the symbol inside [from, to). */
  count: number;
  /** The longest stretch without an event, including from the last event to the close of its bar. */
  widestGapMs: number;
}

/** One pass before the run: where the span starts, how many events it holds, and that they are in order. */
function scanSpan(events: readonly MarketEvent[], symbol: string, from: number, to: number, periodMs: number): Span {
  let firstIndex = -1;
  let firstTs = 0;
  let lastTs = 0;
  let count = 0;
  let widestGapMs = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const ts = eventTime(event);
    if (count > 0 && ts < lastTs) {
      throw new Error(`Market events must be in time order: event ${i + 1} at ${iso(ts)} comes after one at ${iso(lastTs)}.`);
    }
    if (ts >= to) break;
    if (ts < from || eventSymbol(event) !== symbol) continue;
    if (count === 0) {
      firstIndex = i;
      firstTs = ts;
    } else {
      widestGapMs = Math.max(widestGapMs, ts - lastTs);
    }
    lastTs = ts;
    count++;
  }
  if (count === 0) throw new Error(`There is no ${symbol} market data between ${iso(from)} and ${iso(to)}.`);
  widestGapMs = Math.max(widestGapMs, lastBarClose(lastTs, periodMs, to) - lastTs);
  return { firstIndex, firstTs, lastTs, count, widestGapMs };
}

interface ReplayState {
  request: BacktestInput['request'];
  events: readonly MarketEvent[];
  symbol: string;
  control: BacktestControl;
  span: Span;
  periodMs: number;
  start: number;
  engine: Engine;
  feed: ReplayFeed;
  portfolio: Portfolio;
  curve: EquityCurve;
  prices: PriceCandles;
}

/**
 * The hot loop. Before the first event at or after each bar boundary, the clock is set to the boundary
 * and the engine's housekeeping runs: the bar's candle closes at its true close time (quiet markets
 * included), the strategy sees it, and any order it sends meets the book as it stood at the close.
 * Then the account's value is recorded for that bar. Returns the events replayed.
 */
function replay(state: ReplayState): number {
  const { request, events, symbol, control, span, periodMs, engine, feed, portfolio, curve, prices } = state;
  const every = Math.max(1, control.progressEvery ?? DEFAULT_PROGRESS_EVERY);
  let nextBoundary = state.start + periodMs;
  let lastTs = span.firstTs;
  let processed = 0;
  const closeBar = (at: number): void => {
    feed.clock.set(at);
    engine.housekeeping();
    curve.record(at, portfolio.equity);
  };

  for (let i = span.firstIndex; i < events.length; i++) {
    const event = events[i];
    const ts = eventTime(event);
    if (ts >= request.to) break;
    if (ts < request.from || eventSymbol(event) !== symbol) continue;
    while (ts >= nextBoundary) {
      closeBar(nextBoundary);
      nextBoundary += periodMs;
    }
    // The engine marks its portfolio at the mid of each ticker; ours follows the same marks.
    if (event.type === 'ticker') portfolio.mark(symbol, (event.ticker.bid + event.ticker.ask) / 2);
    feed.push(event);
    prices.onEvent(event, ts);
    lastTs = ts;
    processed++;
    if (processed % every === 0) {
      control.onProgress?.(processed, span.count);
      if (control.shouldStop?.() === true) break;
    }
  }
  closeBar(lastBarClose(lastTs, periodMs, request.to));
  control.onProgress?.(processed, span.count);
  return processed;
}

function iso(ts: number): string {
  return new Date(ts).toISOString();
}
