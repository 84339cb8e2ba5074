import { useState } from 'react';
import { isConditional, type Order, type Position } from '../../../../shared/trading.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Message } from '../../components/Message.tsx';
import { useStateMessage } from '../../components/use-state-message.ts';
import { ShadowHint } from '../../components/ShadowHint.tsx';
import { TabButton } from '../../components/TabButton.tsx';
import { direction, formatHolding, formatMoney, formatPrice, formatSignedMoney, formatSignedPercent } from '../../format/number.ts';
import { cancelOrder, closePosition, describeError } from '../../store/actions.ts';
import { exitLabel } from '../orders/exit-label.ts';
import { useTerminal } from '../../store/store.ts';
import { useSteps } from '../../store/symbols.ts';
import { ClosedTradesTable } from './ClosedTradesTable.tsx';
import { pnlPercent } from './position-figures.ts';

/** The position's protective orders: each names its kind and trigger, where it lives, and can be cancelled. */
function ExitChips({ exits, onCancel }: { exits: Order[]; onCancel: (clientOrderId: string) => void }) {
  if (exits.length === 0) return <span className="dim">none</span>;
  return (
    <>
      {exits.map((exit) => (
        <span
          key={exit.clientOrderId}
          className="tag tag-exit"
          data-testid="position-exit"
          data-type={exit.type}
          title={exit.heldBy === 'desk' ? 'Held by the desk: it protects only while the desk runs.' : 'On the exchange: it protects with the desk closed.'}
        >
          {exitLabel(exit)}
          <button type="button" className="tag-close" aria-label={`Cancel ${exitLabel(exit)}`} onClick={() => onCancel(exit.clientOrderId)}>
            ×
          </button>
        </span>
      ))}
    </>
  );
}

function PositionRow({ position, exits, onClose, onCancel }: { position: Position; exits: Order[]; onClose: (symbol: string) => void; onCancel: (clientOrderId: string) => void }) {
  const { tickSize, lotSize } = useSteps(position.symbol);
  const long = position.size > 0;
  return (
    <tr data-testid="position-row" data-symbol={position.symbol} data-size={position.size} data-dust={position.dust} className={position.dust ? 'row-dust' : undefined}>
      <td>
        {position.symbol}
        {position.dust ? (
          <span className="tag" title="Too small to sell: below the market's minimum order size or value. It stays in the account; no order can close it.">
            dust
          </span>
        ) : null}
      </td>
      <td className={`tone-${long ? 'up' : 'down'}`} data-testid="position-side">
        {long ? 'Long' : 'Short'}
      </td>
      <td className={`num tone-${long ? 'up' : 'down'}`}>
        {long ? '' : '−'}
        {formatHolding(Math.abs(position.size), lotSize)}
      </td>
      <td className="num" data-testid="position-notional">
        {formatMoney(Math.abs(position.size) * position.markPrice)}
      </td>
      <td
        className="num"
        title={position.importedAtMark ? 'Part of this position was found in the exchange balance rather than bought here; its cost is not known, so it is counted at the price when it was found.' : undefined}
      >
        {formatPrice(position.avgPrice, tickSize)}
        {position.importedAtMark ? '*' : ''}
      </td>
      <td className="num">{formatPrice(position.markPrice, tickSize)}</td>
      <td className={`num tone-${direction(position.unrealizedPnl)}`} data-testid="position-upnl">
        {formatSignedMoney(position.unrealizedPnl)}
      </td>
      <td className={`num tone-${direction(position.unrealizedPnl)}`} data-testid="position-pnl-percent">
        {formatSignedPercent(pnlPercent(position))}
      </td>
      <td className={`num tone-${direction(position.realizedPnl)}`}>{formatSignedMoney(position.realizedPnl)}</td>
      <td className="cell-exits">
        <ExitChips exits={exits} onCancel={onCancel} />
      </td>
      <td className="cell-action">
        {position.dust ? null : (
          <button type="button" className="btn btn-small" data-testid="position-close" onClick={() => onClose(position.symbol)}>
            Close
          </button>
        )}
      </td>
    </tr>
  );
}

export function PositionsTable() {
  const positions = useTerminal((s) => s.portfolio.positions);
  const open = useTerminal((s) => s.orders.open);
  const tradingState = useTerminal((s) => s.risk.status?.state);
  // A refusal describes the positions and the trading state as they were: it goes when either changes.
  const [message, setMessage] = useStateMessage(`${tradingState}|${positions.map((p) => `${p.symbol}:${p.size}`).join(',')}|${open.length}`);
  const setError = (text: string | null) => setMessage(text === null ? null : { kind: 'error', text });
  const exitsOf = (symbol: string) => open.filter((o) => o.symbol === symbol && isConditional(o.type) && o.triggeredAt === undefined);
  const onCancel = async (clientOrderId: string) => {
    const result = await cancelOrder(clientOrderId);
    setError(result.ok ? null : describeError(result));
  };

  const onClose = async (symbol: string) => {
    const result = await closePosition(symbol);
    setError(result.ok ? null : `${symbol}: ${describeError(result)}`);
  };

  const [confirmCloseAll, setConfirmCloseAll] = useState(false);
  const closable = positions.filter((p) => !p.dust);
  const onCloseAll = async () => {
    setConfirmCloseAll(false);
    const refusals: string[] = [];
    for (const { symbol } of closable) {
      const result = await closePosition(symbol);
      if (!result.ok) refusals.push(`${symbol}: ${describeError(result)}`);
    }
    setError(refusals.length > 0 ? refusals.join(' ') : null);
  };

  const closedCount = useTerminal((s) => s.portfolio.closedTrades.length);
  const realizedInList = useTerminal((s) => s.portfolio.closedTrades.reduce((sum, t) => sum + t.pnl, 0));
  const [tab, setTab] = useState<'open' | 'closed'>('open');

  return (
    <section className="panel table-panel" data-testid="positions">
      <header className="panel-head">
        <div className="tabs" role="tablist">
          <TabButton selected={tab === 'open'} testId="positions-tab-open" onSelect={() => setTab('open')}>
            Positions ({closable.length})
          </TabButton>
          <TabButton selected={tab === 'closed'} testId="positions-tab-closed" onSelect={() => setTab('closed')}>
            Closed trades ({closedCount})
          </TabButton>
        </div>
        <div className="panel-actions">
          <ShadowHint />
          {tab === 'open' ? (
            <button type="button" className="btn btn-small" data-testid="positions-close-all" disabled={closable.length === 0} onClick={() => setConfirmCloseAll(true)}>
              Close all
            </button>
          ) : (
            <span className={`tone-${direction(realizedInList)}`} data-testid="closed-trades-total" title="Realized PnL of the trades listed, net of their fees">
              Net {formatSignedMoney(realizedInList)}
            </span>
          )}
        </div>
      </header>
      <div className="panel-body">
        <Message message={message} testId="positions-message" />
        {tab === 'open' ? <OpenPositions positions={positions} exitsOf={exitsOf} onClose={(symbol) => void onClose(symbol)} onCancel={(id) => void onCancel(id)} /> : <ClosedTradesTable />}
      </div>
      {confirmCloseAll ? (
        <ConfirmDialog title="Close all positions" confirmLabel="Close all at market" onConfirm={() => void onCloseAll()} onCancel={() => setConfirmCloseAll(false)}>
          Sends a market order closing each of {closable.map((p) => p.symbol).join(', ')}; dust no order can sell stays. Continue?
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

interface OpenPositionsProps {
  positions: Position[];
  exitsOf: (symbol: string) => Order[];
  onClose: (symbol: string) => void;
  onCancel: (clientOrderId: string) => void;
}

function OpenPositions({ positions, exitsOf, onClose, onCancel }: OpenPositionsProps) {
  return (
    <div className="tab-body">
      <table className="grid-table">
        <thead>
          <tr>
            <th>Symbol</th>
            <th>Side</th>
            <th className="num">Size</th>
            <th className="num">Notional</th>
            <th className="num">Avg</th>
            <th className="num">Mark</th>
            <th className="num" title="Unrealized PnL at the mark">Unreal.</th>
            <th className="num" title="Unrealized PnL as a share of what the position cost">PnL %</th>
            <th className="num">Real.</th>
            <th>Exits</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {positions.map((p) => (
            <PositionRow key={p.symbol} position={p} exits={exitsOf(p.symbol)} onClose={onClose} onCancel={onCancel} />
          ))}
        </tbody>
      </table>
      {positions.length === 0 ? <div className="empty" data-testid="positions-empty">No open positions. Click a price in the order book to fill in the ticket, or switch on a strategy.</div> : null}
    </div>
  );
}
