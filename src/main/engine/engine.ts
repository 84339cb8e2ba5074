import type { Candle, MarketEvent, OrderBook, SymbolInfo, Ticker, Timeframe } from '../../shared/market.ts';
import { TIMEFRAMES } from '../../shared/market.ts';
import type { Denial, RiskEvent } from '../../shared/risk.ts';
import type { Settings } from '../../shared/settings.ts';
import type { EngineEvent, KillSwitchReport } from '../../shared/contract.ts';
import type { EngineSnapshot, Focus, LogEntry } from '../../shared/state.ts';
import type { Signal, StrategyConfig } from '../../shared/strategy.ts';
import { isConditional, type BracketExits, type ClosedTrade, type Fill, type Order, type OrderIntent, type OrderSource, type Side, type TradingMode } from '../../shared/trading.ts';
import { ClientOrderIds } from './client-order-ids.ts';
import { DEFAULT_STRATEGIES } from './default-strategies.ts';
import { ExecutionStatsTracker } from './execution-stats.ts';
import { Recent } from './recent.ts';
import { JournalFirstBroker } from './journal-first-broker.ts';
import { CandleAggregator } from './market/candle-aggregator.ts';
import { OrderTracker, reconcileWithFills } from './order-tracker.ts';
import { AccountTracker, utcDay } from './portfolio/account-tracker.ts';
import { fillProblem, Portfolio } from './portfolio/portfolio.ts';
import type { AccountState, Broker, Clock, ExecutionEvent, Journal, MarketFeed } from './ports.ts';
import { ClosedTrades } from './portfolio/closed-trades.ts';
import { holdingsDiff } from './portfolio/holdings.ts';
import { holdingsMessage } from './portfolio/holdings-message.ts';
import type { RiskContext } from './risk/risk-context.ts';
import { RiskEngine } from './risk/risk-engine.ts';
import { StatePublisher, type PublishedState } from './state-publisher.ts';
import type { Strategy } from './strategies/strategy.ts';
import { NotFoundError, StrategyHost } from './strategy-host.ts';
import { KillSwitch } from './orders/kill-switch.ts';
import { executable, Exits } from './orders/exits.ts';
import { conditionalProblem } from './orders/exit-rules.ts';
import { kindName } from './orders/exit-names.ts';
import { formatAmount } from './risk/format.ts';
import { isOnGrid, roundDownToLot } from './quantity.ts';
import { emptyRiskContext, orderIntent, pendingOrder, readRiskContext, receivedBy, signalRequest, type OrderRequest } from './orders/order-path.ts';

export interface EngineDeps {
  feed: MarketFeed;
  broker: Broker;
  journal: Journal;
  clock: Clock;
  settings: Settings;
}

/** An order as the trader or a strategy asks for it: an OrderIntent's terms, with a bracket's exits spelled out. */

export type ProtectRequest = { symbol: string; size?: number } & BracketExits;

export type OrderOutcome = { ok: true; order: Order } | { ok: false; denial: Denial };

const RECENT = 200;
const NO_NATIVE_EXITS: ReadonlySet<string> = new Set();
const HISTORY_CANDLES = 500;

/**
 * The trading engine: feed events -> candles -> strategies -> order intents -> risk -> journal ->
 * broker; executions -> orders, portfolio, breakers. Pure TypeScript, synchronous on the hot path;
 * every dependency enters through the constructor, so the same engine runs paper, live and backtests.
 */
export class Engine {
  private readonly feed: MarketFeed;
  private readonly broker: Broker;
  private readonly journal: Journal;
  private readonly clock: Clock;
  private settings: Settings;
  private readonly symbolInfo = new Map<string, SymbolInfo>();
  private readonly books = new Map<string, OrderBook>();
  private readonly tickers = new Map<string, Ticker>();
  /** Per symbol, a box rather than a Map value: a timestamp is no small integer, and a Map would box it anew on every event. */
  private readonly lastEventTs = new Map<string, { ts: number }>();
  private readonly aggregator = new CandleAggregator({ keep: HISTORY_CANDLES });
  private readonly risk: RiskEngine;
  private readonly orders = new OrderTracker(RECENT);
  private readonly execution = new ExecutionStatsTracker();
  private readonly strategies: StrategyHost;
  private readonly publisher = new StatePublisher();
  private readonly ids = new ClientOrderIds();
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  /** True while a market event is handled: executions it causes are committed with it. */
  private inMarketEvent = false;
  /** Set when deltas cannot express a change (an account reset): the next flush sends a snapshot. */
  private resyncDue = false;
  /** Between sleep() and the end of wake(): market data does not lift a stale flag. */
  private asleep = false;
  private portfolio: Portfolio;
  /** The account's round trips, from the same fills as the portfolio. */
  private closedTrades: ClosedTrades;
  private account: AccountTracker;
  private accountState: AccountState;
  /** Holdings read from the venue that wait for a price to value their coins at. */
  private unpricedHoldings: Extract<ExecutionEvent, { type: 'holdings' }> | null = null;
  private focus: Focus = { symbol: '', timeframe: '1m' };
  private fills = new Recent<Fill>(RECENT);
  private signals = new Recent<Signal>(RECENT);
  private log = new Recent<LogEntry>(RECENT);
  private readonly published: PublishedState;
  private readonly ctx = emptyRiskContext();
  private readonly killSwitchCloser: KillSwitch;
  private readonly exits: Exits;

  constructor(deps: EngineDeps) {
    this.feed = deps.feed;
    this.broker = new JournalFirstBroker(deps.broker, deps.journal);
    this.journal = deps.journal;
    this.clock = deps.clock;
    this.settings = deps.settings;
    for (const info of deps.feed.symbols()) this.symbolInfo.set(info.symbol, info);
    this.risk = new RiskEngine(deps.settings.riskLimits);
    this.accountState = this.freshAccount(deps.settings.startingCapital, 0);
    this.portfolio = this.newPortfolio(this.accountState.startingCapital);
    this.closedTrades = new ClosedTrades(this.symbolInfo, RECENT);
    this.account = new AccountTracker(this.accountState);
    this.strategies = new StrategyHost({
      onSignal: this.onSignal,
      onError: (id, message) => {
        this.addLog('error', 'strategy', `${id} failed and was switched off: ${message}`);
        this.strategiesChanged();
      },
      recentCandles: (symbol, timeframe) => this.aggregator.candles(symbol, timeframe, HISTORY_CANDLES),
    });
    this.killSwitchCloser = new KillSwitch({
      now: () => this.clock.now(),
      info: (symbol) => this.symbolInfo.get(symbol),
      position: (symbol) => this.portfolio.position(symbol),
      positions: () => this.portfolio.positions(),
      hasWorkingOrder: (symbol, source) => this.orders.hasWorking(symbol, source),
      workingSize: (symbol) => this.orders.workingSize(symbol),
      sendableSize: (symbol, size) => this.sendableSize(symbol, size),
      sendClose: (symbol, side, size) => this.send(this.intentFor({ symbol, side, type: 'market', size }, 'kill-switch')),
    });
    this.exits = new Exits({
      now: () => this.clock.now(),
      info: (symbol) => this.symbolInfo.get(symbol),
      position: (symbol) => this.portfolio.positionSize(symbol),
      workingOnSide: (symbol, side) => this.orders.workingSize(symbol)[side],
      received: (clientOrderId) => receivedBy(this.fills, clientOrderId),
      sendableSize: (symbol, size) => this.sendableSize(symbol, size),
      touch: (symbol, side) => this.touchPrice(symbol, side),
      tradingActive: () => this.risk.state === 'ACTIVE',
      gapMs: () => this.settings.riskLimits.staleFeedMs,
      record: (intent) => this.record(intent),
      changed: (order) => {
        this.journal.upsertOrder(order);
        this.publisher.order(order);
      },
      emit: (event) => this.onExecution(event),
      submit: (order) => this.broker.submit(order),
      nativeExits: (symbol) => this.broker.nativeExits?.(symbol) ?? NO_NATIVE_EXITS,
      submitOco: this.broker.submitOco === undefined ? undefined : (stop, target) => this.broker.submitOco!(stop, target),
      cancelAtVenue: (clientOrderId) => this.broker.cancel(clientOrderId),
      order: (clientOrderId) => this.orders.get(clientOrderId),
      isWorking: (clientOrderId) => this.orders.isWorking(clientOrderId),
      openOrders: () => this.orders.open(),
      log: (level, message) => this.addLog(level, 'order', message),
    });
    this.published = {
      account: () => this.accountSummary(),
      positions: () => this.portfolio.positions(),
      risk: () => this.riskStatus(),
      strategies: () => this.strategies.views(),
      feed: () => this.feed.health(),
      execution: () => this.execution.stats(),
      settings: () => this.settings,
      formingCandle: () => this.aggregator.forming(this.focus.symbol, this.focus.timeframe),
    };
  }

  get mode(): TradingMode {
    return this.broker.mode;
  }

  /** Restores the account from the journal, loads history for the charts and starts the feed. */
  async start(): Promise<void> {
    this.focus = { symbol: this.feed.symbols()[0]?.symbol ?? '', timeframe: '1m' };
    const saved = this.journal.load(RECENT);
    this.restoreAccount(saved.account);
    this.portfolio.replay(saved.fills, saved.adjustments);
    this.closedTrades.replay(saved.fills, saved.adjustments);
    const checkpoint = saved.account?.market;
    // Clocks never go back: a simulated market resumes after the latest journaled time, at its last prices.
    if (checkpoint !== undefined || saved.latestTime !== null) {
      this.feed.resume?.({ ts: Math.max(checkpoint?.ts ?? 0, saved.latestTime ?? 0), marks: checkpoint?.marks ?? {} });
    }
    for (const [symbol, price] of Object.entries(checkpoint?.marks ?? {})) {
      if (this.symbolInfo.has(symbol) && price > 0 && Number.isFinite(price)) this.portfolio.mark(symbol, price);
    }
    this.fills = new Recent(RECENT, saved.fills.slice(-RECENT).reverse());
    const reconciled = reconcileWithFills(saved.openOrders, saved.fills);
    reconciled.forEach((order, i) => {
      if (order !== saved.openOrders[i]) this.journal.upsertOrder(order);
    });
    const open = reconciled.filter((o) => o.status !== 'filled');
    this.orders.restore(open, [...reconciled.filter((o) => o.status === 'filled'), ...saved.recentOrders]);
    this.execution.restore(open, this.orders.history());
    this.broker.setListener(this.onExecution);
    // Desk-held exits are armed again here; the venue gets back only what it was sent.
    const firedAtVenue = this.exits.restore(open, this.mode === 'live');
    this.broker.restore([...open.filter((o) => o.heldBy !== 'desk'), ...firedAtVenue.map(executable)]);
    // A stop between a fill and the record of the exits it arms leaves them unarmed: that can only be the
    // journal's last fill. An earlier entry's exits were settled at its fills (armed, or not for want of a
    // position on their side); arming them now, on a position later orders made, would be a new order.
    const lastFilled = saved.fills.at(-1)?.clientOrderId;
    for (const entry of [...open, ...this.orders.history()]) {
      if (entry.exits === undefined) continue;
      if (entry.clientOrderId === lastFilled) this.exits.followEntry(entry, false);
      this.exits.afterEnded(entry);
    }
    this.signals = new Recent(RECENT, saved.recentSignals);
    this.log = new Recent(RECENT, saved.recentRiskEvents.map((e): LogEntry => ({ ts: e.ts, level: 'warn', source: 'risk', message: e.message })));
    await this.loadHistory();
    const firstStart = saved.account === null;
    for (const problem of this.strategies.load(firstStart ? DEFAULT_STRATEGIES : saved.strategies)) {
      this.addLog('warn', 'strategy', problem);
    }
    if (firstStart) this.saveStrategies();
    this.saveAccount();
    this.feed.setListener(this.onMarket);
    this.feed.setStaleListener?.((symbol, reason) => {
      if (!this.risk.isStale(symbol)) this.setStale(symbol, true, this.clock.now(), reason);
    });
    this.feed.start();
    this.addLog('info', 'system', `Engine started in ${this.mode} mode on the ${this.feed.source} market.`);
    this.journal.commit();
  }

  stop(): void {
    this.feed.stop();
    this.saveAccount();
    this.journal.commit();
  }

  /** Orders working now, at the venue or held by the desk. */
  get workingOrderCount(): number {
    return this.orders.open().length;
  }

  /**
   * The computer is going to sleep: every symbol goes stale, so no order passes risk, and none leaves
   * stale until wake() has asked the venue what happened meanwhile. Nothing is assumed about the gap.
   */
  sleep(): void {
    this.asleep = true;
    const now = this.clock.now();
    for (const symbol of this.symbolInfo.keys()) {
      if (!this.risk.isStale(symbol)) this.setStale(symbol, true, now, 'The computer went to sleep');
    }
  }

  /** After sleep: working orders and balances read from the venue; fresh market data then lifts the stale flags. */
  async wake(): Promise<void> {
    try {
      await this.broker.reconcile?.();
      this.addLog('info', 'system', 'The computer woke up: working orders and balances were checked with the venue; trading resumes with fresh market data.');
    } catch (error) {
      this.addLog('warn', 'system', `The computer woke up, but checking with the venue failed (${(error as Error).message}); the desk keeps checking.`);
    } finally {
      this.asleep = false;
    }
  }

  /** Commits what a command recorded before its answer leaves the process (engine-commands calls it after each). */
  commitJournal(): void {
    this.journal.commit();
  }

  /** Listeners get batched deltas from flush(), and a snapshot when deltas cannot say what changed. */
  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    this.publisher.collecting = true;
    return () => {
      this.listeners.delete(listener);
      this.publisher.collecting = this.listeners.size > 0;
    };
  }

  /** Called on a timer (~25/s): sends one delta with everything that changed since the last call. */
  flush(): void {
    // The UI never shows what a crash could still take back.
    this.journal.commit();
    const delta = this.publisher.flush(this.clock.now(), this.published);
    if (this.resyncDue) {
      this.resyncDue = false;
      const snapshot = this.snapshot();
      for (const listener of this.listeners) listener({ event: 'state.snapshot', payload: snapshot });
      return;
    }
    if (!delta) return;
    for (const listener of this.listeners) listener({ event: 'state.delta', payload: delta });
  }

  /** Called about once a second (and at each bar close in a backtest): stale-feed detection, quiet-market candle closes. */
  housekeeping(): void {
    const now = this.clock.now();
    const staleAfter = this.settings.riskLimits.staleFeedMs;
    // Only silence is judged here. Resuming is left to the next event (touch): a stream the feed
    // reported broken must not come back on a timer because its last data was recent.
    for (const symbol of this.symbolInfo.keys()) {
      const last = this.lastEventTs.get(symbol)?.ts;
      if ((last === undefined || now - last > staleAfter) && !this.risk.isStale(symbol)) this.setStale(symbol, true, now);
    }
    this.aggregator.advanceTime(now, this.onCandleClosed);
    this.exits.housekeeping();
    this.publisher.feedChanged();
    this.journal.commit();
  }

  // ---- market path (hot) ----

  /** One commit per event, and only for an event that recorded something. */
  private readonly onMarket = (event: MarketEvent): void => {
    this.inMarketEvent = true;
    try {
      this.handleMarket(event);
    } finally {
      this.inMarketEvent = false;
      this.journal.commit();
    }
  };

  private handleMarket(event: MarketEvent): void {
    switch (event.type) {
      case 'ticker': {
        const ticker = event.ticker;
        this.tickers.set(ticker.symbol, ticker);
        this.touch(ticker.symbol, ticker.ts);
        this.portfolio.mark(ticker.symbol, (ticker.bid + ticker.ask) / 2);
        this.publisher.ticker(ticker);
        this.broker.onMarket(event);
        if (this.unpricedHoldings !== null) this.onHoldings(this.unpricedHoldings);
        this.updateAccount(ticker.ts);
        return;
      }
      case 'book':
        this.books.set(event.book.symbol, event.book);
        this.touch(event.book.symbol, event.book.ts);
        if (event.book.symbol === this.focus.symbol) this.publisher.focusBook(event.book);
        this.broker.onMarket(event);
        this.exits.onBook(event.book);
        if (this.risk.reasonCode === 'KILL_SWITCH') this.killSwitchCloser.onBook(event.book.symbol);
        return;
      case 'trade':
        this.touch(event.trade.symbol, event.trade.ts);
        // A print that opens a new candle closes the last one first: what strategies send at that close
        // meets this print, as in a backtest, where the bar closes at its boundary before the next event.
        this.aggregator.onTrade(event.trade, this.onCandleClosed);
        this.broker.onMarket(event);
        this.exits.onTrade(event.trade.symbol, event.trade.price, event.trade.ts);
        if (event.trade.symbol === this.focus.symbol) this.publisher.focusCandleChanged();
        return;
      case 'candle':
        this.aggregator.onCandle(event.candle);
        if (event.candle.closed) this.onCandleClosed(event.candle);
        else if (event.candle.symbol === this.focus.symbol) this.publisher.focusCandleChanged();
        return;
    }
  }

  private readonly onCandleClosed = (candle: Candle): void => {
    if (candle.symbol === this.focus.symbol && candle.timeframe === this.focus.timeframe) {
      this.publisher.focusCandleClosed(candle);
    }
    this.strategies.onClosedCandle(candle);
  };

  private touch(symbol: string, ts: number): void {
    const last = this.lastEventTs.get(symbol);
    if (last === undefined) this.lastEventTs.set(symbol, { ts });
    else last.ts = ts;
    if (this.risk.isStale(symbol) && !this.asleep) this.setStale(symbol, false, ts);
  }

  private updateAccount(now: number): void {
    const equity = this.portfolio.equity;
    if (this.account.update(now, equity)) {
      this.recordRiskEvent(this.risk.onDayReset(now) ?? { ts: now, kind: 'day-reset', code: 'DAY_RESET', message: `New UTC day ${utcDay(now)}: the daily loss limit counts from equity ${equity.toFixed(2)}.` });
      this.saveAccount();
    }
    const trip = this.risk.onAccount(this.account.dailyLossFraction, this.account.drawdown, now);
    if (trip) {
      this.recordRiskEvent(trip);
      this.saveAccount();
    }
  }

  // ---- strategies ----

  private readonly onSignal = (strategy: Strategy, signal: Signal): void => {
    this.journal.recordSignal(signal);
    this.signals.add(signal);
    this.publisher.signal(signal);
    const { id, symbol } = strategy.config;
    this.addLog('info', 'strategy', `${id}: ${signal.direction} ${symbol} at ${signal.price} (strength ${signal.strength.toFixed(2)})`);
    const info = this.symbolInfo.get(symbol);
    if (info === undefined) return;
    const position = this.portfolio.positionSize(symbol);
    const request = signalRequest(strategy, signal, position, info, (side) => this.touchPrice(symbol, side), (size) => this.sendableSize(symbol, size));
    if (request !== null) this.placeOrder(request, `strategy:${id}`);
  };

  // ---- orders ----

  /** Every order, manual or from a strategy, passes risk, is journaled, then sent. */
  placeOrder(request: OrderRequest, source: OrderSource = 'manual'): OrderOutcome {
    const intent = this.intentFor(request, source);
    const denial = this.check(intent);
    if (denial) return { ok: false, denial };
    return { ok: true, order: { ...this.send(intent) } };
  }

  /**
   * Exits for a position already held, from the trader: reduce-only orders for `size` (the sellable position
   * by default), in one OCO group when there are several. Refused whole when any of them is.
   */
  protectPosition(request: ProtectRequest): { ok: true; orders: Order[] } | { ok: false; denial: Denial } {
    const { symbol, stopLoss, takeProfit, trailingStop } = request;
    const position = this.portfolio.position(symbol);
    if (!position || position.size === 0 || position.dust) {
      return { ok: false, denial: { code: 'INVALID_ORDER', message: `There is no ${symbol} position to protect.` } };
    }
    const side: Side = position.size > 0 ? 'sell' : 'buy';
    const size = request.size ?? this.sendableSize(symbol, Math.abs(position.size));
    const base = { symbol, side, size, reduceOnly: true } as const;
    const legs: OrderRequest[] = [];
    if (stopLoss !== undefined) legs.push({ ...base, type: stopLoss.price === undefined ? 'stop_market' : 'stop_limit', triggerPrice: stopLoss.triggerPrice, price: stopLoss.price });
    if (trailingStop !== undefined) legs.push({ ...base, type: 'trailing_stop', trailing: trailingStop });
    if (takeProfit !== undefined) legs.push({ ...base, type: takeProfit.price === undefined ? 'take_profit_market' : 'take_profit_limit', triggerPrice: takeProfit.triggerPrice, price: takeProfit.price });
    const intents = legs.map((leg) => this.intentFor(leg, 'manual'));
    for (const intent of intents) {
      const denial = this.check(intent);
      if (denial) return { ok: false, denial };
    }
    if (intents.length > 1) for (const intent of intents) intent.ocoGroup = intents[0]!.clientOrderId;
    const [stop, target] = intents;
    if (stop !== undefined && target !== undefined && stopLoss !== undefined && takeProfit !== undefined && this.broker.submitOco !== undefined && this.broker.nativeExits?.(symbol).has('oco') === true) {
      const legs = [this.record(stop, 'exchange'), this.record(target, 'exchange')] as const;
      this.broker.submitOco(...legs);
      return { ok: true, orders: legs.map((order) => ({ ...order })) };
    }
    return { ok: true, orders: intents.map((intent) => ({ ...this.send(intent) })) };
  }

  /** Moves a desk-held stop's trigger or a stop-limit's limit (dragging its line on the chart). */
  amendOrder(clientOrderId: string, change: { triggerPrice?: number; price?: number }): OrderOutcome {
    const order = this.orders.open().find((o) => o.clientOrderId === clientOrderId);
    if (!order) throw new NotFoundError(`No open order ${clientOrderId}.`);
    const refuse = (message: string): OrderOutcome => ({ ok: false, denial: { code: 'INVALID_ORDER', message } });
    if (!this.exits.holds(clientOrderId)) return refuse(`Order ${clientOrderId} is at the venue; cancel it and place a new one to change it.`);
    if (order.triggeredAt !== undefined) return refuse(`The ${kindName(order.type)} ${clientOrderId} has fired: it is going out as it is.`);
    if (change.triggerPrice !== undefined && order.type === 'trailing_stop') return refuse('A trailing stop moves by itself; change its distance by placing a new one.');
    if (change.price !== undefined && order.price === undefined) return refuse(`A ${kindName(order.type)} has no limit price to move.`);
    const moved: OrderIntent = { ...order, triggerPrice: change.triggerPrice ?? order.triggerPrice, price: change.price ?? order.price };
    const info = this.symbolInfo.get(order.symbol)!;
    // Only the prices move: a size the venue would refuse now (an exit sized down to a small position) is no reason to keep it where it is.
    const offTick = moved.price !== undefined && !isOnGrid(moved.price, info.tickSize) ? `Price ${moved.price} is not a multiple of the ${info.symbol} tick size ${info.tickSize}.` : null;
    const problem = offTick ?? conditionalProblem(moved, this.touchPrice(order.symbol, order.side) ?? null, info);
    if (problem !== null) return refuse(problem);
    order.triggerPrice = moved.triggerPrice;
    order.price = moved.price;
    order.updatedAt = this.clock.now();
    this.journal.upsertOrder(order);
    this.publisher.order(order);
    this.addLog('info', 'order', `Moved ${order.side} ${kindName(order.type)} ${clientOrderId} to ${formatAmount(order.triggerPrice ?? order.price!)}${order.price !== undefined && order.triggerPrice !== undefined ? ` (limit ${formatAmount(order.price)})` : ''}.`);
    return { ok: true, order: { ...order } };
  }

  /** Venue precision, then risk; a denial is journaled as a risk event. */
  private check(intent: OrderIntent): Denial | null {
    const denial = this.venuePrecisionDenial(intent) ?? this.risk.check(intent, this.riskContext(intent));
    const trip = this.risk.takeBreakerEvent();
    if (trip) this.recordRiskEvent(trip);
    if (denial) {
      this.recordRiskEvent({ ts: intent.ts, kind: 'denied', code: denial.code, message: denial.message, clientOrderId: intent.clientOrderId, symbol: intent.symbol });
    }
    return denial;
  }

  cancelOrder(clientOrderId: string): Order {
    const order = this.orders.open().find((o) => o.clientOrderId === clientOrderId);
    if (!order) throw new NotFoundError(`No open order ${clientOrderId}.`);
    if (!this.exits.cancel(clientOrderId)) this.broker.cancel(clientOrderId);
    return { ...order };
  }

  cancelAll(): number {
    const open = this.orders.open();
    for (const order of open) if (!this.exits.cancel(order.clientOrderId)) this.broker.cancel(order.clientOrderId);
    return open.length;
  }

  /**
   * A market order for the position rounded down to the lot, from the trader: it passes risk as a
   * reducing order, so it works while REDUCING or HALTED. Null for no position or dust.
   */
  closePosition(symbol: string): OrderOutcome | null {
    const position = this.portfolio.position(symbol);
    const info = this.symbolInfo.get(symbol);
    if (!position || position.size === 0 || position.dust || info === undefined) return null;
    const side: Side = position.size > 0 ? 'sell' : 'buy';
    // Exits the exchange keeps hold the position's coins there: they go first.
    const atVenue = this.orders.open().filter((o) => o.symbol === symbol && o.heldBy === 'exchange' && o.side === side);
    if (atVenue.length > 0) {
      for (const exit of atVenue) this.broker.cancel(exit.clientOrderId);
      const message = `The position's ${atVenue.length} exit(s) on the exchange hold its coins; they are being cancelled. Press Close again once they are.`;
      return { ok: false, denial: { code: 'INSUFFICIENT_BALANCE', message } };
    }
    return this.placeOrder({ symbol, side, type: 'market', size: this.sendableSize(symbol, Math.abs(position.size)) });
  }

  halt(reason: string | undefined): void {
    const event = this.risk.halt(reason, this.clock.now());
    this.recordRiskEvent(event);
    this.saveAccount();
  }

  /** Null when trading resumed, otherwise why it cannot. */
  resume(): Denial | null {
    const now = this.clock.now();
    const outcome = this.risk.resume(now, this.account.dailyLossFraction, this.account.drawdown);
    if (!outcome.ok) return outcome.denial;
    if (outcome.rebaseDrawdown) this.account.rebasePeak(this.portfolio.equity);
    this.recordRiskEvent(outcome.event);
    this.saveAccount();
    return null;
  }

  /**
   * Halts, cancels every open order and flattens every position, bypassing risk. What the book cannot
   * absorb now is sold on the following books until flat; the report says what is left and why.
   */
  /** Halts, switches every strategy off (a resume must not restart them unasked), cancels everything and flattens. */
  killSwitch(): KillSwitchReport {
    const now = this.clock.now();
    this.recordRiskEvent(this.risk.killSwitch(now));
    const stopped = this.strategies.stopAll();
    if (stopped > 0) this.strategiesChanged();
    const report = { ...this.killSwitchCloser.engage(this.cancelAll()), strategiesStopped: stopped };
    for (const left of report.remaining) this.addLog('warn', 'risk', `Kill switch: ${left.symbol} still held. ${left.reason}`);
    this.saveAccount();
    return report;
  }

  /** The largest size not above `size` that the venue takes: on the lot grid, then at the venue's own precision. */
  private sendableSize(symbol: string, size: number): number {
    const info = this.symbolInfo.get(symbol);
    const lots = info === undefined ? size : roundDownToLot(size, info.lotSize);
    if (this.broker.venuePrecision === undefined || !(lots > 0)) return lots;
    return this.broker.venuePrecision(symbol, lots, undefined)?.size ?? 0;
  }

  /** A size or price the venue would send rounded (so the journal would not hold what was sent) is refused. */
  private venuePrecisionDenial(intent: OrderIntent): Denial | null {
    if (this.broker.venuePrecision === undefined || !this.symbolInfo.has(intent.symbol) || !(intent.size > 0)) return null;
    const limit = isConditional(intent.type) || intent.type === 'limit' ? intent.price : undefined;
    const venue = this.broker.venuePrecision(intent.symbol, intent.size, limit);
    const asked = `${intent.size}${limit === undefined ? '' : ` at ${limit}`}`;
    if (venue === null) return { code: 'INVALID_ORDER', message: `The exchange cannot take an order for ${asked} ${intent.symbol}: it is below the precision it trades at.` };
    if (venue.size !== intent.size) return { code: 'INVALID_ORDER', message: `Size ${intent.size} is finer than the exchange takes for ${intent.symbol}; use ${venue.size}.` };
    if (venue.price !== limit) return { code: 'INVALID_ORDER', message: `Price ${limit} is finer than the exchange takes for ${intent.symbol}; use ${venue.price}.` };
    return null;
  }

  /** Sizes are taken as asked: the trader's are checked against the lot, the engine's own are rounded down before. */
  private intentFor(request: OrderRequest, source: OrderSource): OrderIntent {
    const now = this.clock.now();
    return orderIntent(request, this.ids.next(now), this.marketPrice(request.symbol, request.side), source, now);
  }

  /**
   * Journal before send: the order exists on disk before any venue can know it. A stop or take-profit goes
   * to a venue that keeps that kind itself; the desk holds the others (and a bracket's exits, which follow
   * their entry's fills).
   */
  private send(intent: OrderIntent): Order {
    const native = isConditional(intent.type) && intent.ocoGroup === undefined && intent.parentId === undefined && this.broker.nativeExits?.(intent.symbol).has(intent.type) === true;
    const order = this.record(intent, native ? 'exchange' : 'desk');
    if (order.heldBy === 'desk') this.exits.hold(order);
    else this.broker.submit(order);
    return order;
  }

  /** Journals, tracks and publishes a new order as pending; a conditional one as held by the desk or the exchange. */
  private record(intent: OrderIntent, heldBy: 'desk' | 'exchange' = 'desk'): Order {
    const order = pendingOrder(intent, heldBy);
    this.journal.upsertOrder(order);
    this.orders.add(order);
    this.execution.onSubmitted();
    this.publisher.order(order);
    this.publisher.executionChanged();
    return order;
  }

  /** A sell's best bid, a buy's best ask: from the book, else the ticker. */
  private touchPrice(symbol: string, side: Side): number | undefined {
    const level = side === 'buy' ? this.books.get(symbol)?.asks[0] : this.books.get(symbol)?.bids[0];
    if (level !== undefined) return level[0];
    const ticker = this.tickers.get(symbol);
    return ticker === undefined ? undefined : side === 'buy' ? ticker.ask : ticker.bid;
  }

  /** The price a market order would meet: the ticker's touch, or the book's when no ticker came yet. */
  private marketPrice(symbol: string, side: Side): number | undefined {
    const ticker = this.tickers.get(symbol);
    if (ticker) return side === 'buy' ? ticker.ask : ticker.bid;
    const book = this.books.get(symbol);
    return (side === 'buy' ? book?.asks[0] : book?.bids[0])?.[0];
  }

  private riskContext(intent: OrderIntent): RiskContext {
    const { symbol, side } = intent;
    const ctx = readRiskContext(this.ctx, intent, this.symbolInfo.get(symbol), this.books.get(symbol), this.tickers.get(symbol), this.touchPrice(symbol, side), {
      portfolio: this.portfolio,
      orders: this.orders,
      account: this.account,
    });
    // Silence counts the moment it passes the limit, not at the next housekeeping tick.
    const lastEvent = this.lastEventTs.get(symbol)?.ts;
    ctx.feedStale = this.risk.isStale(symbol) || (lastEvent !== undefined && intent.ts - lastEvent > this.settings.riskLimits.staleFeedMs);
    return ctx;
  }

  // ---- executions ----

  /** A venue's answer on its own commits; one a paper fill gives inside a market event goes with that event's commit. */
  private readonly onExecution = (event: ExecutionEvent): void => {
    this.handleExecution(event);
    if (!this.inMarketEvent) this.journal.commit();
  };

  private handleExecution(event: ExecutionEvent): void {
    if (event.type === 'venue-problem') {
      this.onVenueProblem(event);
      return;
    }
    if (event.type === 'holdings') {
      this.onHoldings(event);
      return;
    }
    if (event.type === 'fill') {
      // Checked before the journal: a fill that cannot be right would otherwise be replayed, and refused, at every start.
      const problem = fillProblem(event.fill);
      if (problem !== null) {
        this.addLog('error', 'order', `${problem} It was ignored.`);
        return;
      }
      // Idempotent by (orderId, tradeId): a duplicate fill message changes nothing.
      if (!this.journal.recordFill(event.fill)) return;
      this.applyFill(event.fill);
    }
    const order = this.orders.apply(event);
    if (event.type === 'fill') this.exits.afterFill(order, event.fill.symbol);
    if (!order) return;
    this.journal.upsertOrder(order);
    this.publisher.order(order);
    if (event.type === 'rejected') {
      const unprotected = isConditional(order.type) && order.reduceOnly === true ? ` The ${kindName(order.type)} does not protect the ${order.symbol} position; place it again.` : '';
      this.addLog('warn', 'order', `Order ${order.clientOrderId} rejected: ${event.reason}${unprotected}`);
    }
    if (event.type === 'cancelled') this.addLog('info', 'order', `Order ${order.clientOrderId} cancelled${event.reason ? `: ${event.reason}` : ''}.`);
    if (event.type === 'unknown') this.addLog('warn', 'order', `Order ${order.clientOrderId} is UNKNOWN until the exchange confirms it: ${event.reason}`);
    if (order.status === 'filled' || order.status === 'cancelled' || order.status === 'rejected') {
      this.execution.onFinished(order);
      this.publisher.executionChanged();
      this.killSwitchCloser.onFinished(order);
      this.exits.afterEnded(order);
    }
  }

  /**
   * The venue's holdings: live, the desk is brought to them whenever they are read; shadow, they are the
   * account's opening position once, and simulated fills move it after that. Coins with no price yet wait
   * for their first ticker.
   */
  private onHoldings(holdings: Extract<ExecutionEvent, { type: 'holdings' }>): void {
    this.unpricedHoldings = null;
    if (this.mode === 'paper' || (this.mode === 'shadow' && this.accountState.holdingsImported === true)) return;
    const diff = holdingsDiff(holdings.totals, [...this.symbolInfo.values()], this.quoteCurrency(), this.portfolio, holdings.ts);
    if (diff.unpriced.length > 0) {
      this.unpricedHoldings = holdings;
      return;
    }
    for (const adjustment of diff.adjustments) {
      this.journal.recordAdjustment(adjustment);
      this.account.shift(this.portfolio.adjust(adjustment));
      this.publishClosedTrade(this.closedTrades.adjust(adjustment));
      this.addLog('warn', 'order', holdingsMessage(adjustment, this.broker.mode));
    }
    if (this.mode === 'shadow') this.accountState = { ...this.accountState, holdingsImported: true };
    this.saveAccount();
  }

  /** A venue-wide problem: shown to the trader, and with halt it stops trading until resolved. */
  private onVenueProblem(problem: Extract<ExecutionEvent, { type: 'venue-problem' }>): void {
    this.addLog(problem.halt ? 'error' : 'warn', 'order', problem.message);
    if (!problem.halt) return;
    this.recordRiskEvent(this.risk.halt(`${problem.code}: ${problem.message}`, problem.ts));
    this.saveAccount();
  }

  private applyFill(fill: Fill): void {
    const before = this.portfolio.positionSize(fill.symbol);
    this.portfolio.applyFill(fill);
    const after = this.portfolio.position(fill.symbol);
    if (before !== 0 && (!after || after.size === 0)) {
      this.publisher.positionClosed({ symbol: fill.symbol, size: 0, avgPrice: 0, markPrice: fill.price, realizedPnl: after?.realizedPnl ?? 0, unrealizedPnl: 0, fees: after?.fees ?? 0, dust: false, importedAtMark: false });
    }
    this.publishClosedTrade(this.closedTrades.onFill(fill));
    this.fills.add(fill);
    this.publisher.fill(fill);
    this.addLog('info', 'order', `Filled ${fill.side} ${fill.size} ${fill.symbol} at ${fill.price} (${fill.liquidity}, fee ${fill.fee.toFixed(4)}).`);
    this.updateAccount(fill.ts);
  }

  private publishClosedTrade(trade: ClosedTrade | null): void {
    if (trade !== null) this.publisher.closedTrade(trade);
  }

  // ---- strategies, settings, account ----

  createStrategy(config: Omit<StrategyConfig, 'id' | 'active'>): string {
    const id = this.uniqueStrategyId(config.kind, config.symbol);
    this.requireSymbol(config.symbol);
    this.strategies.create({ ...config, id, active: false } as StrategyConfig);
    this.strategiesChanged();
    return id;
  }

  updateStrategy(id: string, params: Record<string, number>): void {
    this.strategies.updateParams(id, params);
    this.strategiesChanged();
  }

  setStrategyActive(id: string, active: boolean): void {
    this.strategies.setActive(id, active);
    this.addLog('info', 'strategy', `${id} ${active ? 'activated' : 'deactivated'}.`);
    this.strategiesChanged();
  }

  removeStrategy(id: string): void {
    this.strategies.remove(id);
    this.strategiesChanged();
  }

  strategyView(id: string) {
    return this.strategies.view(id);
  }

  /** New limits apply to the next order; the trading state is never changed by settings. */
  applySettings(settings: Settings): void {
    this.settings = settings;
    this.risk.setLimits(settings.riskLimits);
    // A fresh paper account takes a new starting capital at once; one with trades takes it at reset.
    if (this.mode === 'paper' && settings.startingCapital !== this.accountState.startingCapital && this.fills.size === 0 && this.orders.open().length === 0) {
      this.startEpoch();
      this.addLog('info', 'system', `Paper account capital set to ${this.accountState.startingCapital} ${this.quoteCurrency()}.`);
    }
    this.publisher.settingsChanged();
    this.publisher.riskChanged();
  }

  /**
   * Paper only, and only when the trader confirmed it: cancels working orders and starts a new account at
   * the configured capital, trading ACTIVE again (a halt or a breaker belonged to the old account).
   */
  resetAccount(): void {
    if (this.mode !== 'paper') throw new Error('Only a paper account can be reset.');
    this.cancelAll();
    this.startEpoch();
    this.risk.restore(null);
    this.saveAccount();
    this.addLog('info', 'system', `Paper account reset to ${this.accountState.startingCapital} ${this.quoteCurrency()}.`);
  }

  /** A new account epoch at the configured capital: earlier fills no longer count. Keeps the trading state. */
  private startEpoch(): void {
    const now = this.clock.now();
    this.accountState = { ...this.freshAccount(this.settings.startingCapital, now, this.accountState.epoch + 1), halted: this.risk.haltState() };
    this.journal.saveAccount(this.accountState);
    this.portfolio = this.newPortfolio(this.accountState.startingCapital);
    this.closedTrades = new ClosedTrades(this.symbolInfo, RECENT);
    this.account = new AccountTracker(this.accountState);
    for (const [symbol, ticker] of this.tickers) this.portfolio.mark(symbol, (ticker.bid + ticker.ask) / 2);
    this.fills = new Recent(RECENT);
    this.resyncDue = true;
  }

  // ---- views ----

  setFocus(symbol: string, timeframe: Timeframe): { focus: Focus; candles: Candle[]; book: OrderBook | null } {
    this.requireSymbol(symbol);
    this.focus = { symbol, timeframe };
    return { focus: this.focus, candles: this.aggregator.candles(symbol, timeframe, HISTORY_CANDLES), book: this.books.get(symbol) ?? null };
  }

  hasSymbol(symbol: string): boolean {
    return this.symbolInfo.has(symbol);
  }

  snapshot(): EngineSnapshot {
    return {
      symbols: [...this.symbolInfo.values()],
      focus: this.focus,
      tickers: Object.fromEntries(this.tickers),
      book: this.books.get(this.focus.symbol) ?? null,
      candles: this.aggregator.candles(this.focus.symbol, this.focus.timeframe, HISTORY_CANDLES),
      openOrders: this.orders.open().map((o) => ({ ...o })),
      orderHistory: this.orders.history().map((o) => ({ ...o })),
      fills: this.fills.newestFirst(),
      closedTrades: this.closedTrades.newestFirst(),
      positions: this.portfolio.positions(),
      account: this.accountSummary(),
      risk: this.riskStatus(),
      strategies: this.strategies.views(),
      signals: this.signals.newestFirst(),
      log: this.log.newestFirst(),
      feed: this.feed.health(),
      execution: this.execution.stats(),
      settings: this.settings,
    };
  }

  private accountSummary() {
    return this.account.summary(this.portfolio, this.mode);
  }

  private riskStatus() {
    return this.risk.status({
      dailyLossFraction: this.account.dailyLossFraction,
      drawdown: this.account.drawdown,
      grossExposure: this.portfolio.grossExposure() + this.orders.workingValue(),
      equity: this.portfolio.equity,
      largestPositionValue: this.portfolio.largestPositionValue(),
    });
  }

  // ---- bookkeeping ----

  private async loadHistory(): Promise<void> {
    for (const symbol of this.symbolInfo.keys()) {
      for (const timeframe of TIMEFRAMES) {
        this.aggregator.seed(symbol, timeframe, await this.feed.history(symbol, timeframe, HISTORY_CANDLES));
      }
    }
  }

  private restoreAccount(saved: AccountState | null): void {
    this.accountState = saved ?? this.freshAccount(this.settings.startingCapital, this.clock.now());
    this.portfolio = this.newPortfolio(this.accountState.startingCapital);
    this.closedTrades = new ClosedTrades(this.symbolInfo, RECENT);
    this.account = new AccountTracker(this.accountState);
    this.risk.restore(this.accountState.halted);
  }

  private newPortfolio(capital: number): Portfolio {
    return new Portfolio(capital, [...this.symbolInfo.values()]);
  }

  private freshAccount(capital: number, now: number, epoch = 1): AccountState {
    return { startingCapital: capital, peakEquity: capital, dayStartEquity: capital, day: utcDay(now), halted: null, epoch };
  }

  /** Saves the account with where the market stands, so a restart resumes from here; the runtime calls it about once a second. */
  checkpoint(): void {
    this.saveAccount();
    this.journal.commit();
  }

  private saveAccount(): void {
    const marks: Record<string, number> = {};
    for (const info of this.symbolInfo.values()) {
      const mark = this.portfolio.markPrice(info.symbol);
      if (mark !== undefined) marks[info.symbol] = mark;
    }
    const market = { ts: this.clock.now(), marks };
    this.accountState = { ...this.accountState, ...this.account.state(), halted: this.risk.haltState(), market };
    this.journal.saveAccount(this.accountState);
    this.publisher.accountChanged();
  }

  private setStale(symbol: string, stale: boolean, now: number, reason = `No market data for ${symbol}`): void {
    this.risk.markStale(symbol, stale);
    this.recordRiskEvent(
      stale
        ? { ts: now, kind: 'stale', code: 'STALE_FEED', symbol, message: `${reason}: trading on ${symbol} is paused until the feed resumes.` }
        : { ts: now, kind: 'feed-resumed', code: 'FEED_RESUMED', symbol, message: `Market data for ${symbol} is back: trading resumed.` },
    );
  }

  private recordRiskEvent(event: RiskEvent): void {
    this.journal.recordRiskEvent(event);
    this.publisher.riskEvent(event);
    this.addLog(event.kind === 'resume' || event.kind === 'feed-resumed' || event.kind === 'day-reset' ? 'info' : 'warn', 'risk', event.message);
  }

  /** A line from outside the engine (an exchange desk) for the trader's event log. */
  note(level: LogEntry['level'], source: LogEntry['source'], message: string): void {
    this.addLog(level, source, message);
  }

  private addLog(level: LogEntry['level'], source: LogEntry['source'], message: string): void {
    const entry: LogEntry = { ts: this.clock.now(), level, source, message };
    this.log.add(entry);
    this.publisher.entry(entry);
  }

  private strategiesChanged(): void {
    this.saveStrategies();
    this.publisher.strategiesChanged();
  }

  private saveStrategies(): void {
    this.journal.saveStrategies(this.strategies.configs());
  }

  private uniqueStrategyId(kind: string, symbol: string): string {
    const base = `${kind}-${symbol.split('/')[0]!.toLowerCase()}`;
    let id = base;
    for (let n = 2; this.strategies.has(id); n++) id = `${base}-${n}`;
    return id;
  }

  private requireSymbol(symbol: string): void {
    if (!this.symbolInfo.has(symbol)) throw new NotFoundError(`Unknown symbol ${symbol}.`);
  }

  private quoteCurrency(): string {
    return this.symbolInfo.values().next().value?.quote ?? 'USDT';
  }
}
