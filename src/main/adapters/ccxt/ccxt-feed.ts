// Market data from an exchange through ccxt.pro: per symbol, one loop each for the order book, public
// trades and the ticker, all converted to MarketEvents on the desk's clock. Exchanges without websockets
// in ccxt are polled over REST instead. A loop that fails marks its symbol stale, waits and resubscribes;
// ccxt.pro reconnects the socket on the next watch call.
import type { Candle, FeedHealth, FeedStatus, MarketEvent, OrderBook, SymbolInfo, Timeframe } from '../../../shared/market.ts';
import { EventRateMeter } from '../../engine/market/event-rate-meter.ts';
import type { MarketFeed } from '../../engine/ports.ts';
import { Backoff, Stopper } from './backoff.ts';
import type { CcxtExchange, CcxtOrderBook, CcxtTrade } from './ccxt-module.ts';
import { BadDataLog, shown } from './bad-data-log.ts';
import { bookEvent, candlesFrom, isPositive, ReceiptClock, tradeEvent, type Level } from './market-events.ts';
import type { Redactor } from './redact.ts';
import { exchangeMessage } from './venue-errors.ts';

export interface FeedTiming {
  /** Order book levels per side: enough for the depth panel and for shadow fills. */
  depth: number;
  /** REST polling interval for exchanges without websockets. */
  pollMs: number;
  /** Waits before resubscribing after a failure, growing per consecutive failure. */
  retryDelaysMs: number[];
  /** No event for this long shows the feed as stale in its health. */
  staleAfterMs: number;
}

export const DEFAULT_FEED_TIMING: FeedTiming = {
  depth: 20,
  pollMs: 1_000,
  retryDelaysMs: [500, 1_000, 2_000, 5_000, 10_000],
  staleAfterMs: 5_000,
};

export interface CcxtFeedOptions {
  exchange: CcxtExchange;
  symbols: SymbolInfo[];
  log: (line: string) => void;
  redact: Redactor;
  now?: () => number;
  timing?: Partial<FeedTiming>;
}

type SymbolStatus = 'connecting' | 'live' | 'stale';

/** A ticker price that is given but not a positive number (an absent one is taken from the book). */
const unusablePrice = (price: number | undefined): boolean => price !== undefined && price !== null && !isPositive(price);

/** Trade ids remembered per symbol while polling, to skip trades a previous poll already returned. */
const SEEN_TRADES = 500;

export class CcxtFeed implements MarketFeed {
  readonly source: string;
  private readonly name: string;
  private readonly exchange: CcxtExchange;
  private readonly symbolList: SymbolInfo[];
  private readonly log: (line: string) => void;
  private readonly redact: Redactor;
  private readonly now: () => number;
  private readonly timing: FeedTiming;
  private readonly clock: ReceiptClock;
  private readonly rate = new EventRateMeter();
  private readonly status = new Map<string, SymbolStatus>();
  private staleListener: (symbol: string, reason: string) => void = () => {};
  private readonly books = new Map<string, OrderBook>();
  private readonly historyWarned = new Set<string>();
  private readonly badData: BadDataLog;
  /** Per symbol, made once: the book path runs on every update and allocates nothing. */
  private readonly badLevel = new Map<string, (level: Level) => void>();
  private listener: (event: MarketEvent) => void = () => {};
  private stopper: Stopper | null = null;
  private loops: Promise<void>[] = [];
  private lastEventTs: number | null = null;

  constructor(options: CcxtFeedOptions) {
    this.exchange = options.exchange;
    this.source = options.exchange.id;
    this.name = options.exchange.name ?? options.exchange.id;
    this.symbolList = options.symbols;
    this.log = options.log;
    this.redact = options.redact;
    this.now = options.now ?? Date.now;
    this.timing = { ...DEFAULT_FEED_TIMING, ...options.timing };
    this.clock = new ReceiptClock(this.now);
    this.badData = new BadDataLog(this.log);
  }

  symbols(): SymbolInfo[] {
    return this.symbolList;
  }

  setListener(listener: (event: MarketEvent) => void): void {
    this.listener = listener;
  }

  get streaming(): boolean {
    return this.exchange.has.watchOrderBook === true;
  }

  start(): void {
    if (this.stopper && !this.stopper.isStopped) return;
    const stopper = new Stopper();
    this.stopper = stopper;
    const { depth } = this.timing;
    for (const { symbol } of this.symbolList) {
      this.status.set(symbol, 'connecting');
      this.badLevel.set(symbol, (level) => {
        this.badData.report(`book ${symbol}`, () => `${this.name} sent an order book level for ${symbol} at price ${shown(level[0])} with size ${shown(level[1])}, which cannot be right; it was left out.`);
      });
      if (!this.streaming) {
        this.loops.push(this.pollLoop(stopper, symbol));
        continue;
      }
      // Some exchanges accept only their own depth steps; a book that fails before its first update is
      // retried at the exchange's default depth and cut to `depth` here.
      let limit: number | undefined = depth;
      let booked = false;
      const watchBook = (): Promise<CcxtOrderBook> =>
        this.exchange.watchOrderBook(symbol, limit).catch((error: unknown) => {
          if (!booked) limit = undefined;
          throw error;
        });
      this.loops.push(
        this.watchLoop(stopper, symbol, 'order book', watchBook, (book) => {
          booked = true;
          this.onBook(symbol, book.bids, book.asks);
        }),
      );
      if (this.exchange.has.watchTrades) {
        this.loops.push(this.watchLoop(stopper, symbol, 'trades', () => this.exchange.watchTrades(symbol), (trades) => this.onTrades(symbol, trades)));
      }
      if (this.exchange.has.watchTicker) {
        this.loops.push(this.watchLoop(stopper, symbol, 'ticker', () => this.exchange.watchTicker(symbol), (t) => this.onTicker(symbol, t.bid, t.ask, t.last)));
      }
    }
  }

  /** Ends every loop; the desk closes the exchange's sockets, which the brokers share. */
  stop(): void {
    this.stopper?.stop();
  }

  /** Resolves when every loop has returned (after stop() and the exchange is closed). */
  async stopped(): Promise<void> {
    await Promise.allSettled(this.loops);
    this.loops = [];
  }

  async history(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]> {
    const exchangeTimeframes = this.exchange.timeframes as Record<string, unknown> | undefined;
    if (!this.exchange.has.fetchOHLCV || !exchangeTimeframes?.[timeframe]) return [];
    try {
      const rows = await this.exchange.fetchOHLCV(symbol, timeframe, undefined, Math.min(limit, 1000));
      const candles = candlesFrom(symbol, timeframe, rows, this.now());
      if (candles.length < rows.length) {
        this.badData.report(`candles ${symbol}`, () => `${this.name} sent ${rows.length - candles.length} of ${rows.length} ${timeframe} candles for ${symbol} that cannot be right (a price that is no positive number, high under low, a negative volume); they were left out of the chart.`);
      }
      return candles;
    } catch (error) {
      // The chart starts empty and fills from live trades; not worth failing a session over.
      if (!this.historyWarned.has(symbol)) {
        this.historyWarned.add(symbol);
        this.log(`${this.name}: no candle history for ${symbol} (${exchangeMessage(error, this.redact)}); the chart fills from live trades.`);
      }
      return [];
    }
  }

  health(): FeedHealth {
    const now = this.now();
    return { source: this.source, status: this.overallStatus(now), lastEventTs: this.lastEventTs, eventsPerSecond: this.rate.perSecond(now) };
  }

  private overallStatus(now: number): FeedStatus {
    if (!this.stopper || this.stopper.isStopped) return 'stopped';
    const states = [...this.status.values()];
    if (states.includes('stale')) return 'stale';
    if (this.lastEventTs !== null && now - this.lastEventTs > this.timing.staleAfterMs) return 'stale';
    if (this.lastEventTs === null || states.includes('connecting')) return 'connecting';
    return 'live';
  }

  private async watchLoop<T>(stopper: Stopper, symbol: string, what: string, watch: () => Promise<T>, handle: (value: T) => void): Promise<void> {
    const backoff = new Backoff(this.timing.retryDelaysMs);
    while (!stopper.isStopped) {
      let value: T;
      try {
        value = await watch();
      } catch (error) {
        if (stopper.isStopped) return;
        await this.failed(stopper, backoff, symbol, what, error);
        continue;
      }
      if (stopper.isStopped) return;
      if (backoff.failures > 0) this.log(`${this.name} ${what} for ${symbol} is streaming again.`);
      backoff.reset();
      handle(value);
    }
  }

  /** REST fallback: book, ticker and new trades every pollMs. */
  private async pollLoop(stopper: Stopper, symbol: string): Promise<void> {
    const backoff = new Backoff(this.timing.retryDelaysMs);
    const seen = new Set<string>();
    let since: number | undefined;
    let first = true;
    while (!stopper.isStopped) {
      try {
        const book = await this.exchange.fetchOrderBook(symbol, this.timing.depth);
        if (stopper.isStopped) return;
        this.onBook(symbol, book.bids, book.asks);
        if (this.exchange.has.fetchTicker) {
          const t = await this.exchange.fetchTicker(symbol);
          if (stopper.isStopped) return;
          this.onTicker(symbol, t.bid, t.ask, t.last);
        }
        if (this.exchange.has.fetchTrades) {
          const trades = (await this.exchange.fetchTrades(symbol, since)).filter((t) => !seen.has(String(t.id)));
          if (stopper.isStopped) return;
          for (const t of trades) {
            seen.add(String(t.id));
            if (t.timestamp !== undefined && (since === undefined || t.timestamp > since)) since = t.timestamp;
          }
          if (seen.size > SEEN_TRADES) for (const id of [...seen].slice(0, seen.size - SEEN_TRADES)) seen.delete(id);
          // The first poll returns trades from before the session: they belong to history, not now.
          if (!first) this.onTrades(symbol, trades);
          first = false;
        }
        backoff.reset();
        await stopper.sleep(this.timing.pollMs);
      } catch (error) {
        if (stopper.isStopped) return;
        await this.failed(stopper, backoff, symbol, 'polling', error);
      }
    }
  }

  setStaleListener(listener: (symbol: string, reason: string) => void): void {
    this.staleListener = listener;
  }

  private async failed(stopper: Stopper, backoff: Backoff, symbol: string, what: string, error: unknown): Promise<void> {
    this.status.set(symbol, 'stale');
    this.staleListener(symbol, `${this.name} ${what} failed: ${exchangeMessage(error, this.redact)}`);
    const delay = backoff.next();
    // The first failure and every tenth after it: a long outage should not flood the log.
    if (backoff.failures === 1 || backoff.failures % 10 === 0) {
      this.log(`${this.name} ${what} for ${symbol} failed (${exchangeMessage(error, this.redact)}); retrying in ${delay} ms.`);
    }
    await stopper.sleep(delay);
  }

  private onBook(symbol: string, bids: readonly Level[], asks: readonly Level[]): void {
    const event = bookEvent(symbol, this.clock.stamp(), bids, asks, this.timing.depth, this.badLevel.get(symbol));
    this.books.set(symbol, event.book);
    this.emit(symbol, event);
  }

  private onTrades(symbol: string, trades: readonly CcxtTrade[]): void {
    for (const trade of trades) {
      const event = tradeEvent(symbol, this.clock.stamp(), trade);
      if (event) this.emit(symbol, event);
      else this.badData.report(`trade ${symbol}`, () => `${this.name} sent a trade for ${symbol} with price ${shown(trade.price)} and size ${shown(trade.amount)}, which cannot be right; it was dropped.`);
    }
  }

  /** Some exchanges' tickers carry no bid/ask: take them from the latest book, else skip the ticker. */
  private onTicker(symbol: string, bid: number | undefined, ask: number | undefined, last: number | undefined): void {
    if (unusablePrice(bid) || unusablePrice(ask) || unusablePrice(last)) {
      this.badData.report(`ticker ${symbol}`, () => {
        const prices = Object.entries({ bid, ask, last }).filter(([, price]) => price !== undefined && price !== null);
        return `${this.name} sent a ticker for ${symbol} with ${prices.map(([name, price]) => `${name} ${shown(price)}`).join(', ')}, which cannot be right; it was dropped.`;
      });
      return;
    }
    const book = this.books.get(symbol);
    const b = bid ?? book?.bids[0]?.[0];
    const a = ask ?? book?.asks[0]?.[0];
    if (b === undefined || a === undefined) return;
    this.emit(symbol, { type: 'ticker', ticker: { symbol, ts: this.clock.stamp(), bid: b, ask: a, last: last ?? (b + a) / 2 } });
  }

  private emit(symbol: string, event: MarketEvent): void {
    if (!this.stopper || this.stopper.isStopped) return;
    const now = this.now();
    this.rate.record(1, now);
    this.lastEventTs = now;
    this.status.set(symbol, 'live');
    try {
      this.listener(event);
    } catch (error) {
      // An engine bug must not look like a broken stream and trigger resubscribes.
      this.log(`The engine failed on a ${event.type} event for ${symbol}: ${(error as Error).message}`);
    }
  }
}
