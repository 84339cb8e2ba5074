// An exchange trade of one of our orders as the engine's Fill.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { Fill, Side } from '../../../shared/trading.ts';
import type { CcxtTrade } from './ccxt-module.ts';

/**
 * The fee in quote currency. Paid in base (common on buys), it is worth cost x price; paid in a third
 * asset (BNB discounts) there is no price for it here, so the market's published rate stands in.
 */
export function feeInQuote(trade: CcxtTrade, info: SymbolInfo): number {
  const price = Number(trade.price);
  const amount = Number(trade.amount);
  const cost = trade.fee?.cost;
  const currency = trade.fee?.currency;
  if (cost !== undefined && Number.isFinite(cost)) {
    if (currency === undefined || currency === info.quote) return cost;
    if (currency === info.base) return cost * price;
  }
  const rate = trade.takerOrMaker === 'maker' ? info.makerFee : info.takerFee;
  return price * amount * rate;
}

export function toFill(trade: CcxtTrade, order: { orderId: string; clientOrderId: string; side: Side }, info: SymbolInfo, now: number): Fill {
  return {
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    tradeId: String(trade.id),
    symbol: info.symbol,
    side: order.side,
    price: Number(trade.price),
    size: Number(trade.amount),
    fee: feeInQuote(trade, info),
    liquidity: trade.takerOrMaker === 'maker' ? 'maker' : 'taker',
    ts: typeof trade.timestamp === 'number' && Number.isFinite(trade.timestamp) ? trade.timestamp : now,
  };
}
