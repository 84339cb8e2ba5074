// In-process V8 profilers through node:inspector, for one extra untimed run of a pass:
//   cpuProfile():     where the time goes, the top frames by self time;
//   allocatedBytes(): how many bytes the code allocates, from the sampling heap profiler.
//
// Why the sampling heap profiler for allocations: Node 24's v8.getHeapStatistics() has no
// total_allocated_bytes, and a used_heap_size delta is exact only while no GC runs, i.e. over a window
// smaller than the young generation (a few MB by default: a few thousand candles, and then only in a
// child with --max-semi-space-size). The sampling profiler, told to keep objects the minor and major GCs
// already collected (includeObjectsCollectedByMinorGC/MajorGC), sees every allocation with a probability
// proportional to its size and reports each sample scaled to the bytes it stands for, so the sum of the
// samples estimates the total allocated over any window, GCs included. It is checked at start-up against
// a loop whose allocation is known exactly (allocationSelfTest).
import { Session } from 'node:inspector/promises';

export interface Frame {
  function: string;
  /** file:line (1-based), relative to the repository; '(native) from <busiest caller>' for C++ code. */
  where: string;
  selfPercent: number;
}

export interface CpuProfileSummary {
  /** Profiled wall time of the run (ms) and the sampling interval (µs). */
  ms: number;
  intervalMicros: number;
  samples: number;
  top: Frame[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const ROOT = new URL('..', import.meta.url).href;
const INTERVAL_MICROS = 100;

let session: Session | undefined;
async function connected(): Promise<Session> {
  if (session === undefined) {
    session = new Session();
    session.connect();
  }
  return session;
}

/** Runs `work` under the CPU profiler and returns the `top` frames by self time (function, file:line, self %). */
export async function cpuProfile(work: () => Promise<unknown> | unknown, top = 8): Promise<CpuProfileSummary> {
  const s = await connected();
  await s.post('Profiler.enable');
  await s.post('Profiler.setSamplingInterval', { interval: INTERVAL_MICROS });
  await s.post('Profiler.start');
  const started = performance.now();
  let profile: { nodes: ProfileNode[] };
  try {
    await work();
  } finally {
    ({ profile } = (await s.post('Profiler.stop')) as unknown as { profile: typeof profile });
    await s.post('Profiler.disable');
  }
  const ms = performance.now() - started;
  // Self time per frame: a node's hits are samples with it on top; the same function reached by two
  // call paths is two nodes, summed here by function and position. A native frame (no file: a C++
  // binding such as node:sqlite's StatementSync.run) is named with its busiest JS caller.
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const position = (node: ProfileNode): string => {
    const { url, lineNumber } = node.callFrame;
    return url === '' ? '(native)' : `${url.startsWith(ROOT) ? url.slice(ROOT.length) : url.replace(/^file:\/\//, '')}:${lineNumber + 1}`;
  };
  const byFrame = new Map<string, { fn: string; where: string; hits: number; callers: Map<string, number> }>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    total += hits;
    const fn = node.callFrame.functionName || '(anonymous)';
    const where = position(node);
    const key = `${fn}@${where}`;
    const entry = byFrame.get(key) ?? { fn, where, hits: 0, callers: new Map() };
    entry.hits += hits;
    const caller = parent.get(node.id);
    if (where === '(native)' && caller !== undefined) {
      const name = `${caller.callFrame.functionName || '(anonymous)'} ${position(caller)}`;
      entry.callers.set(name, (entry.callers.get(name) ?? 0) + hits);
    }
    byFrame.set(key, entry);
  }
  const frames = [...byFrame.values()].sort((a, b) => b.hits - a.hits).slice(0, top);
  return {
    ms,
    intervalMicros: INTERVAL_MICROS,
    samples: total,
    top: frames.map((f) => {
      const callers = [...f.callers.entries()].sort((a, b) => b[1] - a[1]);
      const where = callers.length > 0 ? `(native) from ${callers[0][0]}${callers.length > 1 ? ` +${callers.length - 1} more` : ''}` : f.where;
      return { function: f.fn, where, selfPercent: (100 * f.hits) / total };
    }),
  };
}

/** Bytes allocated on the JS heap while `work` runs (sampling heap profiler, every 64 bytes on average). */
export async function allocatedBytes(work: () => Promise<unknown> | unknown, samplingInterval = 64): Promise<number> {
  const s = await connected();
  await s.post('HeapProfiler.enable');
  await s.post('HeapProfiler.startSampling', { samplingInterval, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  let profile: { samples: { size: number }[] };
  try {
    await work();
  } finally {
    ({ profile } = (await s.post('HeapProfiler.stopSampling')) as unknown as { profile: typeof profile });
    await s.post('HeapProfiler.disable');
  }
  // Each sample's size is already scaled to the bytes it represents (size x count in V8's terms).
  let bytes = 0;
  for (const sample of profile.samples) bytes += sample.size;
  return bytes;
}

export interface AllocationSelfTest {
  /** What the loop allocates, counted exactly: heapUsed after minus before, with no GC in between. */
  exactBytes: number;
  sampledBytes: number;
  /** sampled / exact: 1.00 means the profiler's figure can be trusted at this size. */
  ratio: number;
  gcsDuringExact: number;
}

/**
 * The check of allocatedBytes(): a loop that keeps what it allocates (so nothing is freed) is measured
 * twice, once exactly as a heapUsed delta (a full GC first; a PerformanceObserver confirms no GC ran in
 * the window) and once by the sampling profiler. ~4 MB: inside the default young generation after a GC.
 */
export async function allocationSelfTest(): Promise<AllocationSelfTest> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const { PerformanceObserver } = await import('node:perf_hooks');
  const loop = (): unknown[] => {
    const kept: unknown[] = new Array(20_000);
    for (let i = 0; i < kept.length; i++) kept[i] = { a: i, b: i + 0.5, c: [i, i, i], d: `x${i}` };
    return kept;
  };
  loop(); // compiled before either measurement
  let gcs = 0;
  const observer = new PerformanceObserver((list) => void (gcs += list.getEntries().length));
  observer.observe({ entryTypes: ['gc'] });
  gc?.();
  await new Promise((resolve) => setImmediate(resolve));
  gcs = 0;
  const before = process.memoryUsage().heapUsed;
  let kept: unknown = loop();
  const exactBytes = process.memoryUsage().heapUsed - before;
  await new Promise((resolve) => setImmediate(resolve)); // the observer reports asynchronously
  const gcsDuringExact = gcs;
  observer.disconnect();
  kept = undefined;
  const sampledBytes = await allocatedBytes(() => void (kept = loop()));
  void kept;
  return { exactBytes, sampledBytes, ratio: sampledBytes / exactBytes, gcsDuringExact };
}
