// Prints the figures as one compact table and writes the same figures to bench/results.json.
import { writeFileSync } from 'node:fs';
import type { ExchangeResult } from './exchange-pass.ts';
import type { LatencyResult, ThroughputResult } from './passes.ts';
import type { Summary } from './stats.ts';

export const TARGETS = { p99Micros: 250, eventsPerSecond: 500_000 };

export interface MemoryFigures {
  heapUsedMB: number;
  rssMB: number;
}

type Verdict = 'PASS' | 'MISS';

export interface BenchReport {
  when: string;
  node: string;
  cpu: string;
  gcExposed: boolean;
  wallSeconds: number;
  seed: number;
  generatedEvents: number;
  targets: typeof TARGETS;
  latency: LatencyResult[];
  throughput: ThroughputResult[];
  memory: { before: MemoryFigures; after: MemoryFigures };
  /** The exchange section, or why it could not run. */
  exchange: ExchangeResult | { error: string };
  verdict: { latencyP99: Verdict; throughput: Verdict[] };
}

export function verdict(headline: LatencyResult, throughput: ThroughputResult[]): BenchReport['verdict'] {
  return {
    latencyP99: headline.toSubmit.p99 / 1000 < TARGETS.p99Micros ? 'PASS' : 'MISS',
    throughput: throughput.map((t) => (t.eventsPerSecond > TARGETS.eventsPerSecond ? 'PASS' : 'MISS')),
  };
}

const us = (ns: number): string => (ns / 1000).toFixed(1);
const int = (n: number): string => Math.round(n).toLocaleString('en-US');

const LABEL = 38;

function row(label: string, s: Summary, target = ''): string {
  const cells = [int(s.count).padStart(8), us(s.median).padStart(8), us(s.p99).padStart(8), us(s.p999).padStart(8), us(s.max).padStart(9)];
  return `  ${label.padEnd(LABEL)}${cells.join('')}  ${target}`;
}

export function printReport(r: BenchReport): void {
  const lines = [
    `HFT Desk engine bench - node ${r.node}, ${r.cpu}, GC exposed: ${r.gcExposed ? 'yes' : 'no (use npm run bench)'}`,
    `Simulated market seed ${r.seed}, 3 symbols, ${int(r.generatedEvents)} events generated in 50k chunks (generation never timed).`,
    '',
    'LATENCY, push into feed -> ... (µs)  stress set: 12 strategies on 1s candles, loose risk limits',
    `${' '.repeat(2 + LABEL)}${['count', 'median', 'p99', 'p99.9'].map((h) => h.padStart(8)).join('')}${'max'.padStart(9)}`,
  ];
  r.latency.forEach((l, i) => {
    lines.push(` ${l.label}: ${int(l.events)} events, ${int(l.orderEvents)} order-producing, ${int(l.intents)} intents sent, ${int(l.denied)} denied`);
    lines.push(row('-> risk allowed (before order write)', l.toRisk));
    lines.push(row('-> broker.submit (after journal)', l.toSubmit, i === 0 ? `target p99 < ${TARGETS.p99Micros}: ${r.verdict.latencyP99}` : '(info)'));
    lines.push(row('-> broker.submit, every intent', l.toSubmitAll));
  });
  lines.push(
    '  Rows 1-2: first intent of each order-producing event. "risk allowed" already includes the signal\'s',
    '  journal write; broker.submit() comes after risk AND the order\'s journal write: the stricter figure.',
    '  Later intents of one event wait for the earlier ones to be journaled and filled.',
    '',
    'THROUGHPUT, one core: pushes + one flush()/housekeeping() per 50k chunk',
  );
  r.throughput.forEach((t, i) => {
    const perK = ((1000 * t.orders) / t.events).toFixed(2);
    lines.push(
      `  ${t.label.padEnd(31)}${int(t.events).padStart(10)} ev ${t.seconds.toFixed(2).padStart(6)} s ${int(t.eventsPerSecond).padStart(10)} ev/s ${int(t.eventsPerCpuSecond).padStart(10)} /cpu-s ${perK.padStart(6)} orders/1k ev  > ${int(TARGETS.eventsPerSecond)}: ${r.verdict.throughput[i]}`,
    );
  });
  lines.push(
    '  default desk = its two default strategies switched on (momentum BTC, mean-reversion ETH, 1m candles);',
    '  stress set = the latency fixture. Verdicts use wall-clock ev/s; /cpu-s counts process CPU time instead.',
    '',
    `MEMORY${r.gcExposed ? ' after GC' : ''}: heap ${r.memory.before.heapUsedMB.toFixed(1)} -> ${r.memory.after.heapUsedMB.toFixed(1)} MB, rss ${r.memory.before.rssMB.toFixed(1)} -> ${r.memory.after.rssMB.toFixed(1)} MB`,
    '  before = all engines started; after = all passes done, journals still open (SQLite pages count in rss).',
  );
  lines.push('', ...exchangeLines(r.exchange), '', `Wall time ${r.wallSeconds.toFixed(1)} s; figures also in bench/results.json.`);
  console.log(lines.join('\n'));
}

function exchangeLines(x: BenchReport['exchange']): string[] {
  const title = 'EXCHANGE, Binance simulator -> ccxt binance over ws://127.0.0.1 -> shadow desk -> engine (µs)';
  if ('error' in x) return [title, `  FAILED: ${x.error}`];
  const t = x.transport;
  const e = x.endToEnd;
  const lines = [
    title,
    `${' '.repeat(2 + LABEL)}${['count', 'median', 'p99', 'p99.9'].map((h) => h.padStart(8)).join('')}${'max'.padStart(9)}`,
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
