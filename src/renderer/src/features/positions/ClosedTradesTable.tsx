import { RoundTripTable, TableNote } from '../../components/RoundTripTable.tsx';
import { useTerminal } from '../../store/store.ts';

/** The account's round trips, newest first: what each position made from open to close, net of fees. */
export function ClosedTradesTable() {
  const closedTrades = useTerminal((s) => s.portfolio.closedTrades);
  const trips = closedTrades.map((trade) => ({ trip: trade, symbol: trade.symbol }));
  return (
    <div className="tab-body">
      <RoundTripTable
        trips={trips}
        showSymbol
        testId="closed-trades"
        rowTestId="closed-trade-row"
        footer={trips.length === 0 ? <TableNote columns={10}>No closed trades yet: a trade is listed once its position is back to zero.</TableNote> : null}
      />
    </div>
  );
}
