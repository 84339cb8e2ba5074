// What Binance accepts in a new order before it reaches the book: side and type, the parameters each type
// needs (and those it refuses), and the symbol's price and lot filters. Checks that need the book, the tape
// or balances stay in the venue.
import { BinanceError } from './binance-error.ts';
import { isConditional, takesMarket, unsupportedType } from './conditional-orders.ts';
import { checkPrice, checkQty, type SymbolSpec } from './markets.ts';
import type { SimOrderType } from './types.ts';

export interface NewOrder {
  symbol?: string;
  side?: string;
  type?: string;
  timeInForce?: string;
  quantity?: number;
  quoteOrderQty?: number;
  price?: number;
  stopPrice?: number;
  newClientOrderId?: string;
}

export type TimeInForce = 'GTC' | 'IOC' | 'FOK';

/** A new order that passed: `price` and `stopPrice` are 0 where the type takes none. */
export interface CheckedOrder {
  side: 'BUY' | 'SELL';
  type: SimOrderType;
  timeInForce: TimeInForce;
  price: number;
  stopPrice: number;
  quantity?: number;
  quoteOrderQty?: number;
  clientOrderId: string;
}

/** The request's own names for the fields, for the error texts: an OCO leg calls its price 'abovePrice'. */
export interface ParamNames {
  price: string;
  stopPrice: string;
  timeInForce: string;
  clientOrderId: string;
}

export const ORDER_PARAMS: ParamNames = { price: 'price', stopPrice: 'stopPrice', timeInForce: 'timeInForce', clientOrderId: 'newClientOrderId' };

const TYPES: ReadonlySet<string> = new Set(['LIMIT', 'MARKET', 'LIMIT_MAKER', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT']);
const CLIENT_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;

export function checkNewOrder(req: NewOrder, spec: SymbolSpec, nativeStops: boolean, names: ParamNames = ORDER_PARAMS): CheckedOrder {
  const side = req.side;
  if (side !== 'BUY' && side !== 'SELL') throw new BinanceError(400, -1117, 'Invalid side.');
  const type = req.type;
  if (type === undefined || !TYPES.has(type)) throw new BinanceError(400, -1116, 'Invalid orderType.');
  if (isConditional(type) && !nativeStops) throw unsupportedType(type);
  const kind = type as SimOrderType;
  const conditional = isConditional(kind);
  const priced = !takesMarket(kind);
  // LIMIT_MAKER (and MARKET) ignore a timeInForce; the limit kinds must have one.
  const wantsTif = kind === 'LIMIT' || kind === 'STOP_LOSS_LIMIT' || kind === 'TAKE_PROFIT_LIMIT';

  if (conditional && !priced) {
    if (req.price !== undefined) throw notRequired(names.price);
    if (req.timeInForce !== undefined) throw notRequired(names.timeInForce);
  }
  if (conditional && req.quoteOrderQty !== undefined) throw notRequired('quoteOrderQty');
  if (!conditional && req.stopPrice !== undefined) throw notRequired(names.stopPrice);
  const tif = wantsTif ? req.timeInForce : 'GTC';
  if (tif !== 'GTC' && tif !== 'IOC' && tif !== 'FOK') {
    throw tif === undefined ? mandatory(names.timeInForce) : new BinanceError(400, -1115, 'Invalid timeInForce.');
  }
  if (priced && req.price === undefined) throw mandatory(names.price);
  if (kind !== 'MARKET' && req.quantity === undefined) throw mandatory('quantity');
  if (kind === 'MARKET' && (req.quantity === undefined) === (req.quoteOrderQty === undefined)) {
    throw new BinanceError(400, -1102, "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!");
  }
  if (conditional && req.stopPrice === undefined) {
    throw new BinanceError(400, -1102, `Param '${names.stopPrice}' or 'trailingDelta' must be sent, but both were empty/null!`);
  }
  const clientOrderId = req.newClientOrderId ?? randomClientId();
  if (!CLIENT_ID.test(clientOrderId)) {
    throw new BinanceError(400, -1100, `Illegal characters found in parameter '${names.clientOrderId}'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.`);
  }
  if (req.price !== undefined) checkPrice(spec, req.price);
  if (req.stopPrice !== undefined) checkPrice(spec, req.stopPrice);
  if (req.quantity !== undefined) checkQty(spec, req.quantity);
  return {
    side, type: kind, timeInForce: tif, price: priced ? req.price! : 0, stopPrice: req.stopPrice ?? 0,
    quantity: req.quantity, quoteOrderQty: kind === 'MARKET' ? req.quoteOrderQty : undefined, clientOrderId,
  };
}

export function mandatory(name: string): BinanceError {
  return new BinanceError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
}

function notRequired(name: string): BinanceError {
  return new BinanceError(400, -1106, `Parameter '${name}' sent when not required.`);
}

/** Binance's own ids for orders, lists and cancels sent without one. */
export function randomClientId(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 22; i++) id += chars[Math.floor(Math.random() * chars.length)];
  return id;
}
