// Watches, from the ccxt exchange object the desk's feed reads, when market data really arrived per
// symbol and when a stream failed: the ground truth against which "no order while the feed was stale"
// is judged, kept apart from the engine's own idea of staleness.
const WATCHES = ['watchOrderBook', 'watchTrades', 'watchTicker'] as const;

export class FeedObserver {
  private readonly arrivals = new Map<string, number[]>();
  private readonly failures = new Map<string, number[]>();

  /** Wraps the watch calls of one ccxt exchange object; everything else is untouched. */
  observe(exchange: Record<string, unknown>): void {
    for (const name of WATCHES) {
      const original = exchange[name] as ((symbol: string, ...rest: unknown[]) => Promise<unknown>) | undefined;
      if (typeof original !== 'function') continue;
      exchange[name] = (symbol: string, ...rest: unknown[]): Promise<unknown> =>
        original.call(exchange, symbol, ...rest).then(
          (value) => {
            this.note(this.arrivals, symbol);
            return value;
          },
          (error: unknown) => {
            this.note(this.failures, symbol);
            throw error;
          },
        );
    }
  }

  private note(times: Map<string, number[]>, symbol: string): void {
    const list = times.get(symbol) ?? [];
    list.push(Date.now());
    times.set(symbol, list);
  }

  /**
   * Whether the symbol was stale at `ts`: no data for over `staleMs`, or a stream had failed and no
   * data had come since. `graceMs` covers the few milliseconds between ccxt resolving and the engine
   * reading the clock.
   */
  staleAt(symbol: string, ts: number, staleMs: number, graceMs: number): boolean {
    return this.staleness(symbol, ts, staleMs, graceMs) !== null;
  }

  /** Why the symbol was stale at `ts`, in a sentence; null when it was not. */
  staleness(symbol: string, ts: number, staleMs: number, graceMs: number): string | null {
    const lastArrival = latestAtOrBefore(this.arrivals.get(symbol) ?? [], ts + graceMs);
    if (lastArrival === undefined) return `no market data for ${symbol} had arrived yet`;
    if (ts - lastArrival > staleMs + graceMs) return `the last market data for ${symbol} was ${ts - lastArrival} ms old`;
    const lastFailure = latestAtOrBefore(this.failures.get(symbol) ?? [], ts - graceMs);
    if (lastFailure !== undefined && lastFailure > lastArrival) {
      return `a ${symbol} stream failed ${ts - lastFailure} ms before and no data had come since (last ${ts - lastArrival} ms before)`;
    }
    return null;
  }

  /** Stream failures seen, over all symbols. */
  failureCount(): number {
    let count = 0;
    for (const list of this.failures.values()) count += list.length;
    return count;
  }
}

function latestAtOrBefore(sorted: number[], ts: number): number | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! <= ts) low = mid + 1;
    else high = mid;
  }
  return low === 0 ? undefined : sorted[low - 1];
}
