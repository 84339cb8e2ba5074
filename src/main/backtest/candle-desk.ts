// The desk's order path for a backtest run straight on candles: no market events, no journal. A
// strategy's signal becomes an order through the engine's own pieces (signalOrder, strategyExits,
// RiskEngine, OrderTracker, PaperBroker, Exits, Portfolio, AccountTracker), called in the order the
// Engine calls them, so fills, the account and its breakers come out as in the event path to the cent.
// The market arrives a candle's prints at a time (candle-prints.ts); each print stands for the three
// events the event path would have (the trade, the synthetic book and ticker around it). A full book is
// built only when an order meets it; until then the touch is all the exits read.
//
// Left out because a backtest cannot reach it: the stale-feed rule (the event path widens it past the
// data's widest gap), venue precision and venue-held exits (the paper broker has neither), resting
// orders (strategies and their exits send market orders), holdings, the kill switch and the journal.
import type { BookLevel, OrderBook, SymbolInfo, Ticker } from '../../shared/market.ts';
import type { RiskLimits } from '../../shared/risk.ts';
import type { Signal } from '../../shared/strategy.ts';
import type { Fill, Order, OrderIntent, OrderSource, RoundTrip, Side } from '../../shared/trading.ts';
import { PaperBroker } from '../adapters/paper/paper-broker.ts';
import { ReplayClock } from '../adapters/replay/replay-feed.ts';
import { ClientOrderIds } from '../engine/client-order-ids.ts';
import { Exits } from '../engine/orders/exits.ts';
import { emptyRiskContext, orderIntent, pendingOrder, readRiskContext, receivedBy, signalRequest, type OrderRequest, type RiskSources } from '../engine/orders/order-path.ts';
import { OrderTracker } from '../engine/order-tracker.ts';
import { AccountTracker, utcDay } from '../engine/portfolio/account-tracker.ts';
import { fillProblem, Portfolio } from '../engine/portfolio/portfolio.ts';
import type { ExecutionEvent } from '../engine/ports.ts';
import { roundDownToLot } from '../engine/quantity.ts';
import type { RiskContext } from '../engine/risk/risk-context.ts';
import { RiskEngine } from '../engine/risk/risk-engine.ts';
import { Recent } from '../engine/recent.ts';
import type { Strategy } from '../engine/strategies/strategy.ts';
import type { BacktestOutcome } from './backtest-run.ts';
import { RoundTrips } from '../engine/portfolio/round-trips.ts';
import { SyntheticBook } from './synthetic-book.ts';

/** As the engine: recent orders and fills kept (an entry's exits are sized from its fills among them). */
const RECENT = 200;
const DAY_MS = 86_400_000;
const NO_NATIVE_EXITS: ReadonlySet<string> = new Set();

export interface CandleDeskOptions {
  info: SymbolInfo;
  limits: RiskLimits;
  startingCapital: number;
  /** The run's first bar: the account's first UTC day. */
  start: number;
}

export class CandleDesk {
  readonly portfolio: Portfolio;
  readonly trips: RoundTrips;
  readonly trades: RoundTrip[] = [];
  readonly fills: BacktestOutcome['fills'] = [];
  private readonly clock: ReplayClock;
  private readonly info: SymbolInfo;
  private readonly symbol: string;
  private readonly quotes: SyntheticBook;
  private readonly risk: RiskEngine;
  private readonly account: AccountTracker;
  private readonly orders = new OrderTracker(RECENT);
  private readonly riskSources: RiskSources;
  private readonly ids = new ClientOrderIds();
  private readonly broker: PaperBroker;
  private readonly exits: Exits;
  /** The newest fills, as the engine keeps them. */
  private readonly recent = new Recent<Fill>(RECENT);
  private readonly ctx = emptyRiskContext();
  /** The print the current book stands around; NaN before the first. */
  private bookPrice = Number.NaN;
  private bookTs = 0;
  private bookSize = 0;
  /** Counts the books: the current one is built (and given to the broker) at most once. */
  private bookCount = 0;
  private builtBook = -1;
  private sentBook = -1;
  /** The current book and ticker once built. */
  private book: OrderBook | undefined;
  private ticker: Ticker | undefined;
  private readonly quoted: Parameters<SyntheticBook['quote']>[3] = [];
  /** The top of the current book, all an exit's trigger reads. */
  private readonly touchBook: OrderBook;
  private readonly bidLevel: BookLevel = [0, 0];
  private readonly askLevel: BookLevel = [0, 0];
  private readonly oneBid: BookLevel[] = [this.bidLevel];
  private readonly noBid: BookLevel[] = [];
  /** The last ticker's print; while flat the portfolio is marked to it only when a position needs it. */
  private tickerPrice = Number.NaN;
  private markDue = false;
  private holding = false;
  /** The account has seen this UTC day; a print at or after dayEnd opens the next. */
  private dayEnd = Number.NEGATIVE_INFINITY;
  /** Equity at or above these fractions of the day's start and of the peak is far from either breaker. */
  private readonly dayLossFloor: number;
  private readonly drawdownFloor: number;

  constructor(options: CandleDeskOptions) {
    const { info, limits, startingCapital, start } = options;
    this.info = info;
    this.symbol = info.symbol;
    this.clock = new ReplayClock(start);
    this.quotes = new SyntheticBook(info);
    this.portfolio = new Portfolio(startingCapital, [info]);
    this.trips = new RoundTrips(info);
    this.risk = new RiskEngine(limits);
    this.dayLossFloor = 1 - limits.dailyLossLimit / 2;
    this.drawdownFloor = 1 - limits.maxDrawdown / 2;
    this.account = new AccountTracker({ peakEquity: startingCapital, dayStartEquity: startingCapital, day: utcDay(start) });
    this.riskSources = { portfolio: this.portfolio, orders: this.orders, account: this.account };
    this.touchBook = { symbol: info.symbol, ts: 0, bids: this.oneBid, asks: [this.askLevel] };
    this.broker = new PaperBroker({ symbols: [info], clock: this.clock });
    this.broker.setListener(this.onExecution);
    const orders = this.orders;
    this.exits = new Exits({
      now: () => this.clock.now(),
      info: (symbol) => (symbol === info.symbol ? info : undefined),
      position: (symbol) => this.portfolio.positionSize(symbol),
      workingOnSide: (symbol, side) => orders.workingSize(symbol)[side],
      received: (clientOrderId) => receivedBy(this.recent, clientOrderId),
      sendableSize: (_symbol, size) => this.sendable(size),
      touch: (_symbol, side) => this.touch(side),
      tradingActive: () => this.risk.state === 'ACTIVE',
      gapMs: () => limits.staleFeedMs,
      record: (intent) => this.record(intent),
      changed: () => {},
      emit: (event) => this.onExecution(event),
      submit: (order) => this.submit(order),
      nativeExits: () => NO_NATIVE_EXITS,
      submitOco: undefined,
      cancelAtVenue: (clientOrderId) => this.broker.cancel(clientOrderId),
      order: (clientOrderId) => orders.get(clientOrderId),
      isWorking: (clientOrderId) => orders.isWorking(clientOrderId),
      openOrders: () => orders.open(),
      log: () => {},
    });
  }

  /**
   * Prints [from, end) of the columns, in time order and inside one bar, each as the event path's trade,
   * then the book and the ticker around it (`depth`: the size its touch shows). Exits see them only
   * while they hold something.
   */
  onPrints(times: Float64Array, prices: Float64Array, depth: Float64Array, from: number, end: number): void {
    const exits = this.exits;
    for (let i = from; i < end; i++) {
      const ts = times[i];
      const price = prices[i];
      // The trade: armed exits trail or fire (one it fires goes out with the next book).
      if (!exits.idle()) {
        this.clock.set(ts);
        exits.onTrade(this.symbol, price, ts);
      }
      // The book: what is sent from now on meets it, and exits its touch crosses fire.
      this.bookPrice = price;
      this.bookTs = ts;
      this.bookSize = depth[i];
      this.bookCount++;
      if (!exits.idle()) this.showTouch(ts, price);
      // The ticker: positions are marked at its mid, then the account and its breakers follow.
      this.tickerPrice = price;
      if (this.holding) {
        this.portfolio.mark(this.symbol, this.quotes.mid(price));
        if (i === end - 1 || this.accountMayMove(ts)) this.updateAccount(ts);
      } else {
        // Flat, equity is the cash whatever the mark: the mark waits until a position needs it, and the
        // account has nothing new to see but a new UTC day.
        this.markDue = true;
        if (ts >= this.dayEnd) this.updateAccount(ts);
      }
    }
  }

  /** The exits read only the book's touch: a full book is built if one of them goes out. */
  private showTouch(ts: number, price: number): void {
    this.clock.set(ts);
    const bid = this.quotes.bookBid(price);
    const top = this.touchBook;
    top.ts = ts;
    if (bid === undefined) top.bids = this.noBid;
    else {
      top.bids = this.oneBid;
      this.bidLevel[0] = bid;
    }
    this.askLevel[0] = this.quotes.ask(price);
    this.exits.onBook(top);
  }

  /** A bar boundary (or the span's end): the desk's clock moves there before the bar's candle closes. */
  at(ts: number): void {
    this.clock.set(ts);
  }

  /** The housekeeping tick at a bar boundary: exits a print fired with no book after it go out. */
  housekeeping(): void {
    if (!this.exits.idle()) this.exits.housekeeping();
  }

  /** As the engine's onSignal: the order that takes the position to the strategy's view, with its exits. */
  onSignal(strategy: Strategy, signal: Signal): void {
    this.syncMark();
    const position = this.portfolio.positionSize(this.symbol);
    const request = signalRequest(strategy, signal, position, this.info, (side) => this.touch(side), (size) => this.sendable(size));
    if (request !== null) this.placeOrder(request, `strategy:${strategy.config.id}`);
  }

  private placeOrder(request: OrderRequest, source: OrderSource): void {
    const intent = this.intentFor(request, source);
    const denial = this.risk.check(intent, this.riskContext(intent));
    // A breaker found while checking has already changed the trading state; live it is also journaled.
    this.risk.takeBreakerEvent();
    if (denial !== null) return;
    this.submit(this.record(intent));
  }

  /** Strategies send market orders: their reference price is the ticker's touch. */
  private intentFor(request: OrderRequest, source: OrderSource): OrderIntent {
    const now = this.clock.now();
    return orderIntent(request, this.ids.next(now), this.touch(request.side), source, now);
  }

  /** The feed of a backtest is never stale (see the header). */
  private riskContext(intent: OrderIntent): RiskContext {
    const { book, ticker } = this.currentBook();
    const ctx = readRiskContext(this.ctx, intent, this.info, book, ticker, this.touch(intent.side), this.riskSources);
    ctx.feedStale = false;
    return ctx;
  }

  private record(intent: OrderIntent): Order {
    const order = pendingOrder(intent, 'desk');
    this.orders.add(order);
    return order;
  }

  /** To the paper broker, which fills it against the current book. */
  private submit(order: Order): void {
    this.syncMark();
    const { book } = this.currentBook();
    if (this.sentBook !== this.bookCount) {
      this.sentBook = this.bookCount;
      this.broker.onMarket({ type: 'book', book });
    }
    this.broker.submit(order);
  }

  private readonly onExecution = (event: ExecutionEvent): void => {
    if (event.type === 'venue-problem' || event.type === 'holdings') return; // a paper broker sends neither
    if (event.type === 'fill') {
      if (fillProblem(event.fill) !== null) return;
      this.applyFill(event.fill);
    }
    const order = this.orders.apply(event);
    if (event.type === 'fill') this.exits.afterFill(order, event.fill.symbol);
    if (order === undefined) return;
    if (order.status === 'filled' || order.status === 'cancelled' || order.status === 'rejected') this.exits.afterEnded(order);
  };

  private applyFill(fill: Fill): void {
    this.portfolio.applyFill(fill);
    const trade = this.trips.onFill(fill);
    if (trade !== null) this.trades.push(trade);
    this.fills.push({ ts: fill.ts, side: fill.side, price: fill.price, size: fill.size });
    this.recent.add(fill);
    this.holding = this.portfolio.positionSize(this.symbol) !== 0;
    this.updateAccount(fill.ts);
  }

  /**
   * Whether the account must see the equity at this print, or may wait for the batch's last one: only
   * a new UTC day, a new peak or a loss within half of a breaker's limit can change what it holds (the
   * equity it keeps in between is read only at the bar's close, by then the last print's).
   */
  private accountMayMove(ts: number): boolean {
    const equity = this.portfolio.equity;
    const account = this.account;
    return (
      ts >= this.dayEnd ||
      !(equity <= account.peakEquity && equity >= account.dayStartEquity * this.dayLossFloor && equity >= account.peakEquity * this.drawdownFloor)
    );
  }

  private updateAccount(now: number): void {
    const equity = this.portfolio.equity;
    if (this.account.update(now, equity)) this.risk.onDayReset(now);
    this.risk.onAccount(this.account.dailyLossFraction, this.account.drawdown, now);
    this.dayEnd = (Math.floor(now / DAY_MS) + 1) * DAY_MS;
  }

  /** The mark a flat account skipped, set before a position or an order needs it. */
  private syncMark(): void {
    if (!this.markDue) return;
    this.markDue = false;
    this.portfolio.mark(this.symbol, this.quotes.mid(this.tickerPrice));
  }

  /** The book and ticker around the current print, as the event path has them. */
  private currentBook(): { book: OrderBook; ticker: Ticker } {
    if (this.builtBook !== this.bookCount || this.book === undefined || this.ticker === undefined) {
      const quoted = this.quoted;
      quoted.length = 0;
      this.quotes.quote(this.bookTs, this.bookPrice, this.bookSize, quoted);
      const [book, ticker] = quoted;
      if (book?.type !== 'book' || ticker?.type !== 'ticker') throw new Error('A synthetic quote is a book and a ticker.');
      this.builtBook = this.bookCount;
      this.book = book.book;
      this.ticker = ticker.ticker;
    }
    return { book: this.book, ticker: this.ticker };
  }

  /** A buy's best ask, a sell's best bid (the ticker's when the book has no bid); undefined before the first print. */
  private touch(side: Side): number | undefined {
    if (Number.isNaN(this.bookPrice)) return undefined;
    return side === 'buy' ? this.quotes.ask(this.bookPrice) : this.quotes.bid(this.bookPrice);
  }

  private sendable(size: number): number {
    return roundDownToLot(size, this.info.lotSize);
  }
}
