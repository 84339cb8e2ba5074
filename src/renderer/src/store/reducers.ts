// Pure state transitions: the bridge feeds snapshots, deltas and command results through these.
import type { CommandResponses } from '../../../shared/contract.ts';
import type { ExchangeInfo, KeyStatus } from '../../../shared/exchange.ts';
import type { Candle } from '../../../shared/market.ts';
import type { EngineSnapshot, Focus, StateDelta } from '../../../shared/state.ts';
import type { Signal, StrategyView } from '../../../shared/strategy.ts';
import { TERMINAL_STATUSES, type ClosedTrade, type Fill, type Order, type Position } from '../../../shared/trading.ts';
import { prependNewest, upsertBy, upsertSorted } from './collections.ts';
import { LIST_LIMITS, type MarketSlice, type OrdersSlice, type TerminalState } from './terminal-state.ts';

const isTerminal = (order: Order): boolean => TERMINAL_STATUSES.includes(order.status);
const fillKey = (fill: Fill): string => `${fill.orderId}\u0000${fill.tradeId}`;
const positionKey = (position: Position): string => position.symbol;
const strategyKey = (view: StrategyView): string => view.config.id;
/**
 * A delta can repeat what the snapshot just before it already held (anything logged between the
 * engine's last flush and the snapshot), so appended lists skip entries they have.
 */
const entryKey = (entry: { ts: number; message: string }): string => `${entry.ts}|${entry.message}`;
const signalKey = (signal: Signal): string => `${signal.strategyId}|${signal.ts}|${signal.direction}`;

function candlesForFocus(candles: readonly Candle[], focus: Focus | null): Candle[] {
  if (!focus) return [];
  return candles.filter((c) => c.symbol === focus.symbol && c.timeframe === focus.timeframe);
}

function sortedCandles(candles: readonly Candle[], focus: Focus | null): Candle[] {
  return upsertSorted([], candlesForFocus(candles, focus), (c) => c.openTime, LIST_LIMITS.candles);
}

/** A whole new picture of the engine, on connect and reconnect. */
export function applySnapshot(state: TerminalState, snapshot: EngineSnapshot): TerminalState {
  const tickers = { ...snapshot.tickers };
  return {
    market: {
      symbols: snapshot.symbols,
      focus: snapshot.focus,
      tickers,
      book: snapshot.book && snapshot.book.symbol === snapshot.focus.symbol ? snapshot.book : null,
      candles: sortedCandles(snapshot.candles, snapshot.focus),
      candleHistoryVersion: state.market.candleHistoryVersion + 1,
      feed: snapshot.feed,
    },
    orders: {
      open: snapshot.openOrders.filter((o) => !isTerminal(o)),
      history: snapshot.orderHistory.slice(0, LIST_LIMITS.history),
      fills: snapshot.fills.slice(0, LIST_LIMITS.fills),
      execution: snapshot.execution,
    },
    portfolio: { positions: snapshot.positions.filter((p) => p.size !== 0), closedTrades: snapshot.closedTrades.slice(0, LIST_LIMITS.closedTrades), account: snapshot.account },
    // Risk events are not part of the snapshot: keep the ones already seen.
    risk: { status: snapshot.risk, events: state.risk.events },
    strategies: { list: snapshot.strategies },
    log: {
      signals: snapshot.signals.slice(0, LIST_LIMITS.signals),
      entries: snapshot.log.slice(0, LIST_LIMITS.log),
    },
    settings: snapshot.settings,
    // Not part of the engine's picture: the exchange list and key statuses come from their own commands.
    exchange: state.exchange,
    backtest: state.backtest,
    connection: { ...state.connection, synced: true, lastSeq: null },
  };
}

/**
 * Upserts orders by clientOrderId. Finished orders move from open to history. An update older than
 * what is held (a command's answer arriving after the delta that filled the order) is ignored.
 */
export function mergeOrders(slice: OrdersSlice, incoming: readonly Order[]): OrdersSlice {
  if (incoming.length === 0) return slice;
  let open = slice.open;
  let history = slice.history;
  for (const order of incoming) {
    const id = order.clientOrderId;
    const openIndex = open.findIndex((o) => o.clientOrderId === id);
    const historyIndex = history.findIndex((o) => o.clientOrderId === id);
    const held = openIndex !== -1 ? open[openIndex] : historyIndex !== -1 ? history[historyIndex] : undefined;
    if (held && (order.updatedAt < held.updatedAt || (isTerminal(held) && !isTerminal(order)))) continue;
    if (isTerminal(order)) {
      if (openIndex !== -1) open = open.filter((_, i) => i !== openIndex);
      history = historyIndex !== -1 ? history.map((o, i) => (i === historyIndex ? order : o)) : [order, ...history];
    } else {
      open = openIndex !== -1 ? open.map((o, i) => (i === openIndex ? order : o)) : [...open, order];
    }
  }
  if (open === slice.open && history === slice.history) return slice;
  return { ...slice, open, history: history.length > LIST_LIMITS.history ? history.slice(0, LIST_LIMITS.history) : history };
}

function applyMarketDelta(market: MarketSlice, delta: StateDelta): MarketSlice {
  const focus = market.focus;
  const tickers = delta.tickers?.length
    ? { ...market.tickers, ...Object.fromEntries(delta.tickers.map((t) => [t.symbol, t])) }
    : market.tickers;
  // Book and candles for anything but the focus are late arrivals from before a focus change.
  const book = delta.book && focus && delta.book.symbol === focus.symbol ? delta.book : market.book;
  const candles = delta.candles?.length
    ? upsertSorted(market.candles, candlesForFocus(delta.candles, focus), (c) => c.openTime, LIST_LIMITS.candles)
    : market.candles;
  const feed = delta.feed ?? market.feed;
  if (tickers === market.tickers && book === market.book && candles === market.candles && feed === market.feed) {
    return market;
  }
  return { ...market, tickers, book, candles, feed };
}

function applyOrdersDelta(orders: OrdersSlice, delta: StateDelta): OrdersSlice {
  let next = delta.orders?.length ? mergeOrders(orders, delta.orders) : orders;
  if (delta.fills?.length) {
    next = { ...next, fills: prependNewest(next.fills, delta.fills, LIST_LIMITS.fills, fillKey) };
  }
  if (delta.execution) next = { ...next, execution: delta.execution };
  return next;
}

/** A delta's trades closed after everything held (the engine closes them in time order), oldest first. */
function newestClosedTrades(held: ClosedTrade[], closed: readonly ClosedTrade[]): ClosedTrade[] {
  return closed.length === 0 ? held : [...closed].reverse().concat(held).slice(0, LIST_LIMITS.closedTrades);
}

/** One batch of changes. Slices the delta does not touch keep their identity. */
export function applyDelta(state: TerminalState, delta: StateDelta): TerminalState {
  const portfolio =
    delta.positions?.length || delta.account || delta.closedTrades?.length
      ? {
          positions: upsertBy(state.portfolio.positions, delta.positions ?? [], positionKey, (p) => p.size === 0),
          closedTrades: newestClosedTrades(state.portfolio.closedTrades, delta.closedTrades ?? []),
          account: delta.account ?? state.portfolio.account,
        }
      : state.portfolio;
  const risk =
    delta.risk || delta.riskEvents?.length
      ? {
          status: delta.risk ?? state.risk.status,
          events: prependNewest(state.risk.events, delta.riskEvents ?? [], LIST_LIMITS.riskEvents, entryKey),
        }
      : state.risk;
  const log =
    delta.signals?.length || delta.log?.length
      ? {
          signals: prependNewest(state.log.signals, delta.signals ?? [], LIST_LIMITS.signals, signalKey),
          entries: prependNewest(state.log.entries, delta.log ?? [], LIST_LIMITS.log, entryKey),
        }
      : state.log;
  return {
    market: applyMarketDelta(state.market, delta),
    orders: applyOrdersDelta(state.orders, delta),
    portfolio,
    risk,
    strategies: delta.strategies ? { list: delta.strategies } : state.strategies,
    log,
    settings: delta.settings ?? state.settings,
    exchange: state.exchange,
    backtest: state.backtest,
    connection: { ...state.connection, lastSeq: delta.seq },
  };
}

/** The answer to 'view.focus': the new focus with its candle history and book. */
export function applyFocus(state: TerminalState, result: CommandResponses['view.focus']): TerminalState {
  return {
    ...state,
    market: {
      ...state.market,
      focus: result.focus,
      candles: sortedCandles(result.candles, result.focus),
      candleHistoryVersion: state.market.candleHistoryVersion + 1,
      book: result.book && result.book.symbol === result.focus.symbol ? result.book : null,
    },
  };
}

/** A strategy as returned by create/update/setActive. */
export function upsertStrategy(state: TerminalState, view: StrategyView): TerminalState {
  return { ...state, strategies: { list: upsertBy(state.strategies.list, [view], strategyKey) } };
}

/** Deltas cannot express a removal, so the 'strategy.remove' answer does it. */
export function removeStrategy(state: TerminalState, id: string): TerminalState {
  return { ...state, strategies: { list: state.strategies.list.filter((s) => s.config.id !== id) } };
}

export function upsertOrder(state: TerminalState, order: Order): TerminalState {
  return { ...state, orders: mergeOrders(state.orders, [order]) };
}

/** The exchanges 'exchanges.list' answered, sorted by name for the picker. */
export function setExchangeList(state: TerminalState, list: readonly ExchangeInfo[]): TerminalState {
  const sorted = [...list].sort((a, b) => a.name.localeCompare(b.name));
  return { ...state, exchange: { ...state.exchange, list: sorted } };
}

/**
 * A key status as the engine answered it, copied field by field: whatever else an answer might carry
 * never reaches the store.
 */
export function setKeyStatus(state: TerminalState, status: KeyStatus): TerminalState {
  const view: KeyStatus = {
    exchangeId: status.exchangeId,
    set: status.set,
    maskedKey: status.maskedKey,
    storage: status.storage,
    needsConsent: status.needsConsent,
    ...(status.unavailableReason !== undefined ? { unavailableReason: status.unavailableReason } : {}),
  };
  return { ...state, exchange: { ...state.exchange, keys: { ...state.exchange.keys, [view.exchangeId]: view } } };
}
