// Waiting between attempts. Every wait can be cut short by stop(), so closing a desk never hangs on
// a retry timer.

export class Stopper {
  private stopped = false;
  private readonly waiters = new Set<() => void>();

  get isStopped(): boolean {
    return this.stopped;
  }

  stop(): void {
    this.stopped = true;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Resolves after ms, or at once when stopped. */
  sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waiters.add(wake);
    });
  }
}

/** Delays that grow along a schedule and then stay at its last step; reset after a success. */
export class Backoff {
  private readonly steps: readonly number[];
  private attempt = 0;

  constructor(steps: readonly number[]) {
    if (steps.length === 0) throw new RangeError('a backoff needs at least one delay');
    this.steps = steps;
  }

  next(): number {
    const delay = this.steps[Math.min(this.attempt, this.steps.length - 1)]!;
    this.attempt++;
    return delay;
  }

  get failures(): number {
    return this.attempt;
  }

  reset(): void {
    this.attempt = 0;
  }
}
