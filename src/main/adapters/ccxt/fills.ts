// An exchange trade of one of our orders as the engine's Fill.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { Fill, Side } from '../../../shared/trading.ts';
import type { CcxtTrade } from './ccxt-module.ts';

interface FeeCharge {
  /** Its value in quote currency. */
  value: number;
  asset: string;
  amount: number;
}

/**
 * The fee as the venue took it: in the quote, in the base (Binance spot takes a buy's fee in the coin
 * bought), or in a third asset (a BNB discount), with its value in quote. A third asset has no price here,
 * so the market's published rate stands in for its value. A trade that reports no fee is charged the
 * published rate in the asset received, as a spot venue does (in the quote on a margin market).
 */
export function feeCharge(trade: CcxtTrade, info: SymbolInfo, side: Side): FeeCharge {
  const price = Number(trade.price);
  const amount = Number(trade.amount);
  const published = price * amount * (trade.takerOrMaker === 'maker' ? info.makerFee : info.takerFee);
  const cost = trade.fee?.cost;
  const currency = trade.fee?.currency;
  if (cost !== undefined && Number.isFinite(cost)) {
    if (currency === undefined || currency === info.quote) return { value: cost, asset: info.quote, amount: cost };
    if (currency === info.base) return { value: cost * price, asset: info.base, amount: cost };
    return { value: published, asset: currency, amount: cost };
  }
  if (info.market === 'spot' && side === 'buy') return { value: published, asset: info.base, amount: published / price };
  return { value: published, asset: info.quote, amount: published };
}

export function toFill(trade: CcxtTrade, order: { orderId: string; clientOrderId: string; side: Side }, info: SymbolInfo, now: number): Fill {
  const fee = feeCharge(trade, info, order.side);
  return {
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    tradeId: String(trade.id),
    symbol: info.symbol,
    side: order.side,
    price: Number(trade.price),
    size: Number(trade.amount),
    fee: fee.value,
    feeAsset: fee.asset,
    feeAmount: fee.amount,
    liquidity: trade.takerOrMaker === 'maker' ? 'maker' : 'taker',
    ts: typeof trade.timestamp === 'number' && Number.isFinite(trade.timestamp) ? trade.timestamp : now,
  };
}
