// Prints the figures as one compact table and writes the same figures to bench/results.json.
import { writeFileSync } from 'node:fs';
import type { BacktestRun, BacktestSection } from './backtest-pass.ts';
import type { ExchangeResult } from './exchange-pass.ts';
import type { MemoryResult } from './memory-pass.ts';
import type { LatencyResult, ThroughputResult } from './passes.ts';
import type { Summary } from './stats.ts';
import type { UiResult } from './ui-pass.ts';

/** Issue #4's targets, on this 2-core machine. */
export const TARGETS = {
  /** Feed event -> order intent (broker.submit), p99, journal in memory, over >= 1M feed events. */
  p99Micros: 100,
  minLatencyEvents: 1_000_000,
  /** Backtest throughput on one core, every run (candles and trades, both strategies). */
  backtestEventsPerSecond: 1_000_000,
  /** UI messages per second with the feed at 1,000 events/s. */
  uiMessagesPerSecond: 30,
  /** Memory after 10M events: heap flat within the section's tolerance. */
  memoryEvents: 10_000_000,
};

type Verdict = 'PASS' | 'MISS';

export interface BenchReport {
  when: string;
  node: string;
  cpu: string;
  gcExposed: boolean;
  wallSeconds: number;
  /** 1, 5 and 15 minute load averages when the bench started and ended: above the core count, figures suffer. */
  loadAverage: { before: number[]; after: number[] };
  seed: number;
  generatedEvents: number;
  targets: typeof TARGETS;
  latency: LatencyResult[];
  /** The live engine's throughput (info: issue #4's throughput target is the backtest's). */
  throughput: ThroughputResult[];
  backtest: BacktestSection | { error: string };
  ui: UiResult[] | { error: string };
  memory: MemoryResult | { error: string };
  /** The exchange section, or why it could not run. */
  exchange: ExchangeResult | { error: string };
  verdict: { latencyP99: Verdict; backtest: Verdict; ui: Verdict; memory: Verdict };
}

export function verdict(r: Pick<BenchReport, 'latency' | 'backtest' | 'ui' | 'memory'>): BenchReport['verdict'] {
  const headline = r.latency[0];
  const pass = (ok: boolean): Verdict => (ok ? 'PASS' : 'MISS');
  return {
    latencyP99: pass(headline.events >= TARGETS.minLatencyEvents && headline.toSubmit.p99 / 1000 < TARGETS.p99Micros),
    backtest: pass(!('error' in r.backtest) && r.backtest.runs.length > 0 && r.backtest.runs.every((b) => b.eventsPerSecond > TARGETS.backtestEventsPerSecond)),
    ui: pass(!('error' in r.ui) && r.ui.every((u) => u.messagesPerSecond <= TARGETS.uiMessagesPerSecond && u.maxMessagesInOneSecond <= TARGETS.uiMessagesPerSecond)),
    memory: pass(!('error' in r.memory) && r.memory.events >= TARGETS.memoryEvents && r.memory.verdict === 'flat'),
  };
}

const us = (ns: number): string => (ns / 1000).toFixed(1);
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (n: number): string => n.toFixed(2);

const LABEL = 38;

function row(label: string, s: Summary, target = ''): string {
  const cells = [int(s.count).padStart(10), us(s.median).padStart(8), us(s.p99).padStart(8), us(s.p999).padStart(8), us(s.max).padStart(9)];
  return `  ${label.padEnd(LABEL)}${cells.join('')}  ${target}`;
}

function summaryLines(r: BenchReport): string[] {
  const lines = ['TARGETS (issue #4)'];
  const l = r.latency[0];
  lines.push(
    `  1 feed event -> order intent p99    ${`${us(l.toSubmit.p99)} µs (p50 ${us(l.toSubmit.median)}, p99.9 ${us(l.toSubmit.p999)}) over ${int(l.events)} events`.padEnd(62)} < ${TARGETS.p99Micros} µs        ${r.verdict.latencyP99}`,
  );
  if ('error' in r.backtest) lines.push(`  2 backtest throughput                ${`not run: ${r.backtest.error}`.padEnd(62).slice(0, 62)} > ${int(TARGETS.backtestEventsPerSecond)} ev/s ${r.verdict.backtest}`);
  else {
    const slowest = r.backtest.runs.reduce((a, b) => (b.eventsPerSecond < a.eventsPerSecond ? b : a), r.backtest.runs[0]);
    lines.push(`  2 backtest throughput, slowest run   ${`${int(slowest?.eventsPerSecond ?? 0)} ev/s (${slowest?.label ?? '-'})`.padEnd(62)} > ${int(TARGETS.backtestEventsPerSecond)} ev/s ${r.verdict.backtest}`);
  }
  if ('error' in r.ui) lines.push(`  3 UI messages/s at 1,000 ev/s        FAILED: ${r.ui.error}`);
  else {
    const worst = r.ui.reduce((a, b) => (b.messagesPerSecond > a.messagesPerSecond ? b : a), r.ui[0]);
    lines.push(`  3 UI messages/s at 1,000 ev/s        ${`${worst.messagesPerSecond.toFixed(1)} msg/s (busiest second ${worst.maxMessagesInOneSecond}), ${int(worst.bytesPerSecond)} B/s max`.padEnd(62)} <= ${TARGETS.uiMessagesPerSecond} msg/s     ${r.verdict.ui}`);
  }
  if ('error' in r.memory) lines.push(`  4 memory over 10M events             FAILED: ${r.memory.error}`);
  else {
    const m = r.memory;
    lines.push(`  4 heap over ${int(m.events)} events       ${`${m.verdict}: ${m.heapGrowthMB >= 0 ? '+' : ''}${mb(m.heapGrowthMB)} MB after warm-up (${mb(m.samples[m.baseline].heapUsedMB)} MB base)`.padEnd(62)} flat ±${m.toleranceMB} MB     ${r.verdict.memory}`);
  }
  return lines;
}

export function printReport(r: BenchReport): void {
  const lines = [
    `HFT Desk bench - node ${r.node}, ${r.cpu}, GC exposed: ${r.gcExposed ? 'yes' : 'no (use npm run bench)'}, load average ${r.loadAverage.before.map((l) => l.toFixed(1)).join('/')} at start, ${r.loadAverage.after.map((l) => l.toFixed(1)).join('/')} at end${r.loadAverage.before[0] > 1 || r.loadAverage.after[0] > 2.5 ? '  <- BUSY MACHINE: other processes ran, timings are pessimistic' : ''}`,
    `Simulated market seed ${r.seed}, 3 symbols, ${int(r.generatedEvents)} events generated in 50k chunks for sections 1 and throughput (generation never timed).`,
    '',
    ...summaryLines(r),
    '',
    'LATENCY, push into feed -> ... (µs)  stress set: 12 strategies on 1s candles, loose risk limits',
    `${' '.repeat(2 + LABEL)}${['count', 'median', 'p99', 'p99.9'].map((h, i) => h.padStart(i === 0 ? 10 : 8)).join('')}${'max'.padStart(9)}`,
  ];
  r.latency.forEach((l, i) => {
    lines.push(` ${l.label}: ${int(l.events)} feed events, ${int(l.orderEvents)} order-producing, ${int(l.intents)} intents sent, ${int(l.denied)} denied`);
    lines.push(row('-> risk allowed (before order write)', l.toRisk));
    lines.push(row('-> broker.submit (after journal)', l.toSubmit, i === 0 ? `target p99 < ${TARGETS.p99Micros}: ${r.verdict.latencyP99}` : '(info)'));
    lines.push(row('-> broker.submit, every intent', l.toSubmitAll));
    lines.push(row('-> push returns, every feed event', l.perEvent, '(info)'));
  });
  lines.push(
    '  Rows 1-2: first intent of each order-producing event, t0 read just before feed.push(). "risk allowed"',
    '  includes the signal\'s journal write; broker.submit() comes after risk AND the order\'s journal write.',
    '  Later intents of one event wait for the earlier ones to be journaled and filled. Row 4: every event.',
    '',
    'BACKTEST THROUGHPUT, one core: runBacktest() on events in memory (candle strategy, risk, paper fills)',
  );
  if ('error' in r.backtest) lines.push(`  not run: ${r.backtest.error}`);
  else {
    const bt = (b: BacktestRun): string =>
      `  ${b.label.padEnd(30)}${int(b.rows).padStart(8)} rows ${int(b.events).padStart(10)} ev ${b.seconds.toFixed(3).padStart(6)} s ${int(b.eventsPerSecond).padStart(10)} ev/s ${int(b.eventsPerCpuSecond).padStart(10)} /cpu-s ${int(b.trades).padStart(5)} trades ${b.counted ? `> ${int(TARGETS.backtestEventsPerSecond)}: ${b.eventsPerSecond > TARGETS.backtestEventsPerSecond ? 'PASS' : 'MISS'}` : '(info)'}`;
    lines.push(...r.backtest.runs.map(bt), ...r.backtest.samples.map(bt));
    lines.push(...r.backtest.notes.map((n) => `  ${n}`), `  Building the inputs took ${r.backtest.inputSeconds.toFixed(1)} s (never timed); the samples are the shipped resources/datasets files via loadDataset.`);
  }
  lines.push('', 'ENGINE THROUGHPUT (info), one core: pushes + one flush()/housekeeping() per 50k chunk');
  for (const t of r.throughput) {
    const perK = ((1000 * t.orders) / t.events).toFixed(2);
    lines.push(
      `  ${t.label.padEnd(31)}${int(t.events).padStart(10)} ev ${t.seconds.toFixed(2).padStart(6)} s ${int(t.eventsPerSecond).padStart(10)} ev/s ${int(t.eventsPerCpuSecond).padStart(10)} /cpu-s ${perK.padStart(6)} orders/1k ev`,
    );
  }
  lines.push(
    '  default desk = its two default strategies switched on (momentum BTC, mean-reversion ETH, 1m candles);',
    '  stress set = the latency fixture; both journal every signal, order and fill to SQLite.',
    '',
  );
  lines.push(...uiLines(r.ui), '', ...memoryLines(r.memory), '', ...exchangeLines(r.exchange));
  lines.push('', `Wall time ${r.wallSeconds.toFixed(1)} s; figures also in bench/results.json.`);
  console.log(lines.join('\n'));
}

function uiLines(ui: BenchReport['ui']): string[] {
  const title = 'UI TRAFFIC, feed at 1,000 events/s of wall time, engine.flush() every 40 ms (setInterval, as the runtime)';
  if ('error' in ui) return [title, `  FAILED: ${ui.error}`];
  const lines = [title];
  for (const u of ui) {
    lines.push(
      `  ${u.label.padEnd(14)}${int(u.events).padStart(7)} ev in ${u.seconds.toFixed(1)} s: ${u.messagesPerSecond.toFixed(1).padStart(5)} msg/s (busiest second ${u.maxMessagesInOneSecond}; ${u.deltas} deltas, ${u.snapshots} snapshots), ${int(u.bytesPerSecond).padStart(8)} B/s JSON, per message p50 ${int(u.bytesPerMessage.median)} / p99 ${int(u.bytesPerMessage.p99)} / max ${int(u.bytesPerMessage.max)} B; ${u.orders} orders`,
    );
  }
  lines.push(
    `  target <= ${TARGETS.uiMessagesPerSecond} msg/s on average and in the busiest second. A full state.snapshot (sent once per subscribe) would be`,
    `  ${ui.map((u) => `${int(u.snapshotBytes)} B (${u.label})`).join(', ')}. Bytes: JSON.stringify of each event, UTF-8.`,
  );
  return lines;
}

function memoryLines(m: BenchReport['memory']): string[] {
  const title = 'MEMORY, one engine (stress set, journal :memory:) on 10M events in 50k chunks, full GC before each sample';
  if ('error' in m) return [title, `  FAILED: ${m.error}`];
  const lines = [
    title,
    `  ${'events'.padStart(12)}${'orders'.padStart(10)}${'heap MB'.padStart(10)}${'heapTotal'.padStart(11)}${'rss MB'.padStart(9)}${'journal'.padStart(9)}${'rss-journal'.padStart(13)}`,
  ];
  m.samples.forEach((s, i) => {
    const mark = i < m.baseline ? '  warm-up' : i === m.baseline ? '  <- baseline' : '';
    lines.push(
      `  ${int(s.events).padStart(12)}${int(s.orders).padStart(10)}${mb(s.heapUsedMB).padStart(10)}${s.heapTotalMB.toFixed(1).padStart(11)}${s.rssMB.toFixed(1).padStart(9)}${s.journalMB.toFixed(1).padStart(9)}${(s.rssMB - s.journalMB).toFixed(1).padStart(13)}${mark}`,
    );
  });
  lines.push(
    `  Verdict ${m.verdict.toUpperCase()}: the last ${m.lastSamples} samples' heap is at most ${mb(m.heapGrowthMB)} MB from the baseline (tolerance ±${m.toleranceMB} MB); slope ${m.heapSlopeKBPerMillion.toFixed(1)} KB per 1M events.`,
    `  Tolerance: after warm-up the only growth by design is the 5m/15m/1h candle rings (500 per series) still filling:`,
    `  ~180 candles per 1M events, measured at +27-40 KB of heap; ${m.toleranceMB} MB allows that with margin but catches a leak of 1 byte per event`,
    `  or ~3 bytes per order over the ${int(m.events - m.samples[m.baseline].events)} post-warm-up events. RSS grew ${m.rssGrowthMB.toFixed(1)} MB, ${m.journalGrowthMB.toFixed(1)} MB of it the`,
    `  in-memory SQLite journal's pages (every signal, order and fill, kept by design; on disk in the app); the rest is`,
    `  SQLite's own overhead on them: with a no-op journal RSS stayed within 1.5 MB from 3M to 6M events (checked by hand).`,
    `  RSS starts high (~700 MB): V8 keeps the pages of the 85 MB event chunks. ${m.seconds.toFixed(1)} s wall, ${m.engineSeconds.toFixed(1)} s in the engine.`,
  );
  return lines;
}

function exchangeLines(x: BenchReport['exchange']): string[] {
  const title = 'EXCHANGE, Binance simulator -> ccxt binance over ws://127.0.0.1 -> shadow desk -> engine (µs)';
  if ('error' in x) return [title, `  FAILED: ${x.error}`];
  const t = x.transport;
  const e = x.endToEnd;
  const lines = [
    title,
    `${' '.repeat(2 + LABEL)}${['count', 'median', 'p99', 'p99.9'].map((h, i) => h.padStart(i === 0 ? 10 : 8)).join('')}${'max'.padStart(9)}`,
    ` transport: ${int(t.printed)} trade prints, one per ${t.paceMs} ms after a warm-up, ${int(t.received)} timed at the engine`,
    row('sim ws.send(trade) -> engine listener', t.sendToEngine),
    row('sim.printTrade() -> engine listener', t.printToEngine, '(info: + the sim\'s own work)'),
    ` end to end: momentum 1s, lookback 2, ${int(e.printed)} prints at ${e.paceMs} ms in ${e.seconds.toFixed(1)} s, trend flips every ${e.legMs / 1000} s`,
    row('sim ws.send(closing trade) -> submit', e.sendToSubmit, `(${e.matched}/${e.intents} intents${e.sendToSubmit.count < 100 ? '; small sample: p99 = max' : ''})`),
    row('  of which ws.send -> engine listener', e.sendToEngine, '(info)'),
    row('  of which engine listener -> submit', e.engineToSubmit, '(info)'),
    '  t0: read in the sim\'s WebSocket send() (patched for server sockets only). t1: the engine\'s feed listener',
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
