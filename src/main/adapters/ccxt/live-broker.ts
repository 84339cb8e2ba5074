// Real orders on a real exchange. The rules that keep money safe:
// - a write (createOrder) is never repeated: when its answer is lost the order is UNKNOWN and is looked
//   up by its client id until the exchange confirms it exists or confirms it never arrived;
// - fills come from the exchange's own trade ids, from whichever path sees them first (the create
//   reply, the trade stream, REST); the engine drops repeats by (orderId, tradeId);
// - a terminal status is passed on only after every fill the exchange reports for the order.
import type { MarketEvent, SymbolInfo } from '../../../shared/market.ts';
import type { Order } from '../../../shared/trading.ts';
import type { Broker, Clock, ExecutionEvent, VenueProblemCode } from '../../engine/ports.ts';
import { AccountStreams } from './account-streams.ts';
import { Stopper } from './backoff.ts';
import { BadDataLog } from './bad-data-log.ts';
import { readBalances } from './balances.ts';
import type { CcxtExchange, CcxtModule, CcxtOrder, CcxtTrade } from './ccxt-module.ts';
import { toFill } from './fills.ts';
import { findOrder, tradesOf } from './order-lookup.ts';
import type { Redactor } from './redact.ts';
import { orderReportProblem, tradeProblem } from './report-checks.ts';
import { reconcileAtStart } from './restart-reconciliation.ts';
import { errorKind, exchangeMessage } from './venue-errors.ts';
import { venuePrecision } from './venue-precision.ts';
import { createOrderArgs, nativeExitsOf, ocoParams, type NativeExit } from './native-exits.ts';
import { VenueReads, type ReadResult } from './venue-reads.ts';
import { WorkingOrders, type WorkingOrder } from './working-orders.ts';

export interface LiveTiming {
  /** Waits before each lookup of an UNKNOWN order; absence is confirmed only after the last. */
  lookupDelaysMs: number[];
  /** Waits between retries of a failed read. */
  readRetryMs: number[];
  streamRetryMs: number[];
  streamSettledMs: number;
  /** How often working orders are polled while a private stream is down. */
  pollMs: number;
  /** How often they are polled anyway, in case a stream went quiet without failing. */
  safetyPollMs: number;
  /** How long a fill may lag its order's update on the stream before it is fetched over REST. */
  fillGraceMs: number;
  /** The pause when the exchange asks the desk to slow down without saying for how long. */
  rateLimitMs: number;
  /** How often the account's holdings are read, when no order is in flight, to keep the desk equal to them. */
  holdingsMs: number;
}

export const DEFAULT_LIVE_TIMING: LiveTiming = {
  // The last delay repeats until the receive window has passed (see receiveWindowMs).
  lookupDelaysMs: [500, 1_000, 2_000, 3_000, 3_000],
  readRetryMs: [250, 1_000, 3_000, 5_000],
  streamRetryMs: [500, 1_000, 2_000, 5_000, 10_000],
  streamSettledMs: 3_000,
  pollMs: 2_000,
  safetyPollMs: 15_000,
  fillGraceMs: 300,
  rateLimitMs: 10_000,
  holdingsMs: 30_000,
};

export interface LiveBrokerOptions {
  ccxt: CcxtModule;
  exchange: CcxtExchange;
  symbols: SymbolInfo[];
  clock: Clock;
  log: (line: string) => void;
  redact: Redactor;
  timing?: Partial<LiveTiming>;
}

/** A terminal order's fills may sum a float hair under what the exchange reports. */
const SIZE_EPSILON = 1e-9;
const DEFAULT_RECEIVE_WINDOW_MS = 10_000;
/** Clock differences between the desk and the exchange. */
const RECEIVE_WINDOW_MARGIN_MS = 1_000;
/** How often the poll loop wakes to see whether a poll is due. */
const POLL_TICK_MS = 250;

export class LiveBroker implements Broker {
  readonly mode = 'live' as const;
  readonly ccxt: CcxtModule;
  readonly exchange: CcxtExchange;
  readonly clock: Clock;
  readonly log: (line: string) => void;
  readonly redact: Redactor;
  readonly timing: LiveTiming;
  readonly orders = new WorkingOrders();
  readonly stopper = new Stopper();
  private readonly symbols = new Map<string, SymbolInfo>();
  private readonly streams: AccountStreams;
  private listener: (event: ExecutionEvent) => void = () => {};
  private started = false;
  private readonly reads: VenueReads;
  private lastPoll = 0;
  private gapPollDue = false;
  /** Orders the journal has open but the exchange does not know; the engine keeps them until the trader acts. */
  private readonly orphans = new Map<string, WorkingOrder>();
  private pollFailing = false;
  private lastHoldingsRead = 0;
  /** Fills passed on so far: a balance read while one arrived cannot be compared with the desk's. */
  private fillsEmitted = 0;
  private authProblemShown = false;
  private readonly badData: BadDataLog;

  constructor(options: LiveBrokerOptions) {
    this.ccxt = options.ccxt;
    this.exchange = options.exchange;
    this.clock = options.clock;
    this.log = options.log;
    this.redact = options.redact;
    this.timing = { ...DEFAULT_LIVE_TIMING, ...options.timing };
    for (const info of options.symbols) this.symbols.set(info.symbol, info);
    this.badData = new BadDataLog(this.log);
    this.reads = new VenueReads({
      ccxt: this.ccxt,
      exchange: this.exchange,
      stopper: this.stopper,
      now: () => this.clock.now(),
      log: this.log,
      redact: this.redact,
      retryMs: this.timing.readRetryMs,
      rateLimitMs: this.timing.rateLimitMs,
      onRateLimited: (wait) => {
        this.problem('RATE_LIMIT', false, `${this.name} asked the desk to slow down (rate limit): new orders and order checks pause for ${Math.ceil(wait / 1000)} s.`);
      },
      onAuthFailure: (message) => this.authenticationProblem(message),
    });
    this.streams = new AccountStreams({
      exchange: this.exchange,
      symbols: options.symbols.map((s) => s.symbol),
      stopper: this.stopper,
      timing: this.timing,
      sink: {
        orders: (orders) => {
          for (const order of orders) this.noteOrder(order);
        },
        trades: (trades) => this.noteStreamedTrades(trades),
        failed: (stream, error, failures) => this.streamFailed(stream, error, failures),
        recovered: () => {
          this.log(`${this.exchange.name}: account streams are back; checking working orders for anything missed.`);
          this.gapPollDue = true;
        },
      },
    });
  }

  get name(): string {
    return this.exchange.name ?? this.exchange.id;
  }

  setListener(listener: (event: ExecutionEvent) => void): void {
    this.listener = listener;
  }

  venuePrecision(symbol: string, size: number, price: number | undefined): { size: number; price: number | undefined } | null {
    return venuePrecision(this.exchange, symbol, size, price);
  }

  nativeExits(symbol: string): ReadonlySet<NativeExit> {
    return nativeExitsOf(this.exchange, symbol);
  }

  /**
   * A stop and a take-profit as one OCO order list at the venue: each leg keeps its clientOrderId, so it
   * is tracked, filled, cancelled and reconciled like any other order.
   */
  submitOco(stop: Order, target: Order): void {
    const info = this.symbols.get(stop.symbol);
    if (info === undefined) {
      for (const leg of [stop, target]) this.emitRejected(leg.clientOrderId, `Unknown symbol ${stop.symbol}.`);
      return;
    }
    const now = this.clock.now();
    const legs = [stop, target].map((leg) => this.orders.add(leg, info, { sentAt: now, orderId: '', phase: 'sending', accepted: false }));
    this.start();
    void this.sendOco(legs, stop, target);
  }

  /** Live orders match at the exchange; market data is not needed here. */
  onMarket(_event: MarketEvent): void {}

  submit(order: Order): void {
    const now = this.clock.now();
    const info = this.symbols.get(order.symbol);
    if (info === undefined) return this.emitRejected(order.clientOrderId, `Unknown symbol ${order.symbol}.`);
    if (this.orders.get(order.clientOrderId)) return this.emitRejected(order.clientOrderId, `Order ${order.clientOrderId} was already sent.`);
    const wait = this.reads.cooldownLeft();
    if (wait > 0) {
      return this.emitRejected(order.clientOrderId, `Held back: ${this.name} asked the desk to slow down; new orders resume in ${Math.ceil(wait / 1000)} s.`);
    }
    const working = this.orders.add(order, info, { sentAt: now, orderId: '', phase: 'sending', accepted: false });
    this.start();
    void this.send(working);
  }

  cancel(clientOrderId: string): void {
    const orphan = this.orphans.get(clientOrderId);
    if (orphan !== undefined) {
      void this.resolveOrphan(orphan);
      return;
    }
    const working = this.orders.get(clientOrderId);
    if (working === undefined) return;
    if (working.phase === 'done') return;
    // Not acknowledged yet: there is nothing to cancel until the exchange confirms the order exists.
    if (!working.accepted) {
      working.cancelRequested = true;
      return;
    }
    void this.sendCancel(working);
  }

  /** Open orders first (fills made while the desk was closed), then the holdings they leave. */
  restore(openOrders: Order[]): void {
    this.start();
    void reconcileAtStart(this, openOrders)
      .then(() => this.readHoldings())
      .catch((error: unknown) => {
        this.log(`Reconciling open orders with ${this.name} failed: ${exchangeMessage(error, this.redact)}`);
      });
  }

  /** After the computer slept: every working order looked up at the exchange, then the balance if nothing is in flight. */
  async reconcile(): Promise<void> {
    if (!this.started) return;
    await this.pollWorkingOrders(this.clock.now());
    await this.readHoldings();
  }

  stop(): void {
    this.stopper.stop();
  }

  /** Starts the account streams and the poll loop once, on restore or the first order. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.streams.start();
    void this.pollLoop();
  }

  symbolInfo(symbol: string): SymbolInfo | undefined {
    return this.symbols.get(symbol);
  }

  symbolList(): string[] {
    return [...this.symbols.keys()];
  }

  // ---- sending ----

  private async send(working: WorkingOrder): Promise<void> {
    let reply: CcxtOrder;
    try {
      // ccxt maps clientOrderId to each exchange's field (binance: newClientOrderId), stopLossPrice to a STOP_LOSS order.
      const { type, price, params } = createOrderArgs(working);
      reply = await this.exchange.createOrder(working.symbol, type, working.side, working.size, price, params);
    } catch (error) {
      this.submitFailed(working, error);
      return;
    }
    if (!reply?.id) {
      this.markUnknown(working, `${this.name} answered without an order id`);
      return;
    }
    if (!this.noteOrder(reply, working) && !working.accepted && working.phase !== 'done') {
      this.markUnknown(working, `${this.name} answered with an order report that cannot be right`);
    }
  }

  /** ccxt has no unified OCO for spot: Binance's order list endpoint, its leg reports parsed by ccxt. */
  private async sendOco(legs: WorkingOrder[], stop: Order, target: Order): Promise<void> {
    let reports: CcxtOrder[];
    try {
      const place = (this.exchange as unknown as Record<string, (params: Record<string, unknown>) => Promise<{ orderReports?: unknown[] }>>)['privatePostOrderListOco'];
      if (place === undefined) throw new this.ccxt.NotSupported(`${this.name} has no OCO order lists`);
      const reply = await place.call(this.exchange, ocoParams(this.exchange, stop, target));
      reports = this.exchange.parseOrders(reply.orderReports ?? [], this.exchange.market(stop.symbol));
    } catch (error) {
      for (const working of legs) this.submitFailed(working, error);
      return;
    }
    for (const working of legs) {
      const report = reports.find((r) => r.clientOrderId === working.clientOrderId);
      if (report === undefined || !report.id) this.markUnknown(working, `${this.name} answered the OCO without this leg`);
      else if (!this.noteOrder(report, working) && !working.accepted && working.phase !== 'done') {
        this.markUnknown(working, `${this.name} answered with an order report that cannot be right`);
      }
    }
  }

  private submitFailed(working: WorkingOrder, error: unknown): void {
    if (this.stopper.isStopped || working.phase === 'done') return;
    const kind = errorKind(this.ccxt, error);
    const message = exchangeMessage(error, this.redact);
    switch (kind) {
      case 'no-answer':
      case 'closed':
        if (!working.accepted) this.markUnknown(working, `no answer from ${this.name} (${message})`);
        return;
      case 'rate-limit': {
        const wait = this.reads.coolDown();
        this.finishRejected(working, `${this.name} is rate limiting the desk and refused the order (${message}); nothing was placed. New orders resume in ${Math.ceil(wait / 1000)} s.`);
        return;
      }
      case 'auth':
      case 'permission':
        this.finishRejected(working, `${this.name} refused the API credentials: ${message}`);
        this.authenticationProblem(message);
        return;
      case 'clock':
        this.finishRejected(working, `${this.name} refused the order's timestamp: the computer's clock is off (${message}). Sync the clock and try again.`);
        return;
      default:
        this.finishRejected(working, message);
    }
  }

  private markUnknown(working: WorkingOrder, why: string): void {
    working.phase = 'unknown';
    this.emit({ type: 'unknown', clientOrderId: working.clientOrderId, ts: this.clock.now(), reason: `${why}; looking it up by its client id, never resending.` });
    void this.lookUp(working);
  }

  /**
   * Looks an UNKNOWN order up on a schedule. Found: it goes on as accepted. Absent at the last two
   * lookups, once the exchange's receive window has passed since the send: it never arrived, and
   * cannot any more. Lookups that fail keep the order UNKNOWN and keep trying.
   */
  async lookUp(working: WorkingOrder): Promise<void> {
    const delays = this.timing.lookupDelaysMs;
    let absentInARow = 0;
    let failuresLogged = 0;
    for (let attempt = 0; !this.stopper.isStopped && working.phase === 'unknown'; attempt++) {
      await this.stopper.sleep(delays[Math.min(attempt, delays.length - 1)]! + this.reads.cooldownLeft());
      if (this.stopper.isStopped || working.phase !== 'unknown') return;
      try {
        const found = await findOrder(this.ccxt, this.exchange, working);
        if (working.phase !== 'unknown') return;
        if (found) {
          if (!this.noteOrder(found, working)) {
            absentInARow = 0; // a garbled answer says nothing either way: ask again
            continue;
          }
          this.log(`${this.name} has order ${working.clientOrderId} after all (${found.status}).`);
          return;
        }
        absentInARow++;
        const windowPassed = this.clock.now() - working.sentAt >= this.receiveWindowMs();
        if (attempt + 1 >= delays.length && absentInARow >= 2 && windowPassed) {
          this.finishRejected(working, 'The exchange never received the order.');
          return;
        }
      } catch (error) {
        absentInARow = 0;
        const kind = errorKind(this.ccxt, error);
        if (kind === 'rate-limit') this.reads.coolDown();
        if (kind === 'auth' || kind === 'permission') this.authenticationProblem(exchangeMessage(error, this.redact));
        if (failuresLogged++ % 10 === 0) {
          this.log(`Looking up order ${working.clientOrderId} at ${this.name} failed (${exchangeMessage(error, this.redact)}); it stays UNKNOWN and the desk keeps asking.`);
        }
      }
    }
  }

  /**
   * A signed request carries its timestamp, and the exchange refuses it once recvWindow has passed
   * (ccxt's binance default: 10 s). After that, a request still stuck somewhere can no longer place
   * the order, so absence becomes final. Exchanges without the notion get the same 10 s.
   */
  private receiveWindowMs(): number {
    const options = this.exchange.options as Record<string, unknown> | undefined;
    const window = Number(options?.['recvWindow']);
    return (Number.isFinite(window) && window > 0 ? window : DEFAULT_RECEIVE_WINDOW_MS) + RECEIVE_WINDOW_MARGIN_MS;
  }

  // ---- what the exchange says about orders and trades (from any path) ----

  /**
   * An order's state from a create reply, the order stream, a lookup, a poll or a cancel reply. False
   * when the report cannot be right and was ignored (the order is checked again at the next poll).
   */
  noteOrder(order: CcxtOrder, known?: WorkingOrder): boolean {
    const working =
      known ??
      (order.clientOrderId ? this.orders.get(order.clientOrderId) : undefined) ??
      (order.id ? this.orders.withOrderId(String(order.id)) : undefined);
    if (working === undefined || working.phase === 'done') return true;
    const problem = orderReportProblem(order, working.size, working.price, working.info);
    if (problem !== null) {
      this.ignoreReport(`a report on order ${working.clientOrderId}`, problem);
      return false;
    }
    if (order.id && working.orderId === '') this.orders.setOrderId(working, String(order.id));
    if (order.status === 'rejected') {
      this.finishRejected(working, `${this.name} rejected the order.`);
      return true;
    }
    // First: the filled size is what confirms the trades that came with this report and before it.
    const filled = Number(order.filled);
    if (Number.isFinite(filled) && filled > working.exchangeFilled) working.exchangeFilled = filled;
    if (!working.accepted && working.orderId !== '') this.accept(working);
    if (working.phase === 'unknown' || working.phase === 'sending') working.phase = 'working';
    for (const trade of order.trades ?? []) {
      if (trade.id !== undefined) this.holdTrade({ ...trade, order: working.orderId }, working);
    }
    this.applyConfirmed(working);
    if (order.status === 'closed' || order.status === 'canceled' || order.status === 'expired') working.final = order.status;
    this.settle(working);
    return true;
  }

  /** Trades from the stream: all of them are held first, so a batch is confirmed as a whole. */
  private noteStreamedTrades(trades: CcxtTrade[]): void {
    const touched = new Set<WorkingOrder>();
    for (const trade of trades) {
      const working = this.holdTrade(trade);
      if (working !== undefined) touched.add(working);
    }
    for (const working of touched) {
      this.applyConfirmed(working);
      this.settle(working);
    }
  }

  /** Holds one of our trades until the order's reported filled size confirms it; returns its order when held. */
  private holdTrade(trade: CcxtTrade, known?: WorkingOrder): WorkingOrder | undefined {
    const found = this.readableTrade(trade, known);
    if (found === undefined) return undefined;
    if (found.working.unconfirmed.size === 0) void this.confirmLater(found.working);
    found.working.unconfirmed.set(found.tradeId, trade);
    return found.working;
  }

  /**
   * The order a trade belongs to and its id, when it is new and can be right; undefined when it was
   * ignored, was already applied, or waits for its order's ack as a stray.
   */
  private readableTrade(trade: CcxtTrade, known?: WorkingOrder): { working: WorkingOrder; tradeId: string } | undefined {
    if (trade.id === undefined || trade.id === null) return undefined;
    const orderId = trade.order === undefined ? '' : String(trade.order);
    const working = known ?? (orderId !== '' ? this.orders.withOrderId(orderId) : undefined);
    if (working === undefined) {
      if (orderId !== '' && !this.orders.isDone(orderId)) this.orders.keepStray(trade);
      return undefined;
    }
    const tradeId = String(trade.id);
    if (working.phase === 'done' || working.tradeIds.has(tradeId)) return undefined;
    // Checked before its id is spent, so a readable copy of the same trade still counts.
    const problem = tradeProblem(trade, working.info, working.size - working.filled, working.price);
    if (problem !== null) {
      this.ignoreReport(`trade ${tradeId} of order ${working.clientOrderId}`, problem);
      return undefined;
    }
    return { working, tradeId };
  }

  /**
   * Held trades are applied all together, and only when they bring the fills exactly to the filled size
   * the exchange reports for the order. One trade alone cannot be trusted: a report missing its trade size gets one
   * from ccxt, the order's whole size, which is plausible and wrong. When they do not add up, the gap
   * is read from the exchange's trade list (`settle`).
   */
  private applyConfirmed(working: WorkingOrder): void {
    if (working.phase === 'done' || working.unconfirmed.size === 0) return;
    let held = 0;
    for (const trade of working.unconfirmed.values()) held += Number(trade.amount);
    if (Math.abs(working.filled + held - working.exchangeFilled) > working.info.lotSize / 2) return;
    for (const [tradeId, trade] of working.unconfirmed) this.applyTrade(working, tradeId, trade);
  }

  private applyTrade(working: WorkingOrder, tradeId: string, trade: CcxtTrade): void {
    working.unconfirmed.delete(tradeId);
    working.tradeIds.add(tradeId);
    working.filled += Number(trade.amount);
    if (working.filled > working.exchangeFilled) working.exchangeFilled = working.filled;
    this.emit({ type: 'fill', fill: toFill(trade, working, working.info, this.clock.now()) });
  }

  /** The order's report usually comes with its trade; when it has not confirmed it after the grace period, the next poll asks. */
  private async confirmLater(working: WorkingOrder): Promise<void> {
    await this.stopper.sleep(this.timing.fillGraceMs);
    if (working.phase !== 'done' && working.unconfirmed.size > 0) this.gapPollDue = true;
  }

  private accept(working: WorkingOrder): void {
    working.accepted = true;
    working.phase = 'working';
    this.emit({ type: 'accepted', clientOrderId: working.clientOrderId, orderId: working.orderId, ts: this.clock.now() });
    for (const trade of this.orders.takeStrays(working.orderId)) this.holdTrade(trade, working);
    if (working.cancelRequested) void this.sendCancel(working);
  }

  /**
   * Passes a terminal status on once the fills add up to what the exchange reports. Missing fills are
   * fetched after a grace period (the stream usually brings them a moment later).
   */
  private settle(working: WorkingOrder): void {
    if (working.phase === 'done') return;
    if (working.exchangeFilled - working.filled > working.info.lotSize / 2) {
      void this.fetchMissingFills(working);
      return;
    }
    if (working.final === null) return;
    const now = this.clock.now();
    const unfilled = working.size - working.filled > SIZE_EPSILON * Math.max(1, working.size);
    // "Closed" short of its size is rare, and if the report was wrong, finishing the order would lose
    // its fills for good: the trade list is read once before the report is believed.
    if (unfilled && working.final === 'closed' && !working.tradesVerified) {
      void this.fetchMissingFills(working, true);
      return;
    }
    this.orders.finish(working);
    if (working.final === 'canceled') {
      this.emit({ type: 'cancelled', clientOrderId: working.clientOrderId, ts: now });
    } else if (working.final === 'expired') {
      this.emit({ type: 'cancelled', clientOrderId: working.clientOrderId, ts: now, reason: `expired at ${this.name} with ${working.filled} of ${working.size} filled` });
    } else if (unfilled) {
      this.emit({ type: 'cancelled', clientOrderId: working.clientOrderId, ts: now, reason: `closed by ${this.name} with ${working.filled} of ${working.size} filled` });
    }
  }

  /**
   * One fetch at a time per order; callers that need the fills applied can await working.fillFetch.
   * `verify` reads the trade list even when the reports show no fill missing.
   */
  private fetchMissingFills(working: WorkingOrder, verify = false): Promise<void> {
    working.fillFetch ??= this.fetchTrades(working, verify).finally(() => {
      working.fillFetch = null;
      // If the exchange's trade list still lags its order status, or could not be read, the next poll tries again.
      const lagging = working.exchangeFilled - working.filled > working.info.lotSize / 2;
      if (!lagging && (!verify || working.tradesVerified)) this.settle(working);
    });
    return working.fillFetch;
  }

  private async fetchTrades(working: WorkingOrder, verify: boolean): Promise<void> {
    await this.stopper.sleep(this.timing.fillGraceMs);
    if (working.phase === 'done') return;
    if (!verify && working.exchangeFilled - working.filled <= working.info.lotSize / 2) return;
    const trades = await this.read(`trades of order ${working.clientOrderId}`, () => tradesOf(this.exchange, working));
    if (typeof trades === 'string') return;
    // The exchange's trade list, read on purpose, is the record itself: its trades need no confirming.
    for (const listed of trades) {
      const trade = { ...listed, order: working.orderId };
      const found = this.readableTrade(trade, working);
      if (found !== undefined) this.applyTrade(working, found.tradeId, trade);
    }
    // A list with a trade that could not be read verifies nothing: the next poll reads it again.
    if (verify && trades.every((trade) => working.tradeIds.has(String(trade.id)))) working.tradesVerified = true;
  }

  // ---- cancelling ----

  private async sendCancel(working: WorkingOrder, attempt = 0): Promise<void> {
    if (working.cancelling || working.phase === 'done' || this.stopper.isStopped) return;
    working.cancelling = true;
    try {
      const reply = await this.exchange.cancelOrder(working.orderId, working.symbol);
      // A reply without the filled size cannot show fills made just before the cancel: ask again.
      const applied = reply?.status && reply.filled !== undefined && this.noteOrder({ ...reply, id: working.orderId }, working);
      if (!applied) await this.refresh(working);
    } catch (error) {
      working.cancelling = false;
      await this.cancelFailed(working, error, attempt);
    } finally {
      working.cancelling = false;
    }
  }

  /** "Order not found" on cancel means look it up: it may have filled, or be gone. */
  private async cancelFailed(working: WorkingOrder, error: unknown, attempt: number): Promise<void> {
    const kind = errorKind(this.ccxt, error);
    const message = exchangeMessage(error, this.redact);
    if (kind === 'auth' || kind === 'permission') {
      this.authenticationProblem(message);
      return;
    }
    if (kind === 'rate-limit') {
      const wait = this.reads.coolDown();
      await this.stopper.sleep(wait);
      if (attempt < 3) await this.sendCancel(working, attempt + 1);
      return;
    }
    if (kind !== 'not-found') this.log(`Cancelling ${working.clientOrderId} at ${this.name} failed (${message}); checking the order.`);
    const found = await this.refresh(working);
    // Repeating a cancel cannot create anything, so an order still open after a lost reply is cancelled again.
    if (found?.status === 'open' && kind === 'no-answer' && attempt < 3) await this.sendCancel(working, attempt + 1);
    else if (found?.status === 'open') this.log(`${this.name} refused to cancel ${working.clientOrderId}: ${message}`);
  }

  /** Reads the order again and applies what the exchange says; an order it no longer knows is an orphan. */
  private async refresh(working: WorkingOrder): Promise<CcxtOrder | null> {
    const found = await this.read(`order ${working.clientOrderId}`, () => findOrder(this.ccxt, this.exchange, working));
    if (found === 'failed') return null;
    if (found === 'absent') {
      this.orphan(working, 'the exchange no longer knows it');
      return null;
    }
    return this.noteOrder(found, working) ? found : null;
  }

  orphan(working: WorkingOrder, why: string): void {
    this.orders.finish(working);
    this.orphans.set(working.clientOrderId, working);
    const price = working.type === 'limit' && working.price !== undefined ? ` at ${working.price}` : '';
    this.problem(
      'ORPHAN_ORDER',
      true,
      `Order ${working.clientOrderId} (${working.side} ${working.size} ${working.symbol} ${working.type}${price}, exchange id ${working.orderId || 'none'}) is open in the journal but ${why}. Trading is halted: check the order on ${this.name} and resolve it by hand.`,
    );
  }

  /**
   * The trader cancels an orphan after checking the exchange: one more lookup, and only when the
   * exchange still has no such order is it closed in the journal, with that as the reason.
   */
  private async resolveOrphan(orphan: WorkingOrder): Promise<void> {
    const found = await this.read(`order ${orphan.clientOrderId}`, () => findOrder(this.ccxt, this.exchange, orphan));
    if (found === 'failed' || !this.orphans.has(orphan.clientOrderId)) return;
    this.orphans.delete(orphan.clientOrderId);
    if (found === 'absent') {
      this.emit({ type: 'cancelled', clientOrderId: orphan.clientOrderId, ts: this.clock.now(), reason: `${this.name} does not know this order; closed in the journal at the trader's request` });
      return;
    }
    // It turned up after all: follow it again like any working order.
    const working = this.orders.add(orphan, orphan.info, { sentAt: orphan.sentAt, orderId: orphan.orderId, phase: 'working', accepted: true });
    this.noteOrder(found, working);
  }

  // ---- holdings ----

  /**
   * Reads the account's balance while none of the desk's orders is in flight, and passes it on only if
   * that is still so when it arrives and no fill came in between: then the balance and the desk's fills
   * describe the same moment, and any difference is something no fill explains.
   */
  async readHoldings(): Promise<void> {
    this.lastHoldingsRead = this.clock.now();
    if (!this.isQuiet()) return;
    const fillsBefore = this.fillsEmitted;
    const balance = await this.read('the balance', () => this.exchange.fetchBalance(), { attempts: 1, logFailure: false });
    if (typeof balance === 'string' || !this.isQuiet() || this.fillsEmitted !== fillsBefore) return;
    const read = readBalances(balance);
    if ('problem' in read) {
      this.badData.report('balance', () => `${this.name} sent a balance that cannot be right (${read.problem}); the desk keeps its positions and reads it again later.`);
      return;
    }
    this.emit({ type: 'holdings', ts: this.clock.now(), totals: read.total });
  }

  private isQuiet(): boolean {
    return this.orders.all().length === 0 && this.orphans.size === 0;
  }

  // ---- polling: working orders while streams are down (and now and then anyway), holdings when quiet ----

  private async pollLoop(): Promise<void> {
    while (!this.stopper.isStopped) {
      await this.stopper.sleep(POLL_TICK_MS);
      if (this.reads.cooldownLeft() > 0) continue;
      const now = this.clock.now();
      const every = this.streams.isDown ? this.timing.pollMs : this.timing.safetyPollMs;
      if (this.gapPollDue || now - this.lastPoll >= every) await this.pollWorkingOrders(now);
      if (this.clock.now() - this.lastHoldingsRead >= this.timing.holdingsMs) await this.readHoldings();
    }
  }

  private async pollWorkingOrders(now: number): Promise<void> {
    this.gapPollDue = false;
    this.lastPoll = now;
    let failed = false;
    for (const working of this.orders.all()) {
      if (working.phase !== 'working' || this.stopper.isStopped) continue;
      // One attempt and no log per order: the next poll is the retry, and an outage logs once below.
      const order = await this.read(`order ${working.clientOrderId}`, () => findOrder(this.ccxt, this.exchange, working), { attempts: 1, logFailure: false });
      if (order === 'failed') failed = true;
      else if (order !== 'absent') this.noteOrder(order, working);
    }
    if (failed && !this.pollFailing) this.log(`Checking working orders at ${this.name} failed; the desk keeps trying.`);
    this.pollFailing = failed;
  }

  // ---- shared helpers ----

  read<T extends object>(what: string, fetch: () => Promise<T | null>, options?: { attempts?: number; logFailure?: boolean }): Promise<ReadResult<T>> {
    return this.reads.read(what, fetch, options);
  }

  private streamFailed(stream: string, error: unknown, failures: number): void {
    const kind = errorKind(this.ccxt, error);
    const message = exchangeMessage(error, this.redact);
    if (kind === 'auth' || kind === 'permission') this.authenticationProblem(message);
    if (failures === 1 || failures % 10 === 0) {
      this.log(`${this.name} ${stream} stream failed (${message}); working orders are polled until it is back.`);
    }
  }

  /** A report that cannot be right is logged and left out; the next poll asks about the order again. */
  private ignoreReport(what: string, problem: string): void {
    this.badData.report(`report ${what}`, () => `${this.name} sent ${what} that cannot be right (${problem}); it was ignored and the order is checked again.`);
    this.gapPollDue = true;
  }

  /** Bad keys halt trading; shown once until the streams or an order succeed again. */
  authenticationProblem(message: string): void {
    if (this.authProblemShown) return;
    this.authProblemShown = true;
    this.problem('AUTHENTICATION', true, `${this.name} rejected the desk's API credentials (${message}). Trading is halted: check the key, its permissions and the computer's clock, then resume.`);
  }

  problem(code: VenueProblemCode, halt: boolean, message: string): void {
    this.emit({ type: 'venue-problem', ts: this.clock.now(), code, message: this.redact(message), halt });
  }

  private finishRejected(working: WorkingOrder, reason: string): void {
    this.orders.finish(working);
    this.emitRejected(working.clientOrderId, reason);
  }

  private emitRejected(clientOrderId: string, reason: string): void {
    this.emit({ type: 'rejected', clientOrderId, ts: this.clock.now(), reason: this.redact(reason) });
  }

  emit(event: ExecutionEvent): void {
    if (this.stopper.isStopped) return;
    if (event.type === 'accepted' || event.type === 'fill') this.authProblemShown = false;
    if (event.type === 'fill') this.fillsEmitted++;
    try {
      this.listener(event);
    } catch (error) {
      this.log(`The engine failed on a ${event.type} event: ${(error as Error).message}`);
    }
  }
}
