import type { OrderType } from '../../../shared/trading.ts';

const KIND_NAMES: Record<OrderType, string> = {
  market: 'market order',
  limit: 'limit order',
  stop_market: 'stop',
  stop_limit: 'stop-limit',
  take_profit_market: 'take-profit',
  take_profit_limit: 'take-profit limit',
  trailing_stop: 'trailing stop',
};

/** How a message names the kind of order: "sell stop", "buy take-profit limit". */
export function kindName(type: OrderType): string {
  return KIND_NAMES[type];
}
