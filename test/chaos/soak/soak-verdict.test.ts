import { describe, expect, it } from 'vitest';
import type { SoakEnd, SoakSample } from './soak-sample.ts';
import { judgeSoak, SOAK_BOUNDS } from './soak-verdict.ts';

/** A healthy run: one sample a simulated minute, memory and handling time flat, an order every few seconds. */
function run(minutes: number, change: (sample: SoakSample, minute: number) => Partial<SoakSample> = () => ({})): SoakSample[] {
  return Array.from({ length: minutes }, (_, i) => {
    const minute = i + 1;
    const sample: SoakSample = {
      simMinutes: minute,
      wallSeconds: minute * 0.6,
      heapUsedMB: 17 + (i % 2) * 0.05,
      rssMB: 124 + (i % 3) * 0.5,
      events: minute * 4_600,
      eventsPerSecond: 7_700,
      handling: { median: 0.0003, p99: 0.01 + (i % 2) * 0.002, max: 2 },
      uiMessagesPerSecond: 20,
      uiMaxMessagesInOneSecond: 21,
      uiBytesPerSecond: 110_000,
      orders: minute * 14,
      fills: minute * 14,
    };
    return { ...sample, ...change(sample, minute) };
  });
}

const endOf = (samples: SoakSample[], change: Partial<SoakEnd> = {}): SoakEnd => {
  const last = samples.at(-1)!;
  return {
    simulatedHours: last.simMinutes / 60,
    wallSeconds: last.wallSeconds,
    events: last.events,
    uiFills: last.fills,
    reportedOrders: last.orders,
    journalFills: last.fills,
    journalOrders: last.orders,
    journalProblems: [],
    seqGaps: 0,
    uiMaxMessagesInOneSecond: 21,
    ...change,
  };
};

describe('judgeSoak', () => {
  it('passes a run whose memory and handling time stay flat and whose UI stays within budget', () => {
    const samples = run(120);
    const verdict = judgeSoak(samples, endOf(samples));
    expect(verdict.breaches).toEqual([]);
    expect(verdict.lost).toBe(0);
    expect(Math.abs(verdict.figures.heapSlopeMBPerHour)).toBeLessThan(0.1);
  });

  it('ignores growth during the warm-up, while the engine fills its bounded lists', () => {
    const samples = run(120, (s, minute) => ({ heapUsedMB: s.heapUsedMB + (minute <= 12 ? minute * 0.5 - 6 : 0) }));
    expect(judgeSoak(samples, endOf(samples)).breaches).toEqual([]);
  });

  it('flags a heap that keeps growing by a megabyte per simulated hour after warm-up', () => {
    const samples = run(360, (s, minute) => ({ heapUsedMB: s.heapUsedMB + minute / 60 }));
    const verdict = judgeSoak(samples, endOf(samples));
    expect(verdict.figures.heapSlopeMBPerHour).toBeCloseTo(1, 1);
    expect(verdict.breaches).toEqual([
      expect.stringMatching(/^Heap grows 1(\.\d+)? MB per simulated hour/),
      expect.stringMatching(/^Heap median rose 3\.\d+ MB from the first to the last third/),
    ]);
  });

  it('flags RSS that climbs even when the heap is flat', () => {
    const samples = run(360, (s, minute) => ({ rssMB: s.rssMB + minute / 6 }));
    const breaches = judgeSoak(samples, endOf(samples)).breaches;
    expect(breaches).toHaveLength(2);
    expect(breaches[0]).toMatch(/^RSS grows 10(\.\d+)? MB per simulated hour/);
    expect(breaches[1]).toMatch(/^RSS median rose 36(\.\d+)? MB/);
  });

  it('flags event handling whose p99 triples by the end of the run', () => {
    const samples = run(120, (s, minute) => ({ handling: { ...s.handling, p99: minute > 80 ? 0.03 : 0.01 } }));
    const verdict = judgeSoak(samples, endOf(samples));
    expect(verdict.figures.p99Drift).toBe(3);
    expect(verdict.breaches).toEqual([expect.stringMatching(/^Event handling p99 drifted 3x, 0.01 ms to 0.03 ms/)]);
  });

  it('shrugs off one slow window: the p99 of each third is the median of its windows', () => {
    const samples = run(120, (s, minute) => ({ handling: { ...s.handling, p99: minute === 110 ? 0.5 : s.handling.p99 } }));
    expect(judgeSoak(samples, endOf(samples)).breaches).toEqual([]);
  });

  it('flags a second in which the UI got more than 25 messages', () => {
    const samples = run(60);
    expect(judgeSoak(samples, endOf(samples, { uiMaxMessagesInOneSecond: 26 })).breaches).toEqual([
      'The UI got 26 messages in one second (budget 25).',
    ]);
  });

  it('flags a sample window in which the UI got more bytes a second than its budget', () => {
    const samples = run(60, (_, minute) => ({ uiBytesPerSecond: minute === 30 ? SOAK_BOUNDS.uiBytesPerSecond + 1 : 110_000 }));
    expect(judgeSoak(samples, endOf(samples)).breaches).toEqual([
      `UI traffic reached ${SOAK_BOUNDS.uiBytesPerSecond + 1} bytes per second over a sample window (budget ${SOAK_BOUNDS.uiBytesPerSecond}).`,
    ]);
  });

  it('counts fills the journal holds but the UI was never told of as lost', () => {
    const samples = run(60);
    const verdict = judgeSoak(samples, endOf(samples, { journalFills: samples.at(-1)!.fills + 2 }));
    expect(verdict.lost).toBe(2);
    expect(verdict.breaches).toEqual([`The journal holds ${samples.at(-1)!.fills + 2} fills but the UI was told of ${samples.at(-1)!.fills}.`]);
  });

  it('counts orders the engine reported that the journal lacks as lost', () => {
    const samples = run(60);
    const verdict = judgeSoak(samples, endOf(samples, { journalOrders: samples.at(-1)!.orders - 1 }));
    expect(verdict.lost).toBe(1);
    expect(verdict.breaches).toEqual([expect.stringMatching(/^The journal holds \d+ orders but the engine reported \d+\.$/)]);
  });

  it('flags an order whose journal row disagrees with its fills', () => {
    const samples = run(60);
    const problem = 'order hd-1 says 0.002 filled, its fills add up to 0.001';
    expect(judgeSoak(samples, endOf(samples, { journalProblems: [problem] })).breaches).toEqual([`Journal: ${problem}.`]);
  });

  it('flags deltas that never reached the UI', () => {
    const samples = run(60);
    expect(judgeSoak(samples, endOf(samples, { seqGaps: 3 })).breaches).toEqual(['3 state deltas never reached the UI (gaps in seq).']);
  });

  it('flags a run whose strategies stopped trading, since a quiet engine proves nothing', () => {
    const samples = run(60, (s, minute) => ({ orders: Math.min(minute, 30) * 14 }));
    expect(judgeSoak(samples, endOf(samples)).breaches).toEqual([expect.stringMatching(/^No orders in the last third of the run/)]);
  });

  it('refuses to judge a trend from fewer than six samples after warm-up', () => {
    const samples = run(5);
    expect(judgeSoak(samples, endOf(samples)).breaches).toEqual([expect.stringMatching(/^Only 4 samples after warm-up/)]);
  });
});
