import type { Signal, StrategyStats } from '../../../shared/strategy.ts';

export const SIGNAL_HISTORY_LIMIT = 200;

/** A strategy's signals, newest first and bounded, and counts over every signal it has emitted. */
export class SignalLog {
  readonly limit: number;
  #signals: readonly Signal[] = [];
  #stats: StrategyStats = { signals: 0, longSignals: 0, shortSignals: 0, flatSignals: 0, lastSignalTs: null };

  constructor(limit: number = SIGNAL_HISTORY_LIMIT) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`SignalLog limit must be a positive integer, got ${limit}`);
    }
    this.limit = limit;
  }

  record(signal: Signal): void {
    // A new array per signal (signals are rare): a history handed out earlier never changes under its reader.
    this.#signals = [signal, ...this.#signals.slice(0, this.limit - 1)];
    const stats = this.#stats;
    this.#stats = {
      signals: stats.signals + 1,
      longSignals: stats.longSignals + (signal.direction === 'long' ? 1 : 0),
      shortSignals: stats.shortSignals + (signal.direction === 'short' ? 1 : 0),
      flatSignals: stats.flatSignals + (signal.direction === 'flat' ? 1 : 0),
      lastSignalTs: signal.ts,
    };
  }

  history(): readonly Signal[] {
    return this.#signals;
  }

  stats(): StrategyStats {
    return { ...this.#stats };
  }
}
