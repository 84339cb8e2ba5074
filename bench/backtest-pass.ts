// Backtest throughput: runBacktest() (src/main/backtest/run-backtest.ts, what a backtest worker runs), one
// core, nothing else of the bench running. The live desk's strategy, risk limits and fill rules, through
// runBacktest's public signature with the input the app gives a dataset: candles or trade prints as
// columns (the candle and trade loops, no events built). Four timed runs, a target each:
//   candles: the simulated market's 1m history, a year of it (525,600 candles), as candle columns
//   trades:  the simulated market's BTC/USDT prints (270,000 from two 6 h spans of eventsFromSimulation) as
//            trade columns (the trade loop, no events built)
// each with momentum and with mean reversion (the desk's default parameters, an order size for BTC).
// Plus the shipped sample datasets through the worker's own loader, loadSource (info: small, ~0.1 s a run).
// Each run repeats: the first repeat warms up and is not counted, the median of the others is reported.
// One input is held at a time: a run's GC marks the whole input, so holding them all would slow every run.
// Rates are per row of the dataset (candles/s, trades/s: what a trader's data is counted in) and per
// unit runBacktest reports as processed (candles or prints).
// A full GC runs before each repeat, untimed: a worker runs one backtest then idles, and without it a run
// would pay for the previous run's garbage. That GC also drops the optimized code that held on to the
// previous run's objects (V8: "embedded weak objects cleared"), so each run compiles its hot paths again,
// ~50 ms: a run of a few weeks of candles pays it in full, a year's run hardly. Plus one more run of each
// under the CPU profiler.
import type { BacktestRequest } from '../src/shared/backtest.ts';
import type { Trade } from '../src/shared/market.ts';
import { DEFAULT_RISK_LIMITS } from '../src/shared/risk.ts';
import { SimulatedMarket } from '../src/main/adapters/sim/simulated-market.ts';
import type { BacktestInput, BacktestOutcome } from '../src/main/backtest/backtest-run.ts';
import { loadSource, sourceRows, type LoadedSource } from '../src/main/backtest/backtest-worker-source.ts';
import { candleColumns } from '../src/main/backtest/candle-columns.ts';
import type { DatasetDir } from '../src/main/backtest/datasets.ts';
import { eventsFromSimulation, MAX_SIMULATION_MS, simulationSymbolInfo } from '../src/main/backtest/events-from-simulation.ts';
import { tradeColumns } from '../src/main/backtest/trade-columns.ts';
import { runBacktest } from '../src/main/backtest/run-backtest.ts';
import { START } from './engine-fixture.ts';
import { cpuProfile, type CpuProfileSummary } from './profile.ts';

export interface BacktestOptions {
  candles: number;
  /** Trade prints (each becomes 3 events). */
  trades: number;
  repeats: number;
  sampleRepeats: number;
  seed: number;
}

export const BACKTEST_DEFAULTS: BacktestOptions = { candles: 525_600, trades: 270_000, repeats: 4, sampleRepeats: 4, seed: 11 };

type Kind = BacktestRequest['strategy']['kind'];

export interface BacktestRun {
  label: string;
  data: 'candles' | 'trades' | 'sample candles' | 'sample trades';
  strategy: Kind;
  /** False for the info rows (the shipped samples). */
  counted: boolean;
  rows: number;
  events: number;
  /** The median counted repeat. */
  seconds: number;
  /** Rows of the dataset (candles or trade prints) per second, median repeat. */
  rowsPerSecond: number;
  eventsPerSecond: number;
  /** Events per second of process CPU time (user + system, all threads), median repeat: steadier on a shared machine. */
  eventsPerCpuSecond: number;
  repeatsRowsPerSecond: number[];
  trades: number;
  fills: number;
  totalReturn: number;
  /** The counted runs only: one extra run under the CPU profiler. */
  profile?: CpuProfileSummary;
}

export interface BacktestSection {
  /** Timed runs (issue #4's target applies to each). */
  runs: BacktestRun[];
  /** The shipped samples, for scale. */
  samples: BacktestRun[];
  inputSeconds: number;
  notes: string[];
}

const SYMBOL = 'BTC/USDT';
/** The desk's default parameters; the mean-reversion default's size (1, for ETH) would be 60k USDT of BTC. */
const ORDER_SIZE = 0.05;
const CAPITAL = 100_000;
/** Wider than both shipped samples, so a run reads each whole. */
const SAMPLE_SPAN = [Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)] as const;

interface InputSet {
  data: BacktestRun['data'];
  /** The venue rules and the history, as the worker's loader gives them. */
  loaded: LoadedSource;
  timeframe: BacktestRequest['timeframe'];
  from: number;
  to: number;
  rows: number;
  source: BacktestRequest['source'];
}

export async function runBacktestSection(options: BacktestOptions = BACKTEST_DEFAULTS): Promise<BacktestSection> {
  const runs: BacktestRun[] = [];
  const samples: BacktestRun[] = [];
  let inputMs = 0;
  const build = (make: () => InputSet): InputSet => {
    const t = performance.now();
    const set = make();
    inputMs += performance.now() - t;
    return set;
  };
  const inputs: (() => InputSet)[] = [() => candleInput(options), () => tradeInput(options)];
  for (const make of inputs) {
    let set: InputSet | undefined = build(make);
    for (const kind of ['momentum', 'mean-reversion'] as const) runs.push(await timeRuns(set, kind, options.repeats, true));
    set = undefined; // released before the next input is built
  }
  const dirs = [{ dir: new URL('../resources/datasets', import.meta.url).pathname, origin: 'sample' as const }];
  for (const [id, data] of [['sample:BTC-USDT_1m.csv', 'sample candles'], ['sample:BTC-USDT_trades.csv', 'sample trades']] as const) {
    const set = build(() => sampleInput(id, data, dirs));
    for (const kind of ['momentum', 'mean-reversion'] as const) samples.push(await timeRuns(set, kind, options.sampleRepeats, false));
  }
  return {
    runs,
    samples,
    inputSeconds: inputMs / 1000,
    notes: [
      `Strategies: the desk's default parameters (momentum lookback 10, threshold 0.3%; mean reversion period 20, 2 sd) at ${ORDER_SIZE} BTC,`,
      `on 1m candles; the desk's default risk limits; ${CAPITAL.toLocaleString('en-US')} USDT. Rates: median of ${options.repeats - 1} repeats after a warm-up (wall clock,`,
      `the run loop is single-threaded), a full GC before each (untimed); ev/cpu-s counts every thread, V8's GC helpers on the other core too.`,
      `Rows: candles or trade prints, read as columns by the candle and trade loops (no events built).`,
    ],
  };
}

async function timeRuns(set: InputSet, kind: Kind, repeats: number, counted: boolean): Promise<BacktestRun> {
  const request: BacktestRequest = {
    strategy: { kind, params: { orderSize: ORDER_SIZE } },
    symbol: set.loaded.symbol.symbol,
    timeframe: set.timeframe,
    from: set.from,
    to: set.to,
    source: set.source,
    startingCapital: CAPITAL,
  };
  const input: BacktestInput = { request, riskLimits: DEFAULT_RISK_LIMITS, ...set.loaded };
  const timings: { seconds: number; cpu: number }[] = [];
  let outcome: BacktestOutcome | undefined;
  for (let r = 0; r < repeats; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const cpu = process.cpuUsage();
    const t = process.hrtime.bigint();
    outcome = await runBacktest(input);
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    const used = process.cpuUsage(cpu);
    if (r > 0 || repeats === 1) timings.push({ seconds, cpu: (used.user + used.system) / 1e6 });
  }
  const done = outcome!;
  const bySeconds = [...timings].sort((a, b) => a.seconds - b.seconds);
  const byCpu = [...timings].sort((a, b) => a.cpu - b.cpu);
  const mid = (timings.length - 1) >> 1;
  return {
    label: `${set.data}, ${kind}`,
    data: set.data,
    strategy: kind,
    counted,
    rows: set.rows,
    events: done.events,
    seconds: bySeconds[mid].seconds,
    rowsPerSecond: set.rows / bySeconds[mid].seconds,
    eventsPerSecond: done.events / bySeconds[mid].seconds,
    eventsPerCpuSecond: done.events / byCpu[mid].cpu,
    repeatsRowsPerSecond: timings.map((x) => set.rows / x.seconds),
    trades: done.trades.length,
    fills: done.fills.length,
    totalReturn: done.metrics.totalReturn,
    ...(counted ? { profile: await cpuProfile(() => runBacktest(input)) } : {}),
  };
}

function candleInput(options: BacktestOptions): InputSet {
  const info = simulationSymbolInfo(SYMBOL);
  const candles = new SimulatedMarket({ seed: options.seed, startTime: START }).history(SYMBOL, '1m', options.candles);
  const from = candles[0].openTime;
  const to = candles[candles.length - 1].openTime + 60_000;
  return { data: 'candles', loaded: { symbol: info, candles: candleColumns(candles, '1m') }, timeframe: '1m', from, to, rows: candles.length, source: { kind: 'simulated', seed: options.seed } };
}

function tradeInput(options: BacktestOptions): InputSet {
  const info = simulationSymbolInfo(SYMBOL);
  const trades: Trade[] = [];
  // Consecutive 6 h spans of the simulated market (its longest per call), prints only, a seed per span
  // (each span starts again from the symbol's opening price: a jump at the seams, harmless here).
  for (let span = 0, from = START; trades.length < options.trades; span++, from += MAX_SIMULATION_MS) {
    for (const event of eventsFromSimulation(options.seed + span, SYMBOL, from, from + MAX_SIMULATION_MS)) {
      if (event.type === 'trade') trades.push(event.trade);
    }
  }
  trades.length = options.trades;
  const from = trades[0].ts;
  const to = trades[trades.length - 1].ts + 1;
  return { data: 'trades', loaded: { symbol: info, trades: tradeColumns(trades) }, timeframe: '1m', from, to, rows: trades.length, source: { kind: 'simulated', seed: options.seed } };
}

function sampleInput(id: string, data: BacktestRun['data'], dirs: DatasetDir[]): InputSet {
  const [from, to] = SAMPLE_SPAN;
  const request: BacktestRequest = { strategy: { kind: 'momentum', params: {} }, symbol: SYMBOL, timeframe: '1m', from, to, source: { kind: 'dataset', id }, startingCapital: CAPITAL };
  const loaded = loadSource({ jobId: id, request, riskLimits: DEFAULT_RISK_LIMITS, datasetDirs: dirs, historyFile: '' });
  return { data, loaded, timeframe: '1m', from, to, rows: sourceRows(loaded), source: request.source };
}
