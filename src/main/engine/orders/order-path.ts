// The steps of the order path the live Engine and a backtest's CandleDesk share: a strategy's signal
// as an order request, the request as an intent, the readings risk checks it against, the order as
// recorded before any venue answers, and what an order's fills brought in. One copy, so a backtest
// sends, checks and sizes exactly what the desk would.
import type { OrderBook, SymbolInfo, Ticker } from '../../../shared/market.ts';
import type { Signal } from '../../../shared/strategy.ts';
import { isConditional, type BracketExits, type Fill, type Order, type OrderIntent, type OrderSource, type Side } from '../../../shared/trading.ts';
import type { OrderTracker } from '../order-tracker.ts';
import type { AccountTracker } from '../portfolio/account-tracker.ts';
import { isDust } from '../portfolio/dust.ts';
import type { Portfolio } from '../portfolio/portfolio.ts';
import type { Recent } from '../recent.ts';
import type { RiskContext } from '../risk/risk-context.ts';
import { signalOrder } from '../strategies/signal-order.ts';
import { strategyExits } from '../strategies/strategy-exits.ts';
import type { Strategy } from '../strategies/strategy.ts';
import { baseOf } from '../symbols.ts';
import { conditionalMeasuredPrice } from './exit-rules.ts';
import { measuredPrice } from './measured-price.ts';

export type OrderRequest = Pick<OrderIntent, 'symbol' | 'side' | 'type' | 'size' | 'price' | 'triggerPrice' | 'trailing' | 'timeInForce' | 'postOnly' | 'reduceOnly'> & BracketExits;

/**
 * The market order that takes the position to the strategy's new view; null when there is nothing to
 * send. Exits go with an order that opens the view, not with one that only closes the last (on spot a
 * short view only sells), measured from where the entry fills (`touch`), not the candle's close: a stop
 * nearer than the spread would sit above a buy's own fill.
 */
export function signalRequest(
  strategy: Strategy,
  signal: Signal,
  position: number,
  info: SymbolInfo,
  touch: (side: Side) => number | undefined,
  sendable: (size: number) => number,
): OrderRequest | null {
  const { symbol, params } = strategy.config;
  const order = signalOrder(signal.direction, position, params.orderSize, info, sendable);
  if (order === null) return null;
  const opens = order.side === 'buy' ? signal.direction === 'long' : signal.direction === 'short' && info.market !== 'spot';
  const entryPrice = touch(order.side) ?? signal.price;
  const exits = opens ? strategyExits(signal.direction, entryPrice, params, strategy.exitAtr(), info) : undefined;
  return { symbol, type: 'market', ...order, ...exits };
}

/**
 * The intent for a request, sizes as asked. A market order's reference price is `marketPrice` (what it
 * would meet now); only the terms that were given are set, so a journaled order keeps absent what was
 * never asked for.
 */
export function orderIntent(request: OrderRequest, clientOrderId: string, marketPrice: number | undefined, source: OrderSource, ts: number): OrderIntent {
  const { type, symbol, side } = request;
  const priced = type === 'limit' || type === 'stop_limit' || type === 'take_profit_limit';
  const intent: OrderIntent = { clientOrderId, symbol, side, type, size: request.size, price: priced ? request.price : type === 'market' ? marketPrice : undefined, source, ts };
  if (request.triggerPrice !== undefined) intent.triggerPrice = request.triggerPrice;
  if (request.trailing !== undefined) intent.trailing = request.trailing;
  if (request.timeInForce !== undefined) intent.timeInForce = request.timeInForce;
  if (request.postOnly !== undefined) intent.postOnly = request.postOnly;
  if (request.reduceOnly !== undefined) intent.reduceOnly = request.reduceOnly;
  const { stopLoss, takeProfit, trailingStop } = request;
  if (stopLoss !== undefined || takeProfit !== undefined || trailingStop !== undefined) {
    const exits: BracketExits = {};
    if (stopLoss !== undefined) exits.stopLoss = stopLoss;
    if (takeProfit !== undefined) exits.takeProfit = takeProfit;
    if (trailingStop !== undefined) exits.trailingStop = trailingStop;
    intent.exits = exits;
  }
  return intent;
}

/** A new order as tracked before any venue answers; a conditional one held by the desk or the exchange. */
export function pendingOrder(intent: OrderIntent, heldBy: 'desk' | 'exchange'): Order {
  const order: Order = { ...intent, id: '', status: 'pending', filled: 0, avgFillPrice: 0, fees: 0, updatedAt: intent.ts };
  if (isConditional(order.type)) order.heldBy = heldBy;
  return order;
}

/** Where risk reads the account from: the desk's own trackers. */
export interface RiskSources {
  portfolio: Portfolio;
  orders: OrderTracker;
  account: AccountTracker;
}

/** The one risk context a desk fills per order: created once, so the order path allocates none. */
export function emptyRiskContext(): RiskContext {
  return { info: null, position: 0, positionIsDust: false, workingSameSide: 0, touch: null, measuredPrice: null, freeCash: 0, equity: 0, grossExposure: 0, feedStale: false, dailyLossFraction: 0, drawdown: 0 };
}

/**
 * Fills the one reused risk context for this order (the per-order path allocates nothing here), all but
 * feedStale, which only a live feed can say. `touch` is what the order meets now on its side.
 */
export function readRiskContext(
  ctx: RiskContext,
  intent: OrderIntent,
  info: SymbolInfo | undefined,
  book: OrderBook | undefined,
  ticker: Ticker | undefined,
  touch: number | undefined,
  { portfolio, orders, account }: RiskSources,
): RiskContext {
  const { symbol, side } = intent;
  ctx.info = info ?? null;
  ctx.position = portfolio.positionSize(symbol);
  const mark = portfolio.markPrice(symbol);
  ctx.positionIsDust = info !== undefined && mark !== undefined && isDust(ctx.position, mark, info);
  const working = orders.workingSize(symbol);
  ctx.workingSameSide = side === 'buy' ? working.buy : working.sell;
  ctx.touch = touch ?? null;
  ctx.measuredPrice =
    info === undefined
      ? null
      : isConditional(intent.type)
        ? conditionalMeasuredPrice(intent, ctx.touch)
        : measuredPrice(side, intent.size, intent.type === 'limit' ? intent.price : undefined, book, ticker, info.lotSize);
  ctx.freeCash = portfolio.cash - orders.workingBuyValue();
  ctx.equity = portfolio.equity;
  ctx.grossExposure = portfolio.grossExposure() + orders.workingValue();
  ctx.dailyLossFraction = account.dailyLossFraction;
  ctx.drawdown = account.drawdown;
  return ctx;
}

/** An order's fills among the recent ones, net of fees taken in the base asset: what an exit can sell. */
export function receivedBy(fills: Recent<Fill>, clientOrderId: string): number {
  let total = 0;
  fills.forEach((fill) => {
    if (fill.clientOrderId === clientOrderId) total += fill.size - (fill.feeAsset === baseOf(fill.symbol) ? fill.feeAmount : 0);
  });
  return total;
}
