// Prints the figures (verdicts first, then each section) and writes the same figures to bench/results.json.
import { writeFileSync } from 'node:fs';
import type { AllocationResult } from './allocation-pass.ts';
import type { BacktestRun, BacktestSection } from './backtest-pass.ts';
import type { EngineCandleResult } from './engine-candle-pass.ts';
import type { ExchangeResult } from './exchange-pass.ts';
import type { LatencySection } from './latency-pass.ts';
import type { MemoryResult } from './memory-pass.ts';
import type { CpuProfileSummary } from './profile.ts';
import type { Summary } from './stats.ts';
import type { SweepResult } from './sweep-pass.ts';
import type { UiResult } from './ui-pass.ts';
import { compact, loadText, TARGETS, type SectionLoad, type Verdict } from './verdicts.ts';

export type { SectionLoad };

/** Issue #4's UI target, kept with its section. */
const UI_MESSAGES_PER_SECOND = 30;

type Failed = { error: string };

export interface BenchReport {
  when: string;
  node: string;
  cpu: string;
  gcExposed: boolean;
  wallSeconds: number;
  /** 1, 5 and 15 minute load averages when the bench started and ended, and around each section. */
  loadAverage: { before: number[]; after: number[]; sections: Record<string, SectionLoad> };
  targets: typeof TARGETS;
  verdicts: Verdict[];
  engine: EngineCandleResult[] | Failed;
  latency: LatencySection | Failed;
  backtest: BacktestSection | Failed;
  sweep: SweepResult | Failed;
  allocation: AllocationResult | Failed;
  memory: MemoryResult | Failed;
  ui: UiResult[] | Failed;
  exchange: ExchangeResult | Failed;
}

const us = (ns: number): string => (ns / 1000).toFixed(ns < 10_000 ? 2 : 1);
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (n: number): string => n.toFixed(2);
const loads = (l: number[]): string => l.map((x) => x.toFixed(2)).join('/');
const failedLine = (x: Failed): string => `  FAILED: ${x.error}`;

const LABEL = 44;
const HEAD = `${' '.repeat(2 + LABEL)}${['count', 'median', 'p99', 'p99.9'].map((h, i) => h.padStart(i === 0 ? 10 : 9)).join('')}${'max'.padStart(10)}`;

function row(label: string, s: Summary, note = ''): string {
  const cells = [int(s.count).padStart(10), us(s.median).padStart(9), us(s.p99).padStart(9), us(s.p999).padStart(9), us(s.max).padStart(10)];
  return `  ${label.padEnd(LABEL)}${cells.join('')}  ${note}`;
}

export function printReport(r: BenchReport): void {
  const busy = r.loadAverage.before[0] > 1 || r.loadAverage.after[0] > 2.5;
  const lines = [
    `HFT Desk bench (issue 12: per candle, per trade) - node ${r.node}, ${r.cpu}, GC exposed: ${r.gcExposed ? 'yes' : 'no (use npm run bench)'}`,
    `load average ${loads(r.loadAverage.before)} at start, ${loads(r.loadAverage.after)} at end${busy ? '  <- BUSY MACHINE: other processes ran, timings are pessimistic' : ''}`,
    '',
    ...verdictLines(r.verdicts),
    '',
    ...engineLines(r.engine, r.loadAverage.sections),
    '',
    ...latencyLines(r.latency, r.loadAverage.sections.latency),
    '',
    ...backtestLines(r.backtest, r.loadAverage.sections.backtest),
    '',
    ...sweepLines(r.sweep, r.loadAverage.sections.sweep),
    '',
    ...allocationLines(r.allocation, r.loadAverage.sections.allocation),
    '',
    ...memoryLines(r.memory, r.loadAverage.sections.memory),
    '',
    ...profileLines(r),
    '',
    ...uiLines(r.ui),
    '',
    ...exchangeLines(r.exchange),
    '',
    `Wall time ${r.wallSeconds.toFixed(1)} s; figures also in bench/results.json.`,
  ];
  console.log(lines.join('\n'));
}

function verdictLines(v: Verdict[]): string[] {
  const lines = [
    'VERDICTS (issue 12 targets; the factor is measured / target, for "<=" targets target / measured: >= 1.00x passes)',
    `       ${'measure'.padEnd(52)} ${'measured'.padStart(18)}  ${'target'.padEnd(8)} ${'factor'.padStart(7)}  load (1 min, start -> end)`,
  ];
  for (const x of v) {
    const factor = (Number.isNaN(x.factor) ? '-' : `${x.factor.toFixed(x.factor < 0.01 && x.factor > 0 ? 4 : 2)}x`).padStart(7);
    lines.push(`  ${x.pass ? 'PASS' : 'MISS'} ${x.measure.padEnd(52)} ${x.measured.padStart(18)}  ${x.target.padEnd(8)} ${factor}  ${x.load.padEnd(14)}${x.note ? `  ${x.note}` : ''}`);
  }
  return lines;
}

function engineLines(engine: BenchReport['engine'], sections: Record<string, SectionLoad>): string[] {
  const title = 'ENGINE PER CLOSED CANDLE, one core: ReplayFeed -> Engine -> risk -> PaperBroker, FileJournal (append log; SQLite projected on its own thread)';
  if ('error' in engine) return [title, failedLine(engine)];
  const lines = [
    title,
    `  ${'strategy'.padEnd(16)}${'candles/s'.padStart(11)}${'events/s'.padStart(11)}${'cand/cpu-s'.padStart(12)}${'runs (candles/s)'.padStart(26)}${'signals/1k'.padStart(12)}${'orders/1k'.padStart(11)}`,
  ];
  for (const e of engine) {
    lines.push(
      `  ${e.strategy.padEnd(16)}${int(e.candlesPerSecond).padStart(11)}${int(e.eventsPerSecond).padStart(11)}${int(e.candlesPerCpuSecond).padStart(12)}${e.repeatsCandlesPerSecond.map((x) => compact(x)).join(' / ').padStart(26)}${e.signalsPer1kCandles.toFixed(1).padStart(12)}${e.ordersPer1kCandles.toFixed(1).padStart(11)}  load ${loadText(sections[`engine ${e.strategy}`])}`,
    );
  }
  lines.push(`  latency (µs), one instrumented run each: per candle | per event side by side`, HEAD);
  for (const e of engine) {
    lines.push(` ${e.strategy}: ${int(e.candles)} candles, ${int(e.events)} events; two clock reads cost ${e.clockReadNs} ns, inside every figure`);
    lines.push(row('whole candle (its 6 events summed)', e.perCandle));
    lines.push(row('closing event, candle with no signal', e.closingQuiet, `target median <= ${TARGETS.quietCandleMedianMicros} µs`));
    lines.push(row('closing event, candle with a signal', e.closingSignal, '(signal journaled, risk, order journaled, filled)'));
    lines.push(row('other events (3 prints, book, ticker)', e.otherEvents));
  }
  const e0 = engine[0];
  lines.push(
    `  Input: CandleStream, a seeded random walk of 1m BTC/USDT candles, 6 events per candle: the 4 prints of the backtest's`,
    `  candle path (open, wicks, close), then one book and one ticker quoted around the close. The first print of candle k+1`,
    `  closes candle k (the strategy runs inside it). Rates: median of ${e0?.repeatsCandlesPerSecond.length ?? 3} runs of ${int(e0?.candles ?? 0)} candles after a warm-up run, each on a fresh engine`,
    `  and journal file; timed: every push + one flush()/housekeeping() per 1,000 candles; chunks made untimed, no forced GC.`,
    `  The desk's default parameters (momentum lookback 10, 0.3%; mean reversion period 20, 2 sd), 0.05 BTC, loose risk limits.`,
  );
  return lines;
}

function latencyLines(l: BenchReport['latency'], load: SectionLoad | undefined): string[] {
  const title = 'FEED EVENT -> ORDER AT THE BROKER (µs), the live configuration: stress set (12 strategies, 1s candles), SQLite journal on a file (WAL)';
  if ('error' in l) return [title, failedLine(l)];
  const x = l.result;
  return [
    title,
    HEAD,
    ` ${int(x.events)} feed events after a ${int(l.warmupEvents)}-event warm-up engine, ${int(x.orderEvents)} order-producing, ${int(x.intents)} intents sent, ${int(x.denied)} denied; ${l.seconds.toFixed(1)} s, load ${loadText(load)}`,
    row('-> risk allowed (before order write)', x.toRisk),
    row('-> broker.submit (after journal)', x.toSubmit, 'the verdict: first intent of each order-producing event'),
    row('-> broker.submit, every intent', x.toSubmitAll, '(later intents wait for earlier ones)'),
    row('-> push returns, every feed event', x.perEvent, '(info)'),
    '  t0 read just before feed.push(); "risk allowed" includes the signal\'s journal write, broker.submit() comes after risk',
    '  and the order\'s journal write. The stream comes in 2,000-event chunks made between pushes; no GC is forced.',
  ];
}

function backtestLines(b: BenchReport['backtest'], load: SectionLoad | undefined): string[] {
  const title = `BACKTESTS, one core: runBacktest() per candle / per trade | per event (load ${loadText(load)})`;
  if ('error' in b) return [title, failedLine(b)];
  const unit = (x: BacktestRun): string => (x.data.includes('trades') ? 'trades/s' : 'candles/s');
  const line = (x: BacktestRun): string =>
    `  ${x.label.padEnd(30)}${int(x.rows).padStart(8)} rows ${int(x.rowsPerSecond).padStart(10)} ${unit(x).padEnd(9)} ${int(x.events).padStart(9)} ev ${int(x.eventsPerSecond).padStart(10)} ev/s ${int(x.eventsPerCpuSecond).padStart(10)} ev/cpu-s ${x.seconds.toFixed(3).padStart(6)} s ${int(x.trades).padStart(5)} trades${x.counted ? '' : '  (info)'}`;
  return [
    title,
    ...b.runs.map(line),
    ...b.samples.map(line),
    ...b.notes.map((n) => `  ${n}`),
    `  Building the inputs took ${b.inputSeconds.toFixed(1)} s (never timed); the samples are the shipped resources/datasets files via loadDataset.`,
  ];
}

function sweepLines(s: BenchReport['sweep'], load: SectionLoad | undefined): string[] {
  const title = `PARAMETER SWEEP, the app's worker pool (runPool) at 1 and 2 workers (load ${loadText(load)})`;
  if ('error' in s) return [title, failedLine(s)];
  const line = (x: SweepResult['one']): string =>
    `  ${`${x.workers} worker${x.workers > 1 ? 's' : ''}`.padEnd(10)}${x.seconds.toFixed(2).padStart(7)} s ${x.cellsPerSecond.toFixed(2).padStart(6)} cells/s ${int(x.candlesPerSecond).padStart(10)} candles/s ${x.cpuSeconds.toFixed(2).padStart(7)} cpu-s, ${x.coresUsed.toFixed(2)} cores busy`;
  return [
    title,
    `  ${s.cells} momentum cells (lookback x threshold) over ${int(s.candles)} 1m candles (a ${s.datasetMB.toFixed(1)} MB CSV dataset, loaded once), median of ${s.repeats.length / 2} repeats each:`,
    line(s.one),
    line(s.two),
    `  speed-up ${s.speedup.toFixed(2)}x (target >= ${TARGETS.sweepSpeedup}x); repeats (s, cores busy): ${s.repeats.map((x) => `${x.workers}w ${x.seconds.toFixed(2)} (${x.coresUsed.toFixed(1)})`).join(', ')}`,
    '  Each run starts its workers afresh, as the app does per sweep: thread start-up and cold JIT are in every figure.',
    `  Posted to a worker per job: ${int(s.bytesPostedPerJob)} B (the request, not the data); back per cell: ${int(s.bytesReturnedPerCell)} B (the outcome).`,
    `  The input is ${s.inputShared ? 'shared: one worker loads it into shared memory, the other reads that copy' : 'COPIED: each worker holds its own'}; peak JS heap per worker ${s.peakWorkerHeapMB.map((m) => `${m.toFixed(0)} MB`).join(', ')}.`,
    ...(s.failures.length > 0 ? [`  FAILED cells: ${s.failures.join('; ')}`] : []),
  ];
}

function allocationLines(a: BenchReport['allocation'], load: SectionLoad | undefined): string[] {
  const title = `ALLOCATION, bytes on the JS heap per candle (engine per-candle fixture, file journal; load ${loadText(load)})`;
  if ('error' in a) return [title, failedLine(a)];
  const t = a.selfTest;
  return [
    title,
    ...a.rows.map(
      (x) =>
        `  ${x.strategy.padEnd(15)}${x.kind.padEnd(32)}${int(x.bytesPerCandle).padStart(7)} B/candle ${(x.bytesPerCandle / 6).toFixed(0).padStart(5)} B/event  (${int(x.candles)} candles, ${int(x.signals)} signals${x.gcs > 0 ? `, ${x.gcs} GC(s) in the window: a lower bound` : ', no GC in the window'})`,
    ),
    `  Method: ${a.method}.`,
    `  Meter check: a loop of known size (${int(t.expectedBytes)} B from V8's object layout) read ${int(t.measuredBytes)} B, ${t.ratio.toFixed(4)}x${t.gcs > 0 ? ` BUT ${t.gcs} GC(s) ran: the check failed` : ', no GC'}.`,
  ];
}

function memoryLines(m: BenchReport['memory'], load: SectionLoad | undefined): string[] {
  const title = `MEMORY, one engine (momentum, 1m candles, journal on a file) on up to 10M candles, full GC before each sample (load ${loadText(load)})`;
  if ('error' in m) return [title, failedLine(m)];
  const lines = [title, `  ${'candles'.padStart(12)}${'orders'.padStart(10)}${'heap MB'.padStart(10)}${'heapTotal'.padStart(11)}${'rss MB'.padStart(9)}${'journal MB'.padStart(12)}${'at s'.padStart(8)}`];
  m.samples.forEach((s, i) => {
    const mark = i < m.baseline ? '  warm-up' : i === m.baseline ? '  <- baseline' : '';
    lines.push(
      `  ${int(s.candles).padStart(12)}${int(s.orders).padStart(10)}${mb(s.heapUsedMB).padStart(10)}${s.heapTotalMB.toFixed(1).padStart(11)}${s.rssMB.toFixed(1).padStart(9)}${s.journalMB.toFixed(1).padStart(12)}${s.seconds.toFixed(0).padStart(8)}${mark}`,
    );
  });
  lines.push(
    `  Verdict ${m.verdict.toUpperCase()} over ${int(m.candles)} of ${int(m.targetCandles)} candles${m.capped ? ` (the ${m.maxSeconds} s cap stopped it)` : ''}: heap slope ${m.heapSlopeKBPerMillion.toFixed(1)} KB per 1M candles`,
    `  (limit ±${m.heapSlopeLimitKB}), RSS slope ${m.rssSlopeMBPerMillion.toFixed(2)} MB per 1M (limit ${m.rssSlopeLimitMB}); most since the baseline: heap ${mb(m.heapGrowthMB)} MB, RSS ${m.rssGrowthMB.toFixed(1)} MB.`,
    `  A leak of 1 byte per candle would be ~977 KB per 1M on the heap. The journal's rows go to its file (its size beside),`,
    `  SQLite's page cache is bounded. ${m.seconds.toFixed(1)} s wall, ${m.engineSeconds.toFixed(1)} s in the engine (${int(m.candles / m.engineSeconds)} candles/s), in a child process of its own.`,
  );
  return lines;
}

function profileLines(r: BenchReport): string[] {
  const lines = ['CPU PROFILES, one extra untimed run per pass, top 8 frames by self time (sampled every 100 µs)'];
  const add = (name: string, p: CpuProfileSummary | undefined): void => {
    if (!p) return;
    lines.push(` ${name} (${p.ms.toFixed(0)} ms, ${int(p.samples)} samples)`);
    for (const f of p.top) lines.push(`  ${f.selfPercent.toFixed(1).padStart(5)}%  ${f.function.padEnd(28)} ${f.where}`);
  };
  if (!('error' in r.engine)) for (const e of r.engine) add(`engine per candle, ${e.strategy}`, e.profile);
  if (!('error' in r.latency)) add('feed -> order, stress set, file journal', r.latency.profile);
  if (!('error' in r.backtest)) for (const b of r.backtest.runs) add(`backtest, ${b.label}`, b.profile);
  lines.push(
    '  "(native) from X": C++ code (mostly the journal\'s append, writeSync of its log file) with its busiest JS caller.',
    '  Frames in bench/ are the harness\'s push loop, with ReplayFeed.push and whatever V8 inlined into it.',
  );
  return lines;
}

function uiLines(ui: BenchReport['ui']): string[] {
  const title = 'UI TRAFFIC, feed at 1,000 events/s of wall time, engine.flush() every 40 ms (setInterval, as the runtime)';
  if ('error' in ui) return [title, failedLine(ui)];
  const lines = [title];
  for (const u of ui) {
    lines.push(
      `  ${u.label.padEnd(14)}${int(u.events).padStart(7)} ev in ${u.seconds.toFixed(1)} s: ${u.messagesPerSecond.toFixed(1).padStart(5)} msg/s (busiest second ${u.maxMessagesInOneSecond}; ${u.deltas} deltas, ${u.snapshots} snapshots), ${int(u.bytesPerSecond).padStart(8)} B/s JSON, per message p50 ${int(u.bytesPerMessage.median)} / p99 ${int(u.bytesPerMessage.p99)} / max ${int(u.bytesPerMessage.max)} B; ${u.orders} orders`,
    );
  }
  const ok = ui.every((u) => u.messagesPerSecond <= UI_MESSAGES_PER_SECOND && u.maxMessagesInOneSecond <= UI_MESSAGES_PER_SECOND);
  lines.push(
    `  target (issue #4) <= ${UI_MESSAGES_PER_SECOND} msg/s on average and in the busiest second: ${ok ? 'PASS' : 'MISS'}. A full state.snapshot (sent once per subscribe) would be`,
    `  ${ui.map((u) => `${int(u.snapshotBytes)} B (${u.label})`).join(', ')}. Bytes: JSON.stringify of each event, UTF-8. Runs beside the memory child.`,
  );
  return lines;
}

function exchangeLines(x: BenchReport['exchange']): string[] {
  const title = 'EXCHANGE, Binance simulator -> ccxt binance over ws://127.0.0.1 -> shadow desk -> engine (µs)';
  if ('error' in x) return [title, failedLine(x)];
  const t = x.transport;
  const e = x.endToEnd;
  const lines = [
    title,
    HEAD,
    ` transport: ${int(t.printed)} trade prints, one per ${t.paceMs} ms after a warm-up, ${int(t.received)} timed at the engine`,
    row('sim ws.send(trade) -> engine listener', t.sendToEngine),
    row('sim.printTrade() -> engine listener', t.printToEngine, "(info: + the sim's own work)"),
    ` end to end: momentum 1s, lookback 2, ${int(e.printed)} prints at ${e.paceMs} ms in ${e.seconds.toFixed(1)} s, trend flips every ${e.legMs / 1000} s`,
    row('sim ws.send(closing trade) -> submit', e.sendToSubmit, `(${e.matched}/${e.intents} intents${e.sendToSubmit.count < 100 ? '; small sample: p99 = max' : ''})`),
    row('  of which ws.send -> engine listener', e.sendToEngine, '(info)'),
    row('  of which engine listener -> submit', e.engineToSubmit, '(info)'),
    "  t0: read in the sim's WebSocket send() (patched for server sockets only). t1: the engine's feed listener",
    '  (transport) or broker.submit() (end to end), shadow desk, SQLite journal on disk. Sim, ccxt and engine',
    '  share one process and event loop; no UI timers run, so candles close on the first trade of each second.',
  ];
  if (x.deskProblems.length > 0 || x.unhandledRejections > 0) {
    lines.push(`  desk log: ${x.deskProblems.length} problem line(s), ${x.unhandledRejections} unhandled rejection(s); first: ${x.deskProblems[0] ?? '-'}`);
  }
  return lines;
}

export function writeResults(path: string, r: BenchReport): void {
  writeFileSync(path, `${JSON.stringify(r, null, 2)}\n`);
}
