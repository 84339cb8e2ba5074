// The account's private streams (order updates and own trades) over ccxt.pro, per symbol. The broker
// needs to know when they are down, so it can poll working orders instead, and when they come back,
// so it can poll once more for whatever happened in the gap (a websocket does not replay).
import { Backoff, type Stopper } from './backoff.ts';
import type { CcxtExchange, CcxtOrder, CcxtTrade } from './ccxt-module.ts';

export interface AccountStreamsSink {
  orders(orders: CcxtOrder[]): void;
  trades(trades: CcxtTrade[]): void;
  failed(stream: string, error: unknown, failuresInARow: number): void;
  /** Every stream is subscribed again after being down. */
  recovered(): void;
}

export interface AccountStreamsTiming {
  streamRetryMs: number[];
  /** A resubscribed stream that has not failed for this long counts as up (quiet accounts send nothing). */
  streamSettledMs: number;
}

export class AccountStreams {
  private readonly exchange: CcxtExchange;
  private readonly symbols: string[];
  private readonly stopper: Stopper;
  private readonly timing: AccountStreamsTiming;
  private readonly sink: AccountStreamsSink;
  /** Streams not (yet) known to be subscribed; all of them until they settle. */
  private readonly down = new Set<string>();
  private started = false;
  /** The first subscription settling is not a recovery: nothing can have been missed before it. */
  private hasFailed = false;

  constructor(options: { exchange: CcxtExchange; symbols: string[]; stopper: Stopper; timing: AccountStreamsTiming; sink: AccountStreamsSink }) {
    this.exchange = options.exchange;
    this.symbols = options.symbols;
    this.stopper = options.stopper;
    this.timing = options.timing;
    this.sink = options.sink;
  }

  /** False when the exchange has no private websockets in ccxt: the broker then polls all the time. */
  get supported(): boolean {
    return this.exchange.has.watchOrders === true && this.exchange.has.watchMyTrades === true;
  }

  get isDown(): boolean {
    return !this.supported || this.down.size > 0;
  }

  start(): void {
    if (this.started || !this.supported) return;
    this.started = true;
    for (const symbol of this.symbols) {
      void this.loop(`orders ${symbol}`, () => this.exchange.watchOrders(symbol), (orders) => this.sink.orders(orders));
      void this.loop(`trades ${symbol}`, () => this.exchange.watchMyTrades(symbol), (trades) => this.sink.trades(trades));
    }
  }

  private async loop<T>(name: string, watch: () => Promise<T[]>, deliver: (items: T[]) => void): Promise<void> {
    const backoff = new Backoff(this.timing.streamRetryMs);
    this.down.add(name);
    while (!this.stopper.isStopped) {
      const settled = setTimeout(() => this.up(name), this.timing.streamSettledMs);
      try {
        const items = await watch();
        clearTimeout(settled);
        if (this.stopper.isStopped) return;
        this.up(name);
        backoff.reset();
        deliver(items);
      } catch (error) {
        clearTimeout(settled);
        if (this.stopper.isStopped) return;
        this.down.add(name);
        this.hasFailed = true;
        const delay = backoff.next();
        this.sink.failed(name, error, backoff.failures);
        await this.stopper.sleep(delay);
      }
    }
  }

  private up(name: string): void {
    if (!this.down.delete(name) || this.stopper.isStopped) return;
    if (this.down.size === 0 && this.hasFailed) this.sink.recovered();
  }
}
