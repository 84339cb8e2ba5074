// The horizontal lines the price chart draws for the focused symbol: the position's entry, its stops and
// take-profits, and working limit orders. A desk-held exit not yet fired can be dragged to a new trigger.
import type { Order, Position } from '../../../../shared/trading.ts';
import { isConditional } from '../../../../shared/trading.ts';
import { exitLabel } from '../orders/exit-label.ts';

export type OrderLineKind = 'entry' | 'stop' | 'target' | 'order';

export interface OrderLine {
  key: string;
  kind: OrderLineKind;
  price: number;
  title: string;
  /** The order a drag moves (its trigger, or a plain limit's price never: those are cancelled and placed again). */
  draggable: string | null;
}

const STOP_TYPES: ReadonlySet<Order['type']> = new Set(['stop_market', 'stop_limit', 'trailing_stop']);

export function orderLines(symbol: string | undefined, position: Position | undefined, open: readonly Order[], tickSize: number): OrderLine[] {
  if (symbol === undefined) return [];
  const lines: OrderLine[] = [];
  if (position && position.size !== 0 && !position.dust) {
    lines.push({ key: 'entry', kind: 'entry', price: position.avgPrice, title: `Entry ${position.size > 0 ? 'long' : 'short'}`, draggable: null });
  }
  for (const order of open) {
    if (order.symbol !== symbol) continue;
    const armed = isConditional(order.type) && order.triggeredAt === undefined;
    const price = armed ? order.triggerPrice : order.price;
    if (price === undefined) continue;
    const kind: OrderLineKind = !armed ? 'order' : STOP_TYPES.has(order.type) ? 'stop' : 'target';
    const movable = armed && order.heldBy === 'desk' && order.type !== 'trailing_stop';
    lines.push({ key: order.clientOrderId, kind, price, title: armed ? exitLabel(order, tickSize) : `${order.side === 'buy' ? 'Buy' : 'Sell'} ${order.size}`, draggable: movable ? order.clientOrderId : null });
  }
  return lines;
}
