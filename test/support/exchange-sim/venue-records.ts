// The records the venue keeps and the events it emits, shared with the wire-format and socket layers.
import type { BookDiff } from './book.ts';
import type { OrderList } from './order-lists.ts';
import type { TimeInForce } from './order-rules.ts';
import type { TapeTrade } from './tape.ts';
import type { SimOrder, SimTrade } from './types.ts';

export type ExpiryReason = 'INSUFFICIENT_LIQUIDITY' | 'UNFILLED_IOC_QUANTITY_EXPIRED' | 'UNFILLED_FOK_ORDER_EXPIRED' | 'OCO_TRIGGER';

export interface VenueOrder extends SimOrder {
  timeInForce: TimeInForce;
  origQuoteOrderQty: number;
  /** What is still locked for this order; released on fills, cancel or expiry. An OCO leg's is 0 while its list holds the lock. */
  lockedRemaining: number;
  /** Binance's expiryReason (eR), once the order has expired. */
  expiryReason?: ExpiryReason;
}

export interface VenueTrade extends SimTrade {
  symbol: string;
  orderListId: number;
  isBuyer: boolean;
  quoteQty: number;
}

export interface Execution {
  order: VenueOrder;
  executionType: 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED';
  trade?: VenueTrade;
  /** Binance puts the cancel request's own id in `c` and the order's in `C`. */
  cancelClientOrderId?: string;
  time: number;
}

export interface VenueEvents {
  onDepth(symbol: string, diff: BookDiff, time: number): void;
  onTape(trade: TapeTrade): void;
  onExecution(execution: Execution): void;
  onListStatus(list: OrderList, time: number): void;
  onAccount(assets: string[], time: number): void;
}

export interface VenueOptions {
  historyMinutes?: number;
  /** Default true; false refuses the conditional kinds and OCO lists. */
  nativeStops?: boolean;
}
