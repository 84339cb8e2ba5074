/**
 * Events per second over a rolling window of whole wall-clock seconds. Counts go into one bucket per
 * second, so recording is O(1) and memory is fixed however fast the feed runs. Only completed seconds
 * are averaged, so the rate does not dip each time a new second begins.
 */
export class EventRateMeter {
  private readonly windowSeconds: number;
  private readonly counts: Float64Array;
  private readonly bucketSecond: Float64Array;
  private firstSecond = -1;

  constructor(windowSeconds = 5) {
    if (!Number.isInteger(windowSeconds) || windowSeconds < 1) throw new RangeError(`window must be a whole number of seconds ≥ 1`);
    this.windowSeconds = windowSeconds;
    // One extra bucket holds the second still in progress.
    this.counts = new Float64Array(windowSeconds + 1);
    this.bucketSecond = new Float64Array(windowSeconds + 1).fill(-1);
  }

  record(count: number, nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    if (this.firstSecond < 0) this.firstSecond = second;
    const slot = second % this.counts.length;
    if (this.bucketSecond[slot] !== second) {
      this.bucketSecond[slot] = second;
      this.counts[slot] = 0;
    }
    this.counts[slot] += count;
  }

  perSecond(nowMs: number): number {
    if (this.firstSecond < 0) return 0;
    const current = Math.floor(nowMs / 1000);
    const span = Math.min(this.windowSeconds, current - this.firstSecond);
    if (span <= 0) return 0;
    let total = 0;
    for (let slot = 0; slot < this.counts.length; slot++) {
      const second = this.bucketSecond[slot];
      if (second >= current - span && second < current) total += this.counts[slot];
    }
    return total / span;
  }
}
