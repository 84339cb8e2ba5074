// A MarketFeed that passes every event on unchanged and times the engine's listener with it: from the
// call to its return, which is the engine's whole synchronous handling (candles, strategies, risk,
// journal, paper fills). Times go into one reused buffer, so measuring adds nothing to the heap.
import { summarize, type Summary } from '../../../bench/stats.ts';
import type { MarketFeed } from '../../../src/main/engine/ports.ts';
import type { MarketEvent } from '../../../src/shared/market.ts';

export class HandlingTimer {
  /** Every event handled so far. */
  events = 0;
  /** The time of the latest ticker: the simulated market's now. */
  simTime: number | null = null;
  private times = new Float64Array(1 << 16);
  private count = 0;

  record(ms: number, event: MarketEvent): void {
    if (this.count === this.times.length) {
      const bigger = new Float64Array(this.times.length * 2);
      bigger.set(this.times);
      this.times = bigger;
    }
    this.times[this.count++] = ms;
    this.events++;
    if (event.type === 'ticker') this.simTime = event.ticker.ts;
  }

  /** The handling times since the previous call, summarized; the next window starts empty. */
  takeWindow(): Summary {
    const summary = summarize(this.times, this.count);
    this.count = 0;
    return summary;
  }
}

export function timedFeed(feed: MarketFeed, timer: HandlingTimer): MarketFeed {
  return {
    source: feed.source,
    symbols: () => feed.symbols(),
    setListener(listener) {
      feed.setListener((event) => {
        const started = performance.now();
        listener(event);
        timer.record(performance.now() - started, event);
      });
    },
    start: () => feed.start(),
    stop: () => feed.stop(),
    history: (symbol, timeframe, limit) => feed.history(symbol, timeframe, limit),
    health: () => feed.health(),
    // Optional capabilities stay optional: the engine checks for them.
    setSpeed: feed.setSpeed && ((speed) => feed.setSpeed?.(speed)),
    setStaleListener: feed.setStaleListener && ((listener) => feed.setStaleListener?.(listener)),
  };
}
