// The soak in miniature: 36 simulated minutes (~22 s) of the real runtime at 100x in its own process,
// judged by the same code as `npm run chaos:soak`. Bounds are looser only where a short run needs it.
import { describe, expect, it } from 'vitest';
import { runSoak } from './run-soak.ts';
import { SOAK_BOUNDS, type SoakBounds } from './soak-verdict.ts';

const SHORT_BOUNDS: SoakBounds = {
  ...SOAK_BOUNDS,
  // 36 minutes end while the engine's bounded histories (200 recent orders, fills and log lines, 200
  // signals per strategy) still fill; the long run shows them level off after ~90 simulated minutes.
  // A per-event leak still shows: 28M events an hour make even one byte each ~28 MB/h.
  heapSlopeMBPerHour: 1.5,
  // A slope from half an hour turns one allocator step of a few MB into MB per hour.
  rssSlopeMBPerHour: 10,
  // npm test runs other files on the second core; 20 seconds leave no time to average their bursts out.
  p99DriftFactor: 3,
};

describe('soak (short)', () => {
  it('keeps memory flat, event handling steady and the UI within 25 messages a second, losing no fill or order', async () => {
    const report = await runSoak({ simulatedHours: 0.6, sampleEveryMinutes: 1, bounds: SHORT_BOUNDS });
    expect(report.breaches).toEqual([]);
    expect(report.lost).toBe(0);
    // The run really traded and really ran the market at speed, so the verdicts above mean something.
    expect(report.figures.orders).toBeGreaterThan(100);
    expect(report.figures.journalFills).toBe(report.figures.fills);
    expect(report.figures.simulatedHours).toBeGreaterThanOrEqual(0.6);
    expect(report.figures.maxUiMessagesPerSecond).toBeGreaterThan(0);
    expect(report.figures.maxUiMessagesPerSecond).toBeLessThanOrEqual(25);
  }, 90_000);
});
