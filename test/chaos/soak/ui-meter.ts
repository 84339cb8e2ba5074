// A UI subscriber that counts what a window would receive: messages, their bytes as the headless host
// sends them (JSON), the busiest rolling second, fills delivered in deltas and the engine's order count.
// Counters only, so the meter itself does not grow over hours.
import type { EngineEvent } from '../../../src/shared/contract.ts';

/** Arrival times within the last second; more than this many would already be far over any budget. */
const RING = 1024;

export interface UiWindow {
  messagesPerSecond: number;
  maxMessagesInOneSecond: number;
  bytesPerSecond: number;
}

export class UiMeter {
  fills = 0;
  reportedOrders = 0;
  seqGaps = 0;
  /** Busiest rolling second over the whole run. */
  maxInOneSecond = 0;
  private lastSeq: number | null = null;
  private readonly arrivals = new Float64Array(RING);
  private head = 0;
  private size = 0;
  private windowStart = performance.now();
  private windowMessages = 0;
  private windowBytes = 0;
  private windowMax = 0;

  readonly listener = (event: EngineEvent): void => {
    const now = performance.now();
    this.windowMessages++;
    this.windowBytes += Buffer.byteLength(JSON.stringify(event));
    this.countInRollingSecond(now);
    if (event.event === 'state.snapshot') {
      // A snapshot replaces the UI's state: delta numbering continues from whatever comes next.
      this.lastSeq = null;
      this.reportedOrders = event.payload.execution.orders;
    } else if (event.event === 'state.delta') {
      const delta = event.payload;
      if (this.lastSeq !== null && delta.seq !== this.lastSeq + 1) this.seqGaps++;
      this.lastSeq = delta.seq;
      this.fills += delta.fills?.length ?? 0;
      if (delta.execution) this.reportedOrders = delta.execution.orders;
    }
  };

  /** Rates since the previous call; the next window starts now. */
  takeWindow(): UiWindow {
    const now = performance.now();
    const seconds = (now - this.windowStart) / 1000;
    const window: UiWindow = {
      messagesPerSecond: this.windowMessages / seconds,
      maxMessagesInOneSecond: this.windowMax,
      bytesPerSecond: this.windowBytes / seconds,
    };
    this.windowStart = now;
    this.windowMessages = 0;
    this.windowBytes = 0;
    this.windowMax = 0;
    return window;
  }

  /** How many messages arrived in the second ending now: any one-second span, not calendar seconds. */
  private countInRollingSecond(now: number): void {
    while (this.size > 0 && this.arrivals[(this.head - this.size + RING) % RING] <= now - 1000) this.size--;
    this.arrivals[this.head] = now;
    this.head = (this.head + 1) % RING;
    this.size = Math.min(this.size + 1, RING);
    this.windowMax = Math.max(this.windowMax, this.size);
    this.maxInOneSecond = Math.max(this.maxInOneSecond, this.size);
  }
}
