// Cells shared by the open-orders and history tables.
import type { Order } from '../../../../shared/trading.ts';
import { formatPrice, formatSize } from '../../format/number.ts';
import { formatDateTime, formatTimeOfDay, timeZoneLabel, useTimeZone } from '../../format/time.ts';
import { useSteps } from '../../store/symbols.ts';
import { exitLabel } from './exit-label.ts';

export function sourceLabel(order: Order): string {
  return order.source.startsWith('strategy:') ? order.source.slice('strategy:'.length) : order.source;
}

/** Avg fill only where orders have finished: open ones rarely have fills, and width is scarce. */
export function OrderCells({ order, withAvgFill }: { order: Order; withAvgFill: boolean }) {
  const zone = useTimeZone((z) => z.zone);
  const { tickSize, lotSize } = useSteps(order.symbol);
  return (
    <>
      <td className="num dim" title={formatDateTime(order.ts, zone)}>
        {formatTimeOfDay(order.ts, zone)}
      </td>
      <td>{order.symbol}</td>
      <td className={order.side === 'buy' ? 'tone-up' : 'tone-down'}>{order.side.toUpperCase()}</td>
      <td className="num" title={order.heldBy === 'desk' ? 'Held by the desk until it fires: it protects only while the desk runs.' : undefined}>
        {order.type === 'market' ? 'MKT' : order.type === 'limit' ? formatPrice(order.price ?? null, tickSize) : exitLabel(order, tickSize)}
      </td>
      <td className="num">
        {formatSize(order.filled, lotSize)} / {formatSize(order.size, lotSize)}
      </td>
      {withAvgFill ? <td className="num">{order.filled > 0 ? formatPrice(order.avgFillPrice, tickSize) : '—'}</td> : null}
      <td>
        <span className={`status status-${order.status}`}>{order.status.replace('_', ' ')}</span>
      </td>
      <td className="dim ellipsis" title={order.source}>
        {sourceLabel(order)}
      </td>
    </>
  );
}

export function OrderHeadings({ withAvgFill }: { withAvgFill: boolean }) {
  const zone = useTimeZone((z) => z.zone);
  return (
    <>
      <th data-testid="orders-time-heading">Time ({timeZoneLabel(zone)})</th>
      <th>Symbol</th>
      <th>Side</th>
      <th className="num">Price</th>
      <th className="num">Filled / Size</th>
      {withAvgFill ? <th className="num">Avg fill</th> : null}
      <th>Status</th>
      <th>Source</th>
    </>
  );
}
