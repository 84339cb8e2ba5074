import { Panel } from '../../components/Panel.tsx';
import { formatPrice, formatSize } from '../../format/number.ts';
import { useTerminal } from '../../store/store.ts';
import { useSteps, type Steps } from '../../store/symbols.ts';
import { buildLadder, type LadderRow } from './book-ladder.ts';
import { pickPrice } from './price-pick.ts';

/** Levels per side; the panel clips what does not fit, furthest from the spread first. */
const DEPTH = 16;

function Row({ row, side, steps }: { row: LadderRow; side: 'ask' | 'bid'; steps: Steps }) {
  return (
    <button
      type="button"
      className={`book-row book-${side}`}
      data-testid={`book-${side}-row`}
      data-price={row.price}
      title="Use this price in the ticket"
      onClick={() => pickPrice(row.price)}
    >
      <span className="book-bar" style={{ width: `${(row.share * 100).toFixed(1)}%` }} />
      <span className="book-price">{formatPrice(row.price, steps.tickSize)}</span>
      <span>{formatSize(row.size, steps.lotSize)}</span>
      <span className="book-total">{formatSize(row.total, steps.lotSize)}</span>
    </button>
  );
}

export function OrderBook() {
  const book = useTerminal((s) => s.market.book);
  const symbol = useTerminal((s) => s.market.focus?.symbol);
  const steps = useSteps(symbol);
  const ladder = buildLadder(book, DEPTH);
  return (
    <Panel title={`Order book${symbol ? ` · ${symbol}` : ''}`} testId="order-book" className="book-panel">
      <div className="book-columns">
        <span>Price</span>
        <span>Size</span>
        <span>Total</span>
      </div>
      <div className="book-side book-asks">
        {ladder.asks.map((row) => (
          <Row key={row.price} row={row} side="ask" steps={steps} />
        ))}
      </div>
      <div className="book-spread num" data-testid="book-spread">
        {ladder.mid !== null ? (
          <>
            <span className="book-mid">{formatPrice(ladder.mid, steps.tickSize / 2)}</span>
            <span className="dim">
              spread {formatPrice(ladder.spread, steps.tickSize)} ({ladder.spreadBps?.toFixed(1)} bps)
            </span>
          </>
        ) : (
          <span className="dim">No book yet</span>
        )}
      </div>
      <div className="book-side book-bids">
        {ladder.bids.map((row) => (
          <Row key={row.price} row={row} side="bid" steps={steps} />
        ))}
      </div>
    </Panel>
  );
}
