// Memory over a long run: one engine (the stress set: 12 strategies, risk, paper fills, an order every
// ~20 events) on 10,000,000 simulated events, generated in 50k chunks and dropped after use. Every 1M
// events the last chunk is released, a full GC runs (node --expose-gc) and heap and RSS are read.
// The journal is SQLite ':memory:' so the run takes ~1 minute, ~25 s of it in the engine and the rest
// generating events (on disk the stress set journals at ~60k events/s: 10M events would take ~3 minutes); its database lives in this process and grows with every order and
// fill by design, so its size (page_count x page_size) is read beside RSS. The heap holds the engine's
// JS state, which must not grow: that is the verdict.
import type { DatabaseSync } from 'node:sqlite';
import { EventSource, openFixture } from './engine-fixture.ts';
import { slope } from './stats.ts';

export interface MemoryOptions {
  events: number;
  sampleEvery: number;
  /** Samples before this are warm-up (JIT, recent-item lists, the 1s/1m candle rings filling). */
  warmupEvents: number;
  /** Heap growth allowed from the first post-warm-up sample to each of the last `lastSamples` samples. */
  toleranceMB: number;
  lastSamples: number;
  seed: number;
  chunk: number;
}

export const MEMORY_DEFAULTS: MemoryOptions = {
  events: 10_000_000,
  sampleEvery: 1_000_000,
  warmupEvents: 3_000_000,
  toleranceMB: 1,
  lastSamples: 3,
  seed: 4242,
  chunk: 50_000,
};

export interface MemorySample {
  events: number;
  orders: number;
  heapUsedMB: number;
  heapTotalMB: number;
  rssMB: number;
  /** The in-process SQLite journal's database size. */
  journalMB: number;
}

export interface MemoryResult {
  strategies: 'stress';
  journal: ':memory:';
  gcExposed: boolean;
  events: number;
  orders: number;
  /** Wall time of the whole section (generation included), and the engine's share of it. */
  seconds: number;
  engineSeconds: number;
  samples: MemorySample[];
  /** Index in `samples` of the first post-warm-up sample. */
  baseline: number;
  toleranceMB: number;
  lastSamples: number;
  /** Largest heap difference of the last samples from the baseline (MB). */
  heapGrowthMB: number;
  /** Least-squares heap slope over the post-warm-up samples, KB per 1M events. */
  heapSlopeKBPerMillion: number;
  /** RSS growth baseline -> last, and the journal's share of it (MB). */
  rssGrowthMB: number;
  journalGrowthMB: number;
  verdict: 'flat' | 'growing' | 'unknown (no --expose-gc)';
}

const MB = 2 ** 20;

export async function runMemorySection(options: MemoryOptions = MEMORY_DEFAULTS): Promise<MemoryResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const started = performance.now();
  const source = new EventSource(options.seed);
  const fixture = await openFixture({ strategies: 'stress', journalPath: ':memory:' });
  // The journal's handle is private; read only here, for its size.
  const db = (fixture.journal as unknown as { db: DatabaseSync }).db;
  const pageSize = Number((db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size);
  const pageCount = db.prepare('PRAGMA page_count');
  const { feed, engine } = fixture;
  const samples: MemorySample[] = [];
  let events = 0;
  let engineMs = 0;
  let nextSample = options.sampleEvery;
  try {
    while (events < options.events) {
      const chunk = source.next(options.chunk);
      const t = performance.now();
      for (let i = 0; i < chunk.length; i++) feed.push(chunk[i]);
      engine.flush();
      engine.housekeeping();
      engineMs += performance.now() - t;
      events += chunk.length;
      if (events >= nextSample) {
        nextSample += options.sampleEvery;
        source.clear();
        gc?.();
        gc?.();
        const m = process.memoryUsage();
        samples.push({
          events,
          orders: engine.snapshot().execution.orders,
          heapUsedMB: m.heapUsed / MB,
          heapTotalMB: m.heapTotal / MB,
          rssMB: m.rss / MB,
          journalMB: (Number((pageCount.get() as { page_count: number }).page_count) * pageSize) / MB,
        });
      }
    }
  } finally {
    source.clear();
    engine.stop();
    fixture.journal.close();
  }

  const baseline = Math.max(0, samples.findIndex((s) => s.events >= options.warmupEvents));
  const base = samples[baseline];
  const last = samples.slice(-options.lastSamples);
  const heapGrowthMB = Math.max(...last.map((s) => s.heapUsedMB - base.heapUsedMB));
  const after = samples.slice(baseline);
  const end = samples[samples.length - 1];
  return {
    strategies: 'stress',
    journal: ':memory:',
    gcExposed: gc !== undefined,
    events,
    orders: end.orders,
    seconds: (performance.now() - started) / 1000,
    engineSeconds: engineMs / 1000,
    samples,
    baseline,
    toleranceMB: options.toleranceMB,
    lastSamples: options.lastSamples,
    heapGrowthMB,
    heapSlopeKBPerMillion: slope(after.map((s) => s.events / 1e6), after.map((s) => (s.heapUsedMB * MB) / 1024)),
    rssGrowthMB: end.rssMB - base.rssMB,
    journalGrowthMB: end.journalMB - base.journalMB,
    verdict: gc === undefined ? 'unknown (no --expose-gc)' : Math.abs(heapGrowthMB) <= options.toleranceMB ? 'flat' : 'growing',
  };
}
