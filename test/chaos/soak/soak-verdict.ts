// Judges a soak run from its samples: memory flat after warm-up, event handling as fast at the end as at
// the start, the UI within its message budget, trading still going, and nothing lost on the way.
import { median, slope } from '../../../bench/stats.ts';
import type { SoakEnd, SoakSample } from './soak-sample.ts';

export interface SoakBounds {
  /** Leading share of samples left out: JIT, the recent-item lists and SQLite's page cache filling. */
  warmupFraction: number;
  /** Least-squares slope after warm-up, MB per simulated hour. */
  heapSlopeMBPerHour: number;
  rssSlopeMBPerHour: number;
  /** Median of the last third of samples minus the median of the first third, MB. */
  heapGrowthMB: number;
  rssGrowthMB: number;
  /** Median window p99 of the last third over that of the first third. */
  p99DriftFactor: number;
  /** Busiest rolling second of UI messages. */
  uiMessagesPerSecond: number;
  /** Busiest post-warm-up sample window's UI bytes per second (the snapshots sent on connect are one-offs). */
  uiBytesPerSecond: number;
}

export const SOAK_BOUNDS: SoakBounds = {
  warmupFraction: 0.1,
  // The engine keeps bounded lists and candle rings; the journal grows on disk, not in the heap.
  heapSlopeMBPerHour: 0.5,
  // RSS also holds SQLite's page cache and V8's free pages, which settle but move by a MB or two.
  rssSlopeMBPerHour: 2,
  heapGrowthMB: 1,
  rssGrowthMB: 8,
  // One core shared with other processes moves a window's p99 by tens of percent; a leak-driven slowdown (longer
  // lists scanned per event, GC pressure) shows as a multiple.
  p99DriftFactor: 2,
  // The state publisher flushes every 40 ms: 25 messages a second at most (DESIGN allows 30).
  uiMessagesPerSecond: 25,
  // ~110 KB/s here (the focus book, tickers, account and risk ~20 times a second); 1.5 Mbit/s still
  // suits a browser on a remote link to the headless host.
  uiBytesPerSecond: 192 * 1024,
};

/** Post-warm-up samples needed for a slope and three windows to mean anything. */
const MIN_JUDGED_SAMPLES = 6;

export interface SoakFigures {
  samples: number;
  judgedSamples: number;
  simulatedHours: number;
  wallSeconds: number;
  eventsPerSecond: number;
  orders: number;
  fills: number;
  journalOrders: number;
  journalFills: number;
  rssStartMB: number;
  rssEndMB: number;
  rssSlopeMBPerHour: number;
  rssGrowthMB: number;
  heapStartMB: number;
  heapEndMB: number;
  heapSlopeMBPerHour: number;
  heapGrowthMB: number;
  p99FirstMs: number;
  p99LastMs: number;
  p99Drift: number;
  maxUiMessagesPerSecond: number;
  maxUiBytesPerSecond: number;
}

export interface SoakVerdict {
  figures: SoakFigures;
  /** Orders and fills the journal and the UI disagree on. */
  lost: number;
  /** One sentence per bound broken; empty when the run passed. */
  breaches: string[];
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

export function judgeSoak(samples: readonly SoakSample[], end: SoakEnd, bounds: SoakBounds = SOAK_BOUNDS): SoakVerdict {
  const judged = samples.slice(Math.ceil(samples.length * bounds.warmupFraction));
  const third = Math.max(1, Math.floor(judged.length / 3));
  const first = judged.slice(0, third);
  const last = judged.slice(judged.length - third);
  const hours = judged.map((s) => s.simMinutes / 60);
  const thirdsGrowth = (pick: (s: SoakSample) => number): number => median(last.map(pick)) - median(first.map(pick));
  const p99First = median(first.map((s) => s.handling.p99));
  const p99Last = median(last.map((s) => s.handling.p99));
  const figures: SoakFigures = {
    samples: samples.length,
    judgedSamples: judged.length,
    simulatedHours: round(end.simulatedHours),
    wallSeconds: round(end.wallSeconds, 1),
    eventsPerSecond: Math.round(end.events / end.wallSeconds),
    orders: end.reportedOrders,
    fills: end.uiFills,
    journalOrders: end.journalOrders,
    journalFills: end.journalFills,
    rssStartMB: round(judged[0]?.rssMB ?? Number.NaN, 1),
    rssEndMB: round(judged.at(-1)?.rssMB ?? Number.NaN, 1),
    rssSlopeMBPerHour: round(slope(hours, judged.map((s) => s.rssMB))),
    rssGrowthMB: round(thirdsGrowth((s) => s.rssMB)),
    heapStartMB: round(judged[0]?.heapUsedMB ?? Number.NaN),
    heapEndMB: round(judged.at(-1)?.heapUsedMB ?? Number.NaN),
    heapSlopeMBPerHour: round(slope(hours, judged.map((s) => s.heapUsedMB))),
    heapGrowthMB: round(thirdsGrowth((s) => s.heapUsedMB)),
    p99FirstMs: round(p99First, 4),
    p99LastMs: round(p99Last, 4),
    p99Drift: round(p99Last / p99First),
    maxUiMessagesPerSecond: end.uiMaxMessagesInOneSecond,
    maxUiBytesPerSecond: Math.round(Math.max(0, ...judged.map((s) => s.uiBytesPerSecond))),
  };

  const breaches: string[] = [];
  const over = (value: number, bound: number, sentence: string): void => {
    if (!(value <= bound)) breaches.push(sentence);
  };
  if (judged.length < MIN_JUDGED_SAMPLES) {
    breaches.push(`Only ${judged.length} samples after warm-up; at least ${MIN_JUDGED_SAMPLES} are needed to judge a trend.`);
  } else {
    const f = figures;
    over(f.heapSlopeMBPerHour, bounds.heapSlopeMBPerHour, `Heap grows ${f.heapSlopeMBPerHour} MB per simulated hour (bound ${bounds.heapSlopeMBPerHour}).`);
    over(f.rssSlopeMBPerHour, bounds.rssSlopeMBPerHour, `RSS grows ${f.rssSlopeMBPerHour} MB per simulated hour (bound ${bounds.rssSlopeMBPerHour}).`);
    over(f.heapGrowthMB, bounds.heapGrowthMB, `Heap median rose ${f.heapGrowthMB} MB from the first to the last third (bound ${bounds.heapGrowthMB}).`);
    over(f.rssGrowthMB, bounds.rssGrowthMB, `RSS median rose ${f.rssGrowthMB} MB from the first to the last third (bound ${bounds.rssGrowthMB}).`);
    over(f.p99Drift, bounds.p99DriftFactor, `Event handling p99 drifted ${f.p99Drift}x, ${f.p99FirstMs} ms to ${f.p99LastMs} ms (bound ${bounds.p99DriftFactor}x).`);
    const beforeLast = judged[judged.length - third - 1]!;
    if (last.at(-1)!.orders <= beforeLast.orders) breaches.push('No orders in the last third of the run: the strategies stopped trading, so its end proves nothing.');
  }
  over(figures.maxUiMessagesPerSecond, bounds.uiMessagesPerSecond, `The UI got ${figures.maxUiMessagesPerSecond} messages in one second (budget ${bounds.uiMessagesPerSecond}).`);
  over(figures.maxUiBytesPerSecond, bounds.uiBytesPerSecond, `UI traffic reached ${figures.maxUiBytesPerSecond} bytes per second over a sample window (budget ${bounds.uiBytesPerSecond}).`);

  const lost = Math.abs(end.journalFills - end.uiFills) + Math.abs(end.journalOrders - end.reportedOrders);
  if (end.journalFills !== end.uiFills) breaches.push(`The journal holds ${end.journalFills} fills but the UI was told of ${end.uiFills}.`);
  if (end.journalOrders !== end.reportedOrders) breaches.push(`The journal holds ${end.journalOrders} orders but the engine reported ${end.reportedOrders}.`);
  for (const problem of end.journalProblems) breaches.push(`Journal: ${problem}.`);
  if (end.seqGaps > 0) breaches.push(`${end.seqGaps} state deltas never reached the UI (gaps in seq).`);
  return { figures, lost, breaches };
}
