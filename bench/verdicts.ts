// Issue 12's targets (one core, medians of 3 runs, load recorded) and one verdict line per target:
// what was measured, the target, and the margin as a factor (>= 1.00x passes; for "at most" targets the
// factor is target / measured, so it reads the same way: 0.70x means 30% short of the target).
import type { BacktestRun, BacktestSection } from './backtest-pass.ts';
import type { EngineCandleResult } from './engine-candle-pass.ts';
import type { LatencySection } from './latency-pass.ts';
import type { MemoryResult } from './memory-pass.ts';
import type { SweepResult } from './sweep-pass.ts';

export const TARGETS = {
  /** Engine path per closed candle (6 events), journal on a file. */
  engineCandlesPerSecond: { momentum: 3_000_000, 'mean-reversion': 1_000_000 },
  /** A candle with no signal: its closing event in -> done, median. */
  quietCandleMedianMicros: 0.3,
  /** Feed event -> order at the broker, file journal (the live configuration). */
  feedToOrderMicros: { p50: 5, p99: 25, p999: 100 },
  minOrderEvents: 20_000,
  backtestCandlesPerSecond: { momentum: 3_000_000, 'mean-reversion': 1_000_000 },
  backtestTradesPerSecond: 3_000_000,
  sweepSpeedup: 1.8,
  memoryCandles: 10_000_000,
};

export interface Verdict {
  measure: string;
  measured: string;
  target: string;
  /** >= 1 passes. NaN when the section did not run or the target is yes/no. */
  factor: number;
  pass: boolean;
  /** The load average around the section that measured it (1-minute figure at its start and end). */
  load: string;
  note?: string;
}

type Failed = { error: string };

/** The 1, 5 and 15 minute load averages as a section started and as it ended. */
export interface SectionLoad {
  start: number[];
  end: number[];
}

/** "1.39 -> 1.76": the 1-minute load average at the section's start and end; above 2 (the cores) figures suffer. */
export function loadText(l: SectionLoad | undefined): string {
  return l ? `${l.start[0].toFixed(2)} -> ${l.end[0].toFixed(2)}` : '?';
}

const failed = (x: object): x is Failed => 'error' in x;

export interface VerdictInputs {
  engine: EngineCandleResult[] | Failed;
  latency: LatencySection | Failed;
  backtest: BacktestSection | Failed;
  sweep: SweepResult | Failed;
  memory: MemoryResult | Failed;
}

/** 3,000,000 -> "3M", 93,512 -> "93.5k", 0.31 -> "0.31". */
export function compact(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 1e6) return `${+(n / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${+(n / 1e3).toPrecision(3)}k`;
  return `${+n.toPrecision(3)}`;
}

type Draft = Omit<Verdict, 'load'>;

const atLeast = (measure: string, value: number, target: number, unit: string, note?: string): Draft => ({
  measure,
  measured: `${compact(value)} ${unit}`,
  target: `>= ${compact(target)}`,
  factor: value / target,
  pass: value >= target,
  ...(note ? { note } : {}),
});
const atMost = (measure: string, value: number, target: number, unit: string, note?: string): Draft => ({
  measure,
  measured: `${compact(value)} ${unit}`,
  target: `<= ${compact(target)}`,
  factor: target / value,
  pass: value <= target,
  ...(note ? { note } : {}),
});
const notRun = (measure: string, target: string, error: string): Draft => ({ measure, measured: 'not run', target, factor: Number.NaN, pass: false, note: error.split('\n')[0] });

/** One verdict per target; each carries the load around the section (`loads`, by section name) that measured it. */
export function verdicts(r: VerdictInputs, loads: Record<string, SectionLoad>): Verdict[] {
  const out: Verdict[] = [];
  const add = (section: string, v: Draft): void => void out.push({ ...v, load: loadText(loads[section]) });
  for (const strategy of ['momentum', 'mean-reversion'] as const) {
    const target = TARGETS.engineCandlesPerSecond[strategy];
    const e = failed(r.engine) ? undefined : r.engine.find((x) => x.strategy === strategy);
    if (!e) add(`engine ${strategy}`, notRun(`engine per closed candle, ${strategy}`, `>= ${compact(target)}`, failed(r.engine) ? r.engine.error : 'missing'));
    else add(`engine ${strategy}`, atLeast(`engine per closed candle, ${strategy}`, e.candlesPerSecond, target, 'candles/s', `${compact(e.eventsPerSecond)} events/s`));
  }
  if (!failed(r.engine)) {
    for (const e of r.engine) {
      add(`engine ${e.strategy}`, atMost(`quiet candle, closing event -> done, ${e.strategy}`, e.closingQuiet.median / 1000, TARGETS.quietCandleMedianMicros, 'µs median', `p99 ${compact(e.closingQuiet.p99 / 1000)} µs; clock reads ${e.clockReadNs} ns included`));
    }
  }
  if (failed(r.latency)) add('latency', notRun('feed event -> order at the broker, file journal', 'p50/p99/p99.9', r.latency.error));
  else {
    const s = r.latency.result.toSubmit;
    const n = `${compact(s.count)} order-producing events${s.count < TARGETS.minOrderEvents ? ` (fewer than ${compact(TARGETS.minOrderEvents)}: p99.9 is thin)` : ''}`;
    const t = TARGETS.feedToOrderMicros;
    add('latency', atMost('feed event -> order at broker, file journal, p50', s.median / 1000, t.p50, 'µs', n));
    add('latency', atMost('feed event -> order at broker, file journal, p99', s.p99 / 1000, t.p99, 'µs'));
    add('latency', atMost('feed event -> order at broker, file journal, p99.9', s.p999 / 1000, t.p999, 'µs'));
  }
  const runs = failed(r.backtest) ? [] : r.backtest.runs;
  const run = (data: BacktestRun['data'], strategy: BacktestRun['strategy']): BacktestRun | undefined => runs.find((b) => b.data === data && b.strategy === strategy);
  for (const strategy of ['momentum', 'mean-reversion'] as const) {
    const target = TARGETS.backtestCandlesPerSecond[strategy];
    const b = run('candles', strategy);
    if (!b) add('backtest', notRun(`backtest on candles, ${strategy}`, `>= ${compact(target)}`, failed(r.backtest) ? r.backtest.error : 'missing'));
    else add('backtest', atLeast(`backtest on candles, ${strategy}`, b.rowsPerSecond, target, 'candles/s', `${compact(b.eventsPerSecond)} events/s`));
  }
  for (const strategy of ['momentum', 'mean-reversion'] as const) {
    const b = run('trades', strategy);
    if (!b) add('backtest', notRun(`backtest on trades, ${strategy}`, `>= ${compact(TARGETS.backtestTradesPerSecond)}`, failed(r.backtest) ? r.backtest.error : 'missing'));
    else add('backtest', atLeast(`backtest on trades, ${strategy}`, b.rowsPerSecond, TARGETS.backtestTradesPerSecond, 'trades/s', `${compact(b.eventsPerSecond)} events/s`));
  }
  if (failed(r.sweep)) add('sweep', notRun('parameter sweep, 2 workers vs 1', `>= ${TARGETS.sweepSpeedup}x`, r.sweep.error));
  else {
    const w = r.sweep;
    add('sweep', {
      measure: `parameter sweep, ${w.cells} cells, 2 workers vs 1`,
      measured: `${w.speedup.toFixed(2)}x`,
      target: `>= ${TARGETS.sweepSpeedup}x`,
      factor: w.speedup / TARGETS.sweepSpeedup,
      pass: w.speedup >= TARGETS.sweepSpeedup && w.failures.length === 0,
      note: `${w.one.seconds.toFixed(1)} s vs ${w.two.seconds.toFixed(1)} s${w.failures.length > 0 ? `; ${w.failures.length} cell(s) failed` : ''}`,
    });
    add('sweep', {
      measure: 'parameter sweep, input shared, not copied per worker',
      measured: w.inputShared ? 'shared' : 'copied per worker',
      target: 'shared',
      factor: Number.NaN,
      pass: w.inputShared,
      note: `peak heap per worker ${w.peakWorkerHeapMB.map((m) => `${m.toFixed(0)} MB`).join(', ')}; ${w.bytesPostedPerJob} B posted per job`,
    });
  }
  if (failed(r.memory)) add('memory', notRun('memory over 10M candles, file journal', 'flat', r.memory.error));
  else {
    const m = r.memory;
    const reached = m.candles >= TARGETS.memoryCandles;
    add('memory', {
      measure: `memory over ${compact(TARGETS.memoryCandles)} candles, file journal`,
      measured: `${m.verdict}, ${compact(m.candles)} candles`,
      target: 'flat',
      factor: reached ? Number.NaN : m.candles / TARGETS.memoryCandles,
      pass: reached && m.verdict === 'flat',
      note: `heap and RSS, file journal included: heap ${signed(m.heapSlopeKBPerMillion)} KB, RSS ${signed(m.rssSlopeMBPerMillion)} MB per 1M candles (limits ±${m.heapSlopeLimitKB} KB, ${m.rssSlopeLimitMB} MB)${reached ? '' : `; stopped at the ${m.maxSeconds} s cap: the factor is the share of 10M reached`}`,
    });
  }
  return out;
}

const signed = (n: number): string => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;
