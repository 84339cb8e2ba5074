import type { Signal, StrategyStats } from '../../../shared/strategy.ts';
import { RingBuffer } from '../market/ring-buffer.ts';

export const SIGNAL_HISTORY_LIMIT = 200;

/** A strategy's signals, newest first and bounded, and counts over every signal it has emitted. */
export class SignalLog {
  readonly limit: number;
  readonly #signals: RingBuffer<Signal>;
  /** The history as last handed out; rebuilt on the next read after a signal, never changed in place. */
  #history: readonly Signal[] = [];
  #historyStale = false;
  #signalCount = 0;
  #longSignals = 0;
  #shortSignals = 0;
  #flatSignals = 0;
  #lastSignalTs: number | null = null;

  constructor(limit: number = SIGNAL_HISTORY_LIMIT) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`SignalLog limit must be a positive integer, got ${limit}`);
    }
    this.limit = limit;
    this.#signals = new RingBuffer(limit);
  }

  /** O(1): the history array is built when read (the UI, a few times a second), not per signal. */
  record(signal: Signal): void {
    this.#signals.push(signal);
    this.#historyStale = true;
    this.#signalCount++;
    if (signal.direction === 'long') this.#longSignals++;
    else if (signal.direction === 'short') this.#shortSignals++;
    else this.#flatSignals++;
    this.#lastSignalTs = signal.ts;
  }

  history(): readonly Signal[] {
    if (this.#historyStale) {
      const signals = this.#signals;
      const newestFirst: Signal[] = [];
      for (let index = signals.size - 1; index >= 0; index--) newestFirst.push(signals.at(index));
      this.#history = newestFirst;
      this.#historyStale = false;
    }
    return this.#history;
  }

  stats(): StrategyStats {
    return {
      signals: this.#signalCount,
      longSignals: this.#longSignals,
      shortSignals: this.#shortSignals,
      flatSignals: this.#flatSignals,
      lastSignalTs: this.#lastSignalTs,
    };
  }
}
