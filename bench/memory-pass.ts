// Memory over a long run: the per-candle engine (momentum, the desk's defaults, 1m candles, its SQLite
// journal on a FILE as the app runs it) on up to 10,000,000 candles of CandleStream, made in
// 1,000-candle chunks and dropped after use. Every 1M candles a full GC runs (node --expose-gc) and heap
// and RSS are read, with the journal's size on disk beside them (database + WAL). Runs in a child of its
// own (memory-main.ts) so heap and RSS are this engine's alone. A wall-time cap keeps the section short:
// if the engine is too slow for 10M candles in it, the run stops at the cap and says how far it got.
//
// Verdict "flat", after the warm-up (JIT, the candle rings filling: the 1h ring's 500 candles are full
// after 30,000 candles; the recent-items lists), from the least-squares slopes over the samples since:
//   heap: at most HEAP_SLOPE_KB per 1M candles. A leak of 1 byte per candle is ~977 KB per 1M, one of
//         2 bytes per order (~35 orders per 1,000 candles) ~68 KB; a full-GC heapUsed reading wobbles
//         by a few KB.
//   RSS:  at most RSS_SLOPE_MB per 1M candles: catches a native leak of ~1 byte per candle; SQLite's page
//         cache is bounded (its default 2 MB), the journal's rows go to the file, not to memory.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandleStream } from './candle-stream.ts';
import { openCandleFixture } from './engine-fixture.ts';
import { slope } from './stats.ts';

export const HEAP_SLOPE_KB = 64;
export const RSS_SLOPE_MB = 1;

export interface MemoryOptions {
  candles: number;
  sampleEvery: number;
  /** Samples before this are warm-up. */
  warmupCandles: number;
  /** Wall-time cap of the whole section (seconds). */
  maxSeconds: number;
  seed: number;
  chunk: number;
}

export const MEMORY_DEFAULTS: MemoryOptions = {
  candles: 10_000_000,
  sampleEvery: 1_000_000,
  warmupCandles: 2_000_000,
  maxSeconds: 170,
  seed: 4242,
  chunk: 1_000,
};

export interface MemorySample {
  candles: number;
  orders: number;
  heapUsedMB: number;
  heapTotalMB: number;
  rssMB: number;
  /** The journal's database and WAL files on disk. */
  journalMB: number;
  seconds: number;
}

export interface MemoryResult {
  strategy: 'momentum';
  journal: 'file (WAL)';
  gcExposed: boolean;
  targetCandles: number;
  candles: number;
  /** True when the wall-time cap stopped the run before targetCandles. */
  capped: boolean;
  maxSeconds: number;
  orders: number;
  /** Wall time of the whole section (generation included), and the engine's share of it. */
  seconds: number;
  engineSeconds: number;
  samples: MemorySample[];
  /** Index in `samples` of the first post-warm-up sample. */
  baseline: number;
  heapSlopeKBPerMillion: number;
  rssSlopeMBPerMillion: number;
  heapSlopeLimitKB: number;
  rssSlopeLimitMB: number;
  /** Largest heap and RSS difference of any later sample from the baseline (MB). */
  heapGrowthMB: number;
  rssGrowthMB: number;
  verdict: 'flat' | 'growing' | 'too few samples' | 'unknown (no --expose-gc)';
}

const MB = 2 ** 20;

export async function runMemorySection(options: MemoryOptions = MEMORY_DEFAULTS): Promise<MemoryResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'hft-desk-bench-memory-'));
  const journalPath = join(dir, 'journal.sqlite');
  const stream = new CandleStream(options.seed);
  const fixture = await openCandleFixture({ strategy: 'momentum', journalPath }, stream.info);
  const { feed, engine } = fixture;
  const samples: MemorySample[] = [];
  let engineMs = 0;
  let nextSample = options.sampleEvery;
  let capped = false;
  try {
    while (stream.candles < options.candles) {
      if ((performance.now() - started) / 1000 > options.maxSeconds) {
        capped = true;
        break;
      }
      const chunk = stream.next(options.chunk);
      const t = performance.now();
      for (let i = 0; i < chunk.length; i++) feed.push(chunk[i]);
      engine.flush();
      fixture.housekeeping();
      engineMs += performance.now() - t;
      if (stream.candles >= nextSample) {
        nextSample += options.sampleEvery;
        gc?.();
        gc?.();
        const m = process.memoryUsage();
        samples.push({
          candles: stream.candles,
          orders: engine.snapshot().execution.orders,
          heapUsedMB: m.heapUsed / MB,
          heapTotalMB: m.heapTotal / MB,
          rssMB: m.rss / MB,
          journalMB: (fileSize(journalPath) + fileSize(`${journalPath}-wal`)) / MB,
          seconds: (performance.now() - started) / 1000,
        });
      }
    }
  } finally {
    engine.stop();
    fixture.journal.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const baseline = samples.findIndex((s) => s.candles >= options.warmupCandles);
  const after = baseline < 0 ? [] : samples.slice(baseline);
  const x = after.map((s) => s.candles / 1e6);
  const heapSlopeKB = slope(x, after.map((s) => (s.heapUsedMB * MB) / 1024));
  const rssSlopeMB = slope(x, after.map((s) => s.rssMB));
  const base = after[0];
  const growth = (pick: (s: MemorySample) => number): number => (base ? Math.max(...after.map((s) => pick(s) - pick(base))) : Number.NaN);
  const flat = Math.abs(heapSlopeKB) <= HEAP_SLOPE_KB && rssSlopeMB <= RSS_SLOPE_MB;
  return {
    strategy: 'momentum',
    journal: 'file (WAL)',
    gcExposed: gc !== undefined,
    targetCandles: options.candles,
    candles: stream.candles,
    capped,
    maxSeconds: options.maxSeconds,
    orders: samples.at(-1)?.orders ?? 0,
    seconds: (performance.now() - started) / 1000,
    engineSeconds: engineMs / 1000,
    samples,
    baseline,
    heapSlopeKBPerMillion: heapSlopeKB,
    rssSlopeMBPerMillion: rssSlopeMB,
    heapSlopeLimitKB: HEAP_SLOPE_KB,
    rssSlopeLimitMB: RSS_SLOPE_MB,
    heapGrowthMB: growth((s) => s.heapUsedMB),
    rssGrowthMB: growth((s) => s.rssMB),
    verdict: gc === undefined ? 'unknown (no --expose-gc)' : after.length < 3 ? 'too few samples' : flat ? 'flat' : 'growing',
  };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
