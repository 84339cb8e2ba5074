// Progress as the UI gets it: a run reports every few thousand events, far more often than a panel
// can use, so each run or sweep passes at most five updates a second. An update that comes too soon
// is held and sent when its turn comes (unless a newer one replaces it), so the UI always ends up on
// the latest figures. A change of state (loading to running) and the final update go out at once, so
// the UI never misses how a run ended.

/** 200 ms: five updates a second. */
export const MIN_PROGRESS_INTERVAL_MS = 200;

export class ProgressGate<T extends { state: string }> {
  private lastAt = -Infinity;
  private lastState: string | undefined;
  private held: T | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly emit: (progress: T) => void;
  private readonly now: () => number;

  constructor(emit: (progress: T) => void, now: () => number = () => performance.now()) {
    this.emit = emit;
    this.now = now;
  }

  offer(progress: T, final = false): void {
    const wait = this.lastAt + MIN_PROGRESS_INTERVAL_MS - this.now();
    if (final || progress.state !== this.lastState || wait <= 0) return this.send(progress);
    this.held = progress;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      if (this.held) this.send(this.held);
    }, Math.ceil(wait));
  }

  private send(progress: T): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.held = undefined;
    this.lastAt = this.now();
    this.lastState = progress.state;
    this.emit(progress);
  }
}

/** Events per second since the run started running, as a whole number. */
export function rate(processed: number, startedAt: number, now: number = performance.now()): number {
  const seconds = (now - startedAt) / 1000;
  return seconds > 0 ? Math.round(processed / seconds) : 0;
}
