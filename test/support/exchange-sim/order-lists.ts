// Binance spot's OCO order lists: the pair a request describes (POST /api/v3/orderList/oco, or the deprecated
// POST /api/v3/order/oco brought to the same shape) and the rules it must meet against the last price.
import { BinanceError } from './binance-error.ts';
import { isConditional, isStopLoss, takesMarket } from './conditional-orders.ts';
import { r8, type SymbolSpec } from './markets.ts';
import { checkNewOrder, mandatory, randomClientId, type CheckedOrder, type ParamNames } from './order-rules.ts';
import type { SimOrderList } from './types.ts';
import type { VenueOrder } from './venue-records.ts';

export interface OcoLegRequest {
  type?: string;
  price?: number;
  stopPrice?: number;
  timeInForce?: string;
  clientOrderId?: string;
  /** The request's names for this leg's fields, for error texts. */
  names: ParamNames;
}

export interface NewOco {
  symbol?: string;
  side?: string;
  quantity?: number;
  listClientOrderId?: string;
  above: OcoLegRequest;
  below: OcoLegRequest;
}

/** A pair that passed: the stop-loss leg first, as Binance numbers it; `lock` is what the pair holds between them. */
export interface CheckedOco {
  side: 'BUY' | 'SELL';
  quantity: number;
  listClientOrderId: string;
  legs: [CheckedOrder, CheckedOrder];
  lock: number;
}

export interface OrderList extends Omit<SimOrderList, 'orderIds'> {
  legs: [VenueOrder, VenueOrder];
  /** The pair's single balance lock, until a leg fills or triggers and takes it (or the list is canceled). */
  lock: number;
  transactionTime: number;
}

const LEG_TYPES: ReadonlySet<string> = new Set(['LIMIT_MAKER', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT']);

export function checkOco(req: NewOco, spec: SymbolSpec, lastPrice: number): CheckedOco {
  const side = req.side;
  if (side !== 'BUY' && side !== 'SELL') throw new BinanceError(400, -1117, 'Invalid side.');
  if (req.quantity === undefined) throw mandatory('quantity');
  for (const leg of [req.above, req.below]) {
    if (leg.type === undefined) throw mandatory(leg === req.above ? 'aboveType' : 'belowType');
    if (!LEG_TYPES.has(leg.type)) throw new BinanceError(400, -1158, 'Order type not supported in OCO.');
  }
  checkRoles(side, req.above.type!, req.below.type!);
  const [above, below] = [req.above, req.below].map((leg) => checkNewOrder({
    symbol: spec.symbol, side, type: leg.type, quantity: req.quantity, price: leg.price, stopPrice: leg.stopPrice,
    timeInForce: leg.timeInForce, newClientOrderId: leg.clientOrderId,
  }, spec, true, leg.names)) as [CheckedOrder, CheckedOrder];
  // SELL: take-profit price(s) > last > stop; BUY: stop > last > take-profit price(s). Strict, as documented.
  const [stop, profit] = isStopLoss(above.type) ? [above, below] : [below, above];
  const profitPrices = [profit.price, profit.stopPrice].filter((p) => p > 0);
  const ordered = side === 'SELL'
    ? stop.stopPrice < lastPrice && profitPrices.every((p) => p > lastPrice)
    : stop.stopPrice > lastPrice && profitPrices.every((p) => p < lastPrice);
  if (!ordered) throw new BinanceError(400, -2010, 'The relationship of the prices for the orders is not correct.');
  // One lock for both legs: the base quantity for a sell, the dearer leg's quote for a buy.
  const lock = side === 'SELL' ? req.quantity : Math.max(...[stop, profit].map((leg) => quoteNeed(leg, req.quantity!)));
  return { side, quantity: req.quantity, listClientOrderId: req.listClientOrderId ?? randomClientId(), legs: [stop, profit], lock };
}

/** What a buy leg of `qty` holds in quote: at its limit price, or at its stopPrice for the market kinds. */
export function quoteNeed(leg: Pick<CheckedOrder, 'type' | 'price' | 'stopPrice'>, qty: number): number {
  return r8((takesMarket(leg.type) ? leg.stopPrice : leg.price) * qty);
}

/** A SELL OCO is a take profit (or LIMIT_MAKER) above and a stop loss below; a BUY OCO the mirror. */
function checkRoles(side: 'BUY' | 'SELL', aboveType: string, belowType: string): void {
  if (!isConditional(aboveType) && !isConditional(belowType)) throw new BinanceError(400, -1168, 'At least one OCO order must be contingent.');
  const sell = side === 'SELL';
  const [profitLeg, stopLeg] = sell ? [aboveType, belowType] : [belowType, aboveType];
  const [name, profitSide, stopSide] = sell ? ['sell', 'above', 'below'] : ['buy', 'below', 'above'];
  if (isStopLoss(profitLeg)) throw new BinanceError(400, sell ? -1197 : -1196, `A stop loss order in a ${name} OCO must be ${stopSide}.`);
  if (stopLeg === 'LIMIT_MAKER') throw new BinanceError(400, sell ? -1166 : -1165, `A limit order in a ${name} OCO must be ${profitSide}.`);
  if (!isStopLoss(stopLeg)) throw new BinanceError(400, sell ? -1199 : -1198, `A take profit order in a ${name} OCO must be ${profitSide}.`);
}

/** The venue's order lists, oldest first; orderListId counts from 0. */
export class OrderLists {
  private readonly lists: OrderList[] = [];

  all(): readonly OrderList[] {
    return this.lists;
  }

  nextId(): number {
    return this.lists.length;
  }

  /** A listClientOrderId may be reused once its list is done, as on Binance. */
  checkUnused(listClientOrderId: string): void {
    if (this.lists.some((l) => l.listOrderStatus === 'EXECUTING' && l.listClientOrderId === listClientOrderId)) {
      throw new BinanceError(400, -2010, 'Duplicate order sent.');
    }
  }

  add(list: OrderList): void {
    this.lists.push(list);
  }

  /** The executing list `order` is a leg of, if any. */
  executing(order: VenueOrder): OrderList | undefined {
    return this.lists.find((l) => l.orderListId === order.orderListId && l.listOrderStatus === 'EXECUTING');
  }

  /** GET /api/v3/orderList: by orderListId or by listClientOrderId (the request calls it origClientOrderId). */
  query(orderListId: number | undefined, listClientOrderId: string | undefined): OrderList {
    if (orderListId === undefined && listClientOrderId === undefined) {
      throw new BinanceError(400, -1102, "Param 'orderListId' or 'origClientOrderId' must be sent, but both were empty/null!");
    }
    const list = this.find(orderListId, listClientOrderId);
    if (!list) throw new BinanceError(400, -2013, 'Order list does not exist.');
    return list;
  }

  /** By orderListId (checked against listClientOrderId when both are given), else the newest with that listClientOrderId. */
  find(orderListId: number | undefined, listClientOrderId: string | undefined): OrderList | undefined {
    if (orderListId !== undefined) {
      const list = this.lists.find((l) => l.orderListId === orderListId);
      return listClientOrderId === undefined || list?.listClientOrderId === listClientOrderId ? list : undefined;
    }
    return this.lists.findLast((l) => l.listClientOrderId === listClientOrderId);
  }
}

export function listStatusType(list: OrderList): 'EXEC_STARTED' | 'ALL_DONE' {
  return list.listOrderStatus === 'EXECUTING' ? 'EXEC_STARTED' : 'ALL_DONE';
}
