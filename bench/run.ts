// `npm run bench` (node --expose-gc): issue 12's figures per candle and per trade, each section on its
// own engines, one after another, so each has the machine (2 cores, shared: the load is recorded per
// section) to itself:
//   1. engine per closed candle, momentum then mean reversion, journal on a file (engine-candle-pass.ts)
//   2. feed event -> order at the broker, stress set, journal on a file (latency-pass.ts)
//   3. backtests per candle and per trade: runBacktest() (backtest-pass.ts)
//   4. parameter sweep on the app's worker pool at 1 and 2 workers (sweep-pass.ts)
//   5. bytes allocated per candle, in a child with a large young generation (allocation-main.ts)
//   6. memory over up to 10M candles, file journal, in a child (memory-main.ts, ~3 minutes); meanwhile
//      the UI traffic section (ui-pass.ts, ~1% of a core: it counts messages, it times nothing)
//   7. exchange: the loopback Binance simulator -> ccxt -> shadow desk -> engine (exchange-pass.ts, ~50 s)
// Every engine and backtest pass also takes a CPU profile of one extra untimed run (profile.ts).
// A section that fails is reported in place of its figures; the others still run.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AllocationResult } from './allocation-pass.ts';
import { SEMI_SPACE_MB } from './allocation-pass.ts';
import { runBacktestSection } from './backtest-pass.ts';
import { runEngineCandlePass } from './engine-candle-pass.ts';
import { runExchangeSection } from './exchange-pass.ts';
import { runLatencySection } from './latency-pass.ts';
import type { MemoryResult } from './memory-pass.ts';
import { printReport, writeResults, type BenchReport, type SectionLoad } from './report.ts';
import { runSweepSection } from './sweep-pass.ts';
import { runUiSection } from './ui-pass.ts';
import { TARGETS, verdicts } from './verdicts.ts';

const SEED = 42;

const gc = (globalThis as { gc?: () => void }).gc;
const failed = (error: unknown): { error: string } => ({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
const started = performance.now();
const sectionLoad: Record<string, SectionLoad> = {};
/** Runs a section, logs its start, and records the load averages as it starts and ends. */
async function section<T>(name: string, work: () => Promise<T>): Promise<T | { error: string }> {
  console.error(`[bench] ${name} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  const start = loadavg();
  const result = await work().catch(failed);
  sectionLoad[name] = { start, end: loadavg() };
  return result;
}

const loadBefore = loadavg();
const dir = mkdtempSync(join(tmpdir(), 'hft-desk-bench-'));
const file = (name: string): string => join(dir, `${name}.sqlite`);

const momentum = await section('engine momentum', () =>
  runEngineCandlePass({ strategy: 'momentum', candles: 100_000, warmupCandles: 20_000, repeats: 3, profileCandles: 50_000, seed: SEED, dir }),
);
const meanReversion = await section('engine mean-reversion', () =>
  runEngineCandlePass({ strategy: 'mean-reversion', candles: 100_000, warmupCandles: 20_000, repeats: 3, profileCandles: 50_000, seed: SEED, dir }),
);
const engine = 'error' in momentum ? momentum : 'error' in meanReversion ? meanReversion : [momentum, meanReversion];
const latency = await section('latency', () =>
  runLatencySection({ journalPath: file, seed: SEED, minOrderEvents: TARGETS.minOrderEvents, warmupEvents: 100_000, profileEvents: 100_000 }),
);
rmSync(dir, { recursive: true, force: true });
const backtest = await section('backtest', () => runBacktestSection());
const sweep = await section('sweep', () => runSweepSection());
const allocation = await section('allocation', () =>
  child<AllocationResult>('allocation-main.ts', [`--max-semi-space-size=${SEMI_SPACE_MB}`, `--min-semi-space-size=${SEMI_SPACE_MB}`]),
);
const memoryRun = section('memory', () => child<MemoryResult>('memory-main.ts'));
const ui = await section('ui', () => runUiSection());
const memory = await memoryRun;
// A failure here (ccxt, sockets) must not cost the engine figures: it is reported in their place.
const exchange = await section('exchange', () => runExchangeSection());

const report: BenchReport = {
  when: new Date().toISOString(),
  node: process.version,
  cpu: `${cpus()[0]?.model.trim() ?? 'unknown cpu'} x${cpus().length}`,
  gcExposed: gc !== undefined,
  wallSeconds: (performance.now() - started) / 1000,
  loadAverage: { before: loadBefore, after: loadavg(), sections: sectionLoad },
  targets: TARGETS,
  verdicts: verdicts({ engine, latency, backtest, sweep, memory }, sectionLoad),
  engine,
  latency,
  backtest,
  sweep,
  allocation,
  memory,
  ui,
  exchange,
};
printReport(report);
writeResults(new URL('./results.json', import.meta.url).pathname, report);

/** Runs a bench script in a node of its own (--expose-gc + `flags`) and parses the JSON it prints. */
function child<T>(script: string, flags: string[] = []): Promise<T> {
  const path = new URL(`./${script}`, import.meta.url).pathname;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', ...flags, path], { maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${script} failed: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as T);
    });
  });
}
