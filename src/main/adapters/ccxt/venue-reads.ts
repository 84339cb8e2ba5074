// Reads from the exchange (order lookups, trade lists, polls) retried with backoff, and the pause the
// exchange imposes when it rate limits the desk. Reads may be repeated freely; writes never go here.
import { Backoff, type Stopper } from './backoff.ts';
import type { CcxtExchange, CcxtModule } from './ccxt-module.ts';
import type { Redactor } from './redact.ts';
import { errorKind, exchangeMessage, retryAfterMs } from './venue-errors.ts';

export interface VenueReadsOptions {
  ccxt: CcxtModule;
  exchange: CcxtExchange;
  stopper: Stopper;
  now: () => number;
  log: (line: string) => void;
  redact: Redactor;
  retryMs: number[];
  /** The pause when the exchange asks to slow down without a Retry-After. */
  rateLimitMs: number;
  /** A pause began (not called again while it lasts). */
  onRateLimited: (waitMs: number) => void;
  onAuthFailure: (message: string) => void;
}

/** 'absent': the exchange says there is no such thing. 'failed': no usable answer, ask again later. */
export type ReadResult<T> = T | 'absent' | 'failed';

export class VenueReads {
  private readonly o: VenueReadsOptions;
  private cooldownUntil = 0;

  constructor(options: VenueReadsOptions) {
    this.o = options;
  }

  cooldownLeft(): number {
    return Math.max(0, this.cooldownUntil - this.o.now());
  }

  /** Starts (or extends) a pause for as long as the exchange asked; returns its length. */
  coolDown(): number {
    const now = this.o.now();
    const wait = retryAfterMs(this.o.exchange, this.o.rateLimitMs, now);
    const wasCooling = this.cooldownUntil > now;
    this.cooldownUntil = Math.max(this.cooldownUntil, now + wait);
    if (!wasCooling) this.o.onRateLimited(wait);
    return wait;
  }

  /**
   * A read with retries and backoff. A lookup's null and OrderNotFound both mean 'absent', so callers
   * never mistake "no answer" for "not there".
   */
  async read<T extends object>(what: string, fetch: () => Promise<T | null>, options: { attempts?: number; logFailure?: boolean } = {}): Promise<ReadResult<T>> {
    const attempts = options.attempts ?? this.o.retryMs.length + 1;
    const backoff = new Backoff(this.o.retryMs);
    for (let attempt = 1; !this.o.stopper.isStopped; attempt++) {
      try {
        return (await fetch()) ?? 'absent';
      } catch (error) {
        const kind = errorKind(this.o.ccxt, error);
        if (kind === 'not-found') return 'absent';
        if (kind === 'closed') return 'failed';
        const message = exchangeMessage(error, this.o.redact);
        if (kind === 'auth' || kind === 'permission') {
          this.o.onAuthFailure(message);
          return 'failed';
        }
        const wait = kind === 'rate-limit' ? this.coolDown() : backoff.next();
        if (attempt >= attempts) {
          if (options.logFailure !== false) this.o.log(`Reading ${what} from ${this.o.exchange.name} failed: ${message}`);
          return 'failed';
        }
        await this.o.stopper.sleep(wait);
      }
    }
    return 'failed';
  }
}
