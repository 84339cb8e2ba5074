// `npm run bench`: the engine alone (no UI, no timers) on the simulated market's event stream.
//   1. feed event -> order intent latency (median, p99, p99.9, max over >= 100k order-producing events)
//   2. throughput in events/s on one core, SQLite journal in memory and on disk
//   3. heap and RSS before/after (after a GC when node runs with --expose-gc, as the npm script does)
//   4. exchange: the loopback Binance simulator's websocket message -> ccxt -> shadow desk -> the real engine,
//      run last (~50 s of wall time, paced by the clock), after the memory figures (exchange-pass.ts)
// Every engine is fed the same chunks of pre-generated events, one engine after another.
// Run several times and compare medians: the figures move with whatever else the machine is doing.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventSource } from './engine-fixture.ts';
import { runExchangeSection } from './exchange-pass.ts';
import { LatencyPass, ThroughputPass, type Pass } from './passes.ts';
import { TARGETS, printReport, verdict, writeResults, type BenchReport, type MemoryFigures } from './report.ts';

const SEED = 42;
const CHUNK = 50_000;
const MAX_EVENTS = 10_000_000; // safety stop; the latency pass normally finishes near 4.3M events

const gc = (globalThis as { gc?: () => void }).gc;

function memory(): MemoryFigures {
  gc?.();
  const m = process.memoryUsage();
  return { heapUsedMB: m.heapUsed / 2 ** 20, rssMB: m.rss / 2 ** 20 };
}

const started = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'hft-desk-bench-'));
const file = (name: string): string => join(dir, `${name}.sqlite`);
const source = new EventSource(SEED);

const latency = [
  await new LatencyPass({ label: 'journal :memory:', journalPath: ':memory:', minOrderEvents: 100_000, maxEvents: MAX_EVENTS }).open(),
  await new LatencyPass({ label: 'journal file (WAL)', journalPath: file('latency'), minOrderEvents: 5_000, maxEvents: MAX_EVENTS }).open(),
];
const throughput = [
  await new ThroughputPass({ label: 'default desk, journal :memory:', strategies: 'default', journalPath: ':memory:', events: 2_000_000 }).open(),
  await new ThroughputPass({ label: 'default desk, journal file', strategies: 'default', journalPath: file('default'), events: 2_000_000 }).open(),
  await new ThroughputPass({ label: 'stress set, journal :memory:', strategies: 'stress', journalPath: ':memory:', events: 2_000_000 }).open(),
];
const passes: Pass[] = [...latency, ...throughput];

const before = memory();
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
const after = memory();
for (const pass of passes) pass.close();
rmSync(dir, { recursive: true, force: true });

// A failure here (ccxt, sockets) must not cost the engine figures: it is reported in their place.
const exchange = await runExchangeSection().catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));

const report: BenchReport = {
  when: new Date().toISOString(),
  node: process.version,
  cpu: `${cpus()[0]?.model.trim() ?? 'unknown cpu'} x${cpus().length}`,
  gcExposed: gc !== undefined,
  wallSeconds: (performance.now() - started) / 1000,
  seed: SEED,
  generatedEvents: generated,
  targets: TARGETS,
  latency: latencyResults,
  throughput: throughputResults,
  memory: { before, after },
  exchange,
  verdict: verdict(latencyResults[0], throughputResults),
};
printReport(report);
writeResults(new URL('./results.json', import.meta.url).pathname, report);
