// Bytes the engine allocates on the JS heap per candle: per candle overall (the desk's default
// parameters) and per quiet candle (the same candles, parameters that never signal: momentum threshold
// 100%, mean reversion 10 sd, so every close runs the strategy and nothing follows).
//
// Method: heapUsed after minus before a window of candles, with NO garbage collection inside the window,
// so nothing allocated is freed before it is counted. That needs a young generation larger than the
// window's allocation: this runs in a child (allocation-main.ts) started with --min/max-semi-space-size,
// and a PerformanceObserver on 'gc' checks every window (a window with a GC is reported as invalid, not
// used). Chosen over the sampling heap profiler, which on this node undercounted a known loop by 5-20%
// depending on the sampling interval. The method is itself checked on a loop whose allocation is known
// from V8's object layout (selfTest). Native memory (SQLite's pages, its statement buffers) is not
// JS heap and is not counted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import type { MarketEvent } from '../src/shared/market.ts';
import { CandleStream } from './candle-stream.ts';
import { openCandleFixture, tapJournal, type CandleStrategy } from './engine-fixture.ts';

/** The semi-space size the child runs with (MB): the young generation holds ~3x this before a scavenge. */
export const SEMI_SPACE_MB = 256;
const WARMUP_CANDLES = 5_000;
const WINDOW_CANDLES = 20_000;
const QUIET_PARAMS: Record<CandleStrategy, Record<string, number>> = { momentum: { threshold: 1 }, 'mean-reversion': { stdMultiplier: 10 } };

export interface AllocationRow {
  strategy: CandleStrategy;
  kind: 'all candles (default params)' | 'quiet candles (never signals)';
  candles: number;
  signals: number;
  bytes: number;
  bytesPerCandle: number;
  /** GCs inside the window: anything but 0 makes the figure a lower bound, not a count. */
  gcs: number;
}

export interface AllocationResult {
  method: string;
  selfTest: { expectedBytes: number; measuredBytes: number; ratio: number; gcs: number };
  rows: AllocationRow[];
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
let gcs = 0;
const observer = new PerformanceObserver((list) => void (gcs += list.getEntries().length));

/** Bytes allocated by `work` and the GCs that ran meanwhile (observer entries arrive asynchronously). */
async function measure(work: () => void): Promise<{ bytes: number; gcs: number }> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gcs = 0;
  const before = process.memoryUsage().heapUsed;
  work();
  const bytes = process.memoryUsage().heapUsed - before;
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { bytes, gcs };
}

export async function runAllocationSection(): Promise<AllocationResult> {
  observer.observe({ entryTypes: ['gc'] });
  const dir = mkdtempSync(join(tmpdir(), 'hft-desk-bench-alloc-'));
  try {
    const selfTest = await selfTestMeter();
    const rows: AllocationRow[] = [];
    for (const strategy of ['momentum', 'mean-reversion'] as const) {
      for (const quiet of [false, true]) rows.push(await window(strategy, quiet, join(dir, `${strategy}-${quiet}.sqlite`)));
    }
    return {
      method: `heapUsed delta over ${WINDOW_CANDLES.toLocaleString('en-US')} candles with no GC in the window (child with --max/min-semi-space-size=${SEMI_SPACE_MB}), after ${WARMUP_CANDLES.toLocaleString('en-US')} warm-up candles`,
      selfTest,
      rows,
    };
  } finally {
    observer.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * 10,000 arrays of 100 holes: each a JSArray (4 words) and a FixedArray (2 words + 100), 8-byte words
 * (node ships without pointer compression), plus the outer array (JSArray + FixedArray of 10,000):
 * 8,560,048 bytes. Measured ~0.4% above (page tails and the reading itself, ~4 KB); arrays of several KB
 * read ~2% high (more page tail per object), the engine's objects are small.
 */
async function selfTestMeter(): Promise<AllocationResult['selfTest']> {
  const n = 10_000;
  const len = 100;
  const expectedBytes = n * (32 + 16 + 8 * len) + (32 + 16 + 8 * n);
  const make = (): unknown[] => {
    const outer = new Array(n);
    for (let i = 0; i < n; i++) outer[i] = new Array(len);
    return outer;
  };
  make();
  let kept: unknown;
  const { bytes, gcs: during } = await measure(() => {
    kept = make();
  });
  void kept;
  return { expectedBytes, measuredBytes: bytes, ratio: bytes / expectedBytes, gcs: during };
}

async function window(strategy: CandleStrategy, quiet: boolean, journalPath: string): Promise<AllocationRow> {
  let signals = 0;
  const stream = new CandleStream(31);
  const fixture = await openCandleFixture(
    { strategy, journalPath, params: quiet ? QUIET_PARAMS[strategy] : undefined, wrapJournal: (j) => tapJournal(j, { onSignal: () => void signals++ }) },
    stream.info,
  );
  const { feed, engine } = fixture;
  const push = (chunk: readonly MarketEvent[]): void => {
    for (let i = 0; i < chunk.length; i++) feed.push(chunk[i]);
    engine.flush();
    fixture.housekeeping();
  };
  try {
    for (let done = 0; done < WARMUP_CANDLES; done += 1_000) push(stream.next(1_000));
    // The window's events are made before it opens: their allocation is the generator's, not the engine's.
    const chunks: MarketEvent[][] = [];
    for (let done = 0; done < WINDOW_CANDLES; done += 1_000) chunks.push(stream.next(1_000));
    const before = signals;
    const { bytes, gcs: during } = await measure(() => {
      for (const chunk of chunks) push(chunk);
    });
    return {
      strategy,
      kind: quiet ? 'quiet candles (never signals)' : 'all candles (default params)',
      candles: WINDOW_CANDLES,
      signals: signals - before,
      bytes,
      bytesPerCandle: bytes / WINDOW_CANDLES,
      gcs: during,
    };
  } finally {
    engine.stop();
    fixture.journal.close();
  }
}
