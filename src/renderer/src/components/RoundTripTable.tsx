import type { ReactNode } from 'react';
import type { RoundTrip } from '../../../shared/trading.ts';
import { direction, formatMoney, formatPrice, formatSignedMoney, formatSize } from '../format/number.ts';
import { formatDateTime, timeZoneLabel, useTimeZone } from '../format/time.ts';
import { useSteps } from '../store/symbols.ts';

/** A round trip and the symbol it traded. */
export interface ListedTrip {
  trip: RoundTrip;
  symbol: string;
}

function TripRow({ trip, symbol, index, rowTestId, showSymbol }: ListedTrip & { index: number; rowTestId: string; showSymbol: boolean }) {
  const zone = useTimeZone((z) => z.zone);
  const { tickSize, lotSize } = useSteps(symbol);
  return (
    <tr data-testid={rowTestId} data-symbol={symbol} data-side={trip.side} data-pnl={trip.pnl}>
      <td className="num dim">{index + 1}</td>
      {showSymbol ? <td>{symbol}</td> : null}
      <td className={trip.side === 'long' ? 'tone-up' : 'tone-down'}>{trip.side}</td>
      <td className="num">{formatDateTime(trip.entryTs, zone)}</td>
      <td className="num">{formatDateTime(trip.exitTs, zone)}</td>
      <td className="num">{formatSize(trip.size, lotSize)}</td>
      <td className="num">{formatPrice(trip.entryPrice, tickSize)}</td>
      <td className="num">{formatPrice(trip.exitPrice, tickSize)}</td>
      <td className={`num tone-${direction(trip.pnl)}`} data-testid="trip-pnl">
        {formatSignedMoney(trip.pnl)}
      </td>
      <td className="num dim">{formatMoney(trip.fees)}</td>
    </tr>
  );
}

interface RoundTripTableProps {
  trips: readonly ListedTrip[];
  /** A column for the symbol, when the trips are of more than one. */
  showSymbol: boolean;
  testId: string;
  rowTestId: string;
  className?: string;
  /** Rows after the trips: what to say when there are none, or that some were left out. */
  footer?: ReactNode;
}

/** Round trips, one per row: when each opened and closed, at what average prices, and what it made net of fees. */
export function RoundTripTable({ trips, showSymbol, testId, rowTestId, className, footer }: RoundTripTableProps) {
  const zone = timeZoneLabel(useTimeZone((z) => z.zone));
  return (
    <table className={className ? `grid-table ${className}` : 'grid-table'} data-testid={testId} data-count={trips.length}>
      <thead>
        <tr>
          <th className="num">#</th>
          {showSymbol ? <th>Symbol</th> : null}
          <th>Side</th>
          <th className="num">Opened ({zone})</th>
          <th className="num">Closed ({zone})</th>
          <th className="num" title="The largest size the position reached">Size</th>
          <th className="num" title="Average price of what opened it">Entry</th>
          <th className="num" title="Average price of what closed it">Exit</th>
          <th className="num" title="Realized PnL of the round trip, net of its fees">PnL</th>
          <th className="num">Fees</th>
        </tr>
      </thead>
      <tbody>
        {trips.map((listed, i) => (
          <TripRow key={i} {...listed} index={i} rowTestId={rowTestId} showSymbol={showSymbol} />
        ))}
        {footer}
      </tbody>
    </table>
  );
}

/** A row across the whole table, for a note under the trips. */
export function TableNote({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="empty">
        {children}
      </td>
    </tr>
  );
}
