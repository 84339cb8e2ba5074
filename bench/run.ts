// `npm run bench` (node --expose-gc): issue #4's figures, each section on its own engines, one after another.
//   1. feed event -> order intent latency (median, p99, p99.9, max) over >= 1M feed events and >= 100k
//      order-producing ones; plus the live engine's throughput (info), all on shared pre-generated chunks
//   2. backtest throughput: runBacktest() on candles and on trades, momentum and mean reversion (backtest-pass.ts)
//   3. memory: heap and RSS every 1M events over 10M events through one engine, in a child process of its
//      own (memory-main.ts) so RSS is that engine's alone; it takes ~1.5 minutes, so meanwhile
//   4. UI traffic: messages and bytes per second with the feed at 1,000 events/s of wall time (ui-pass.ts)
//      runs here (~1% of a core: it counts messages, it does not time anything)
//   5. exchange: the loopback Binance simulator's websocket message -> ccxt -> shadow desk -> the real engine,
//      run last (~50 s of wall time, paced by the clock) (exchange-pass.ts)
// A section that fails is reported in place of its figures; the others still run.
// Run several times and compare medians: the figures move with whatever else the machine is doing.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBacktestSection } from './backtest-pass.ts';
import { EventSource } from './engine-fixture.ts';
import { runExchangeSection } from './exchange-pass.ts';
import type { MemoryResult } from './memory-pass.ts';
import { LatencyPass, ThroughputPass, type Pass } from './passes.ts';
import { TARGETS, printReport, verdict, writeResults, type BenchReport } from './report.ts';
import { runUiSection } from './ui-pass.ts';

const SEED = 42;
const CHUNK = 50_000;
const MAX_EVENTS = 10_000_000; // safety stop; the latency pass normally finishes near 4.3M events

const gc = (globalThis as { gc?: () => void }).gc;
const failed = (error: unknown): { error: string } => ({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
const section = (name: string): void => console.error(`[bench] ${name} (${((performance.now() - started) / 1000).toFixed(0)} s)`);

const started = performance.now();
const loadBefore = loadavg();
const dir = mkdtempSync(join(tmpdir(), 'hft-desk-bench-'));
const file = (name: string): string => join(dir, `${name}.sqlite`);
const source = new EventSource(SEED);

section('latency and engine throughput');
const latency = [
  await new LatencyPass({ label: 'journal :memory:', journalPath: ':memory:', minEvents: TARGETS.minLatencyEvents, minOrderEvents: 100_000, maxEvents: MAX_EVENTS }).open(),
  await new LatencyPass({ label: 'journal file (WAL)', journalPath: file('latency'), minEvents: 0, minOrderEvents: 5_000, maxEvents: MAX_EVENTS }).open(),
];
const throughput = [
  await new ThroughputPass({ label: 'default desk, journal :memory:', strategies: 'default', journalPath: ':memory:', events: 2_000_000 }).open(),
  await new ThroughputPass({ label: 'default desk, journal file', strategies: 'default', journalPath: file('default'), events: 2_000_000 }).open(),
  await new ThroughputPass({ label: 'stress set, journal :memory:', strategies: 'stress', journalPath: ':memory:', events: 2_000_000 }).open(),
];
const passes: Pass[] = [...latency, ...throughput];

let generated = 0;
for (let active = passes; active.length > 0 && generated < MAX_EVENTS; active = passes.filter((p) => p.wants())) {
  const chunk = source.next(CHUNK);
  generated += chunk.length;
  // The chunk is long-lived garbage the app would never hold: collect it (untimed) so the next major GC
  // does not land inside an engine's timed run. The engine's own garbage is still collected in there.
  gc?.();
  for (const pass of active) pass.run(chunk);
}
const latencyResults = latency.map((p) => p.result());
const throughputResults = throughput.map((p) => p.result());
source.clear();
for (const pass of passes) pass.close();
rmSync(dir, { recursive: true, force: true });

section('backtest throughput');
const backtest = await runBacktestSection().catch(failed);
section('memory over 10M events (child process), UI traffic at 1,000 events/s meanwhile');
const memoryRun = runMemoryChild().catch(failed);
const ui = await runUiSection().catch(failed);
const memory = await memoryRun;
// A failure here (ccxt, sockets) must not cost the engine figures: it is reported in their place.
section('exchange');
const exchange = await runExchangeSection().catch(failed);

const partial = { latency: latencyResults, backtest, ui, memory };
const report: BenchReport = {
  when: new Date().toISOString(),
  node: process.version,
  cpu: `${cpus()[0]?.model.trim() ?? 'unknown cpu'} x${cpus().length}`,
  gcExposed: gc !== undefined,
  wallSeconds: (performance.now() - started) / 1000,
  loadAverage: { before: loadBefore, after: loadavg() },
  seed: SEED,
  generatedEvents: generated,
  targets: TARGETS,
  latency: latencyResults,
  throughput: throughputResults,
  backtest,
  ui,
  memory,
  exchange,
  verdict: verdict(partial),
};
printReport(report);
writeResults(new URL('./results.json', import.meta.url).pathname, report);

function runMemoryChild(): Promise<MemoryResult> {
  const script = new URL('./memory-main.ts', import.meta.url).pathname;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', script], { maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`memory child failed: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as MemoryResult);
    });
  });
}
