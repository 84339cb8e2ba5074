import { Panel } from '../../components/Panel.tsx';
import { formatPrice, formatSize } from '../../format/number.ts';
import { useTerminal } from '../../store/store.ts';
import { useSteps, type Steps } from '../../store/symbols.ts';
import { sendToTicket } from '../ticket/ticket-channel.ts';
import { buildLadder, type LadderRow } from './book-ladder.ts';

/** Levels per side; the panel clips what does not fit, furthest from the spread first. */
const DEPTH = 16;

/**
 * One level. Rows are keyed by their place in the ladder, not their price, so the elements stay while
 * the book moves under the pointer: a click held while prices change still lands, on what the row shows
 * when it is released. The cells are out of the Tab order (the keyboard has its own shortcuts), so a Tab
 * walk goes past the book to the ticket.
 */
function Row({ row, side, steps }: { row: LadderRow; side: 'ask' | 'bid'; steps: Steps }) {
  return (
    <div className={`book-row book-${side}`} data-testid={`book-${side}-row`} data-price={row.price}>
      <span className="book-bar" style={{ width: `${(row.share * 100).toFixed(1)}%` }} />
      <button type="button" tabIndex={-1} className="book-cell book-price" data-testid="book-price" title="Use this price in the ticket" onClick={() => sendToTicket({ kind: 'price', price: row.price })}>
        {formatPrice(row.price, steps.tickSize)}
      </button>
      <button type="button" tabIndex={-1} className="book-cell" data-testid="book-size" title="Use this size in the ticket" onClick={() => sendToTicket({ kind: 'size', size: row.size })}>
        {formatSize(row.size, steps.lotSize)}
      </button>
      <button type="button" tabIndex={-1} className="book-cell book-total" data-testid="book-total" title="Use the size to this level in the ticket" onClick={() => sendToTicket({ kind: 'size', size: row.total })}>
        {formatSize(row.total, steps.lotSize)}
      </button>
    </div>
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
        {ladder.asks.map((row, index) => (
          <Row key={ladder.asks.length - index} row={row} side="ask" steps={steps} />
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
        {ladder.bids.map((row, index) => (
          <Row key={index} row={row} side="bid" steps={steps} />
        ))}
      </div>
    </Panel>
  );
}
