import { useState } from 'react';
import type { Order } from '../../../../shared/trading.ts';
import { Message } from '../../components/Message.tsx';
import { useStateMessage } from '../../components/use-state-message.ts';
import { ShadowHint } from '../../components/ShadowHint.tsx';
import { TabButton } from '../../components/TabButton.tsx';
import { cancelAllOrders, cancelOrder, describeError } from '../../store/actions.ts';
import { useTerminal } from '../../store/store.ts';
import { OrderCells, OrderHeadings } from './order-cells.tsx';

type Tab = 'open' | 'history';

function newestFirst(orders: readonly Order[]): Order[] {
  return [...orders].sort((a, b) => b.ts - a.ts);
}

function OpenOrders({ onError }: { onError: (message: string | null) => void }) {
  const open = useTerminal((s) => s.orders.open);
  const onCancel = async (clientOrderId: string) => onError(describeError(await cancelOrder(clientOrderId)));
  return (
    <div data-testid="open-orders" className="tab-body">
      <table className="grid-table">
        <thead>
          <tr>
            <OrderHeadings withAvgFill={false} />
            <th />
          </tr>
        </thead>
        <tbody>
          {newestFirst(open).map((order) => (
            <tr key={order.clientOrderId} data-testid="order-row" data-client-order-id={order.clientOrderId} data-status={order.status}>
              <OrderCells order={order} withAvgFill={false} />
              <td className="cell-action">
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid="order-cancel"
                  onClick={() => void onCancel(order.clientOrderId)}
                >
                  Cancel
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open.length === 0 ? <div className="empty" data-testid="open-orders-empty">No open orders. A limit order rests here until it fills or is cancelled.</div> : null}
    </div>
  );
}

function OrderHistory() {
  const history = useTerminal((s) => s.orders.history);
  return (
    <div data-testid="order-history" className="tab-body">
      <table className="grid-table">
        <thead>
          <tr>
            <OrderHeadings withAvgFill />
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {history.map((order) => (
            <tr key={order.clientOrderId} data-testid="history-row" data-client-order-id={order.clientOrderId} data-status={order.status}>
              <OrderCells order={order} withAvgFill />
              <td className="dim ellipsis" title={order.reason}>
                {order.reason ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {history.length === 0 ? <div className="empty">No finished orders yet</div> : null}
    </div>
  );
}

export function OrdersPanel() {
  const [tab, setTab] = useState<Tab>('open');
  const openIds = useTerminal((s) => s.orders.open.map((o) => o.clientOrderId).join(','));
  const tradingState = useTerminal((s) => s.risk.status?.state);
  const openCount = useTerminal((s) => s.orders.open.length);
  // A refusal describes the open orders and the trading state as they were: it goes when either changes.
  const [message, setMessage] = useStateMessage(`${tradingState}|${openIds}`);
  const setError = (text: string | null) => setMessage(text === null ? null : { kind: 'error', text });

  const onCancelAll = async () => {
    const result = await cancelAllOrders();
    setError(describeError(result));
  };

  return (
    <section className="panel table-panel orders-panel">
      <header className="panel-head">
        <div className="tabs" role="tablist">
          <TabButton selected={tab === 'open'} testId="orders-tab-open" onSelect={() => setTab('open')}>
            Open orders ({openCount})
          </TabButton>
          <TabButton selected={tab === 'history'} testId="orders-tab-history" onSelect={() => setTab('history')}>
            History
          </TabButton>
        </div>
        <ShadowHint />
        {tab === 'open' ? (
          <div className="panel-actions">
            <button
              type="button"
              className="btn btn-small"
              data-testid="orders-cancel-all"
              disabled={openCount === 0}
              onClick={() => void onCancelAll()}
            >
              Cancel all
            </button>
          </div>
        ) : null}
      </header>
      <div className="panel-body">
        <Message message={message} testId="orders-message" />
        {tab === 'open' ? <OpenOrders onError={setError} /> : <OrderHistory />}
      </div>
    </section>
  );
}
