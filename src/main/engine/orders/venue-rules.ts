// What a spot venue refuses outright (Binance's LOT_SIZE, PRICE_FILTER and NOTIONAL filters), checked
// before an order is journaled so that the trader gets a sentence rather than a rejected order.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { OrderType } from '../../../shared/trading.ts';
import { formatAmount, formatQuantity } from '../risk/format.ts';
import { isOnGrid, offLotProblem } from '../quantity.ts';

/** Relative slack so that a size computed as 0.1 + 0.2 still meets a 0.3 minimum. */
const MIN_SLACK = 1e-9;

/** Why the venue refuses the order's size or limit price, or null. Needs no market price. */
export function orderShapeProblem(size: number, type: OrderType, price: number | undefined, info: SymbolInfo): string | null {
  const { symbol, minSize, tickSize } = info;
  if (!Number.isFinite(size) || size <= 0) return `Size ${size} must be a positive number.`;
  const offLot = offLotProblem(size, info.lotSize, symbol);
  if (offLot !== null) return offLot;
  if (size < minSize * (1 - MIN_SLACK)) return `Size ${formatQuantity(size)} is below the ${symbol} minimum of ${formatQuantity(minSize)}.`;
  if (type === 'limit' || type === 'stop_limit' || type === 'take_profit_limit') {
    if (price === undefined || !Number.isFinite(price) || price <= 0) return 'A limit order needs a positive price.';
    if (!isOnGrid(price, tickSize)) return `Price ${price} is not a multiple of the ${symbol} tick size ${tickSize}.`;
  }
  return null;
}

/** Why the order is refused at the price it would fill at (`measured`), or null: worth less than the venue's minimum order value. */
export function pricedOrderProblem(size: number, measured: number, info: SymbolInfo): string | null {
  const value = size * measured;
  if (value < info.minNotional * (1 - MIN_SLACK)) {
    return `Order value ${formatAmount(value)} ${info.quote} is below the ${info.symbol} minimum order value of ${formatAmount(info.minNotional)} ${info.quote}.`;
  }
  return null;
}
