import { useEffect, useState, type FormEvent } from 'react';
import type { OrderType, Side } from '../../../../shared/trading.ts';
import { formatMoney, formatPrice } from '../../format/number.ts';
import { placeOrder } from '../../store/actions.ts';
import { useTerminal } from '../../store/store.ts';
import { FALLBACK_STEPS, findSymbol } from '../../store/symbols.ts';
import { onPricePicked } from '../orderbook/price-pick.ts';
import { checkTicket, describeOrder, describeRejection } from './ticket-form.ts';

interface TicketMessage {
  kind: 'error' | 'success';
  text: string;
  clientOrderId?: string;
}

export function OrderTicket() {
  const symbol = useTerminal((s) => s.market.focus?.symbol ?? '');
  const info = useTerminal((s) => findSymbol(s.market.symbols, symbol));
  const ticker = useTerminal((s) => s.market.tickers[symbol]);
  const [side, setSide] = useState<Side>('buy');
  const [type, setType] = useState<OrderType>('market');
  const [size, setSize] = useState('');
  const [price, setPrice] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<TicketMessage | null>(null);
  const steps = info ?? FALLBACK_STEPS;

  useEffect(
    () =>
      onPricePicked((picked) => {
        setType('limit');
        setPrice(formatPrice(picked, steps.tickSize).replace(/,/g, ''));
      }),
    [steps.tickSize],
  );

  const reference = type === 'limit' ? Number(price) : side === 'buy' ? ticker?.ask : ticker?.bid;
  const notional = Number(size) > 0 && reference && Number.isFinite(reference) ? Number(size) * reference : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = checkTicket({ side, type, size, price }, symbol, info);
    if (!check.ok) {
      setMessage({ kind: 'error', text: check.message });
      return;
    }
    setBusy(true);
    const result = await placeOrder(check.request);
    setBusy(false);
    if (!result.ok) {
      setMessage({ kind: 'error', text: describeRejection(result.error) });
      return;
    }
    const order = result.value;
    setMessage({
      kind: order.status === 'rejected' ? 'error' : 'success',
      text: describeOrder(order, steps.lotSize),
      clientOrderId: order.clientOrderId,
    });
  };

  return (
    <form className="panel ticket" onSubmit={(e) => void submit(e)} aria-label="Order ticket">
      <div className="ticket-sides" role="group" aria-label="Side">
        <button
          type="button"
          className={`side-button side-buy${side === 'buy' ? ' is-selected' : ''}`}
          aria-pressed={side === 'buy'}
          data-testid="ticket-side-buy"
          onClick={() => setSide('buy')}
        >
          Buy
        </button>
        <button
          type="button"
          className={`side-button side-sell${side === 'sell' ? ' is-selected' : ''}`}
          aria-pressed={side === 'sell'}
          data-testid="ticket-side-sell"
          onClick={() => setSide('sell')}
        >
          Sell
        </button>
      </div>
      <label className="field">
        <span className="field-label">Type</span>
        <select className="select" data-testid="ticket-type" value={type} onChange={(e) => setType(e.target.value as OrderType)}>
          <option value="market">Market</option>
          <option value="limit">Limit</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">Price</span>
        <input
          className="input num"
          data-testid="ticket-price"
          inputMode="decimal"
          autoComplete="off"
          placeholder={type === 'market' ? 'Market' : formatPrice(ticker?.last ?? null, steps.tickSize)}
          disabled={type === 'market'}
          value={type === 'market' ? '' : price}
          onChange={(e) => setPrice(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">Size{info ? ` (${info.base})` : ''}</span>
        <input
          className="input num"
          data-testid="ticket-size"
          inputMode="decimal"
          autoComplete="off"
          placeholder={info ? `min ${info.minSize}` : ''}
          value={size}
          onChange={(e) => setSize(e.target.value)}
        />
      </label>
      <div className="ticket-summary num">
        <span className="dim">Notional</span>
        <span>
          {formatMoney(notional)} {info?.quote ?? ''}
        </span>
      </div>
      <button
        type="submit"
        className={`btn btn-submit ${side === 'buy' ? 'btn-buy' : 'btn-sell'}`}
        data-testid="ticket-submit"
        disabled={busy || !symbol}
      >
        {busy ? 'Sending…' : `${side === 'buy' ? 'Buy' : 'Sell'} ${info?.base ?? symbol}`}
      </button>
      {message ? (
        <div
          className={`message message-${message.kind}`}
          role="status"
          data-testid="ticket-message"
          data-kind={message.kind}
          data-client-order-id={message.clientOrderId}
        >
          {message.text}
        </div>
      ) : null}
    </form>
  );
}
