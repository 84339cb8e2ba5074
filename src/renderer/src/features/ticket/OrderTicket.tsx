import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { TimeInForce } from '../../../../shared/trading.ts';
import type { MessageState } from '../../components/Message.tsx';
import { useStateMessage } from '../../components/use-state-message.ts';
import { formatMoney, formatPrice, formatSize } from '../../format/number.ts';
import { placeOrder, protectPosition } from '../../store/actions.ts';
import { useTerminal } from '../../store/store.ts';
import { FALLBACK_STEPS, findSymbol } from '../../store/symbols.ts';
import { onTicketCommand } from './ticket-channel.ts';
import { checkTicket, describeOrder, describeRejection, EMPTY_TICKET, exitPrice, riskReward, type StopKind, type TicketForm, type TicketTab } from './ticket-form.ts';

interface TicketMessage extends MessageState {
  clientOrderId?: string;
}

const TABS: { tab: TicketTab; label: string }[] = [
  { tab: 'limit', label: 'Limit' },
  { tab: 'market', label: 'Market' },
  { tab: 'stop', label: 'Stop' },
  { tab: 'oco', label: 'OCO' },
];

export function OrderTicket() {
  const symbol = useTerminal((s) => s.market.focus?.symbol ?? '');
  const info = useTerminal((s) => findSymbol(s.market.symbols, symbol));
  const ticker = useTerminal((s) => s.market.tickers[symbol]);
  const position = useTerminal((s) => s.portfolio.positions.find((p) => p.symbol === symbol));
  const [form, setForm] = useState<TicketForm>({ ...EMPTY_TICKET });
  const [busy, setBusy] = useState(false);
  const steps = info ?? FALLBACK_STEPS;
  const tradingState = useTerminal((s) => s.risk.status?.state);
  // A refusal describes the ticket, the symbol's position and the trading state as they were: editing
  // the ticket, a fill or a halt or resume clears it. A placed order's line expires by itself.
  const [message, setMessage] = useStateMessage<TicketMessage>(`${symbol}|${position?.size ?? 0}|${tradingState}|${JSON.stringify(form)}`);
  const set = (change: Partial<TicketForm>) => setForm((f) => ({ ...f, ...change }));

  const priceRef = useRef<HTMLInputElement>(null);
  const sizeRef = useRef<HTMLInputElement>(null);
  const plain = (text: string) => text.replace(/,/g, '');
  useEffect(
    () =>
      onTicketCommand((command) => {
        switch (command.kind) {
          case 'price':
            // A price from the book makes a limit order at it.
            setForm((f) => ({ ...f, tab: f.tab === 'market' ? 'limit' : f.tab, price: plain(formatPrice(command.price, steps.tickSize)) }));
            return;
          case 'size':
            setForm((f) => ({ ...f, size: plain(formatSize(command.size, steps.lotSize)) }));
            return;
          case 'side':
            setForm((f) => ({ ...f, side: command.side }));
            return;
          case 'focus':
            (priceRef.current ?? sizeRef.current)?.focus();
        }
      }),
    [steps.tickSize, steps.lotSize],
  );

  // An OCO closes the position: it sells a long (buys back a short) of the position's size by default.
  const ocoSide = position && position.size < 0 ? 'buy' : 'sell';
  const side = form.tab === 'oco' ? ocoSide : form.side;
  const touch = side === 'buy' ? ticker?.ask : ticker?.bid;
  const entry = form.tab === 'limit' ? Number(form.price) || undefined : form.tab === 'oco' ? (position?.markPrice ?? touch) : touch;
  const size = Number(form.size) || (form.tab === 'oco' && position ? Math.abs(position.size) : 0);
  const notional = size > 0 && entry ? size * entry : null;
  const exitsShown = form.tab === 'limit' || form.tab === 'market' || form.tab === 'oco';
  const tradeSide = form.tab === 'oco' ? (ocoSide === 'sell' ? 'buy' : 'sell') : form.side;
  const stopAt = exitPrice(form.stopLoss, entry, tradeSide, 'stopLoss', steps.tickSize);
  const targetAt = exitPrice(form.takeProfit, entry, tradeSide, 'takeProfit', steps.tickSize);
  const odds = entry && size > 0 ? riskReward(tradeSide, size, entry, finite(stopAt), finite(targetAt)) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = checkTicket({ ...form, side: tradeSide }, symbol, info, entry);
    if (!check.ok) {
      setMessage({ kind: 'error', text: check.message });
      return;
    }
    setBusy(true);
    const ticket = check.request;
    const result = ticket.command === 'order.place' ? await placeOrder(ticket.request) : await protectPosition(ticket.request);
    setBusy(false);
    if (!result.ok) {
      setMessage({ kind: 'error', text: describeRejection(result.error) });
      return;
    }
    const orders = Array.isArray(result.value) ? result.value : [result.value];
    setMessage({
      kind: orders.some((o) => o.status === 'rejected') ? 'error' : 'success',
      text: orders.map((o) => describeOrder(o, steps.lotSize)).join(' · '),
      clientOrderId: orders[0]?.clientOrderId,
    });
  };

  return (
    <form className="panel ticket" onSubmit={(e) => void submit(e)} aria-label="Order ticket">
      <div className="ticket-tabs" role="tablist" aria-label="Order kind">
        {TABS.map(({ tab, label }) => (
          <button key={tab} type="button" role="tab" className="tab" aria-selected={form.tab === tab} data-testid={`ticket-tab-${tab}`} onClick={() => set({ tab })}>
            {label}
          </button>
        ))}
      </div>
      {form.tab === 'oco' ? (
        <div className="dim ticket-note" data-testid="ticket-oco-note">
          {position ? `Closes the ${position.size > 0 ? 'long' : 'short'}: the first leg to fire cancels the other.` : `No ${symbol} position to protect.`}
        </div>
      ) : (
        <div className="ticket-sides" role="group" aria-label="Side">
          <button type="button" className={`side-button side-buy${form.side === 'buy' ? ' is-selected' : ''}`} aria-pressed={form.side === 'buy'} data-testid="ticket-side-buy" onClick={() => set({ side: 'buy' })}>
            Buy
          </button>
          <button type="button" className={`side-button side-sell${form.side === 'sell' ? ' is-selected' : ''}`} aria-pressed={form.side === 'sell'} data-testid="ticket-side-sell" onClick={() => set({ side: 'sell' })}>
            Sell
          </button>
        </div>
      )}
      {form.tab === 'stop' ? (
        <>
          <Field label="Kind">
            <select className="select" data-testid="ticket-stop-kind" value={form.stopKind} onChange={(e) => set({ stopKind: e.target.value as StopKind })}>
              <option value="stop">Stop</option>
              <option value="take_profit">Take-profit</option>
              <option value="trailing">Trailing stop</option>
            </select>
          </Field>
          <Field label={form.stopKind === 'trailing' ? 'Distance (amount or %)' : 'Trigger'}>
            <input className="input num" data-testid="ticket-trigger" inputMode="decimal" autoComplete="off" value={form.trigger} onChange={(e) => set({ trigger: e.target.value })} />
          </Field>
        </>
      ) : null}
      {form.tab === 'limit' || (form.tab === 'stop' && form.stopKind !== 'trailing') ? (
        <Field label={form.tab === 'stop' ? 'Limit (empty: market)' : 'Price'}>
          <input
            className="input num"
            ref={priceRef}
            data-testid="ticket-price"
            inputMode="decimal"
            autoComplete="off"
            placeholder={form.tab === 'stop' ? 'Market' : formatPrice(ticker?.last ?? null, steps.tickSize)}
            value={form.price}
            onChange={(e) => set({ price: e.target.value })}
          />
        </Field>
      ) : null}
      <Field label={`Size${info ? ` (${info.base})` : ''}`}>
        <input
          className="input num"
          ref={sizeRef}
          data-testid="ticket-size"
          inputMode="decimal"
          autoComplete="off"
          placeholder={form.tab === 'oco' && position ? `position ${Math.abs(position.size)}` : info ? `min ${info.minSize}` : ''}
          value={form.size}
          onChange={(e) => set({ size: e.target.value })}
        />
      </Field>
      {form.tab === 'limit' ? (
        <div className="ticket-flags">
          <select className="select" aria-label="Time in force" data-testid="ticket-tif" value={form.timeInForce} onChange={(e) => set({ timeInForce: e.target.value as TimeInForce })}>
            <option value="GTC">GTC</option>
            <option value="IOC">IOC</option>
            <option value="FOK">FOK</option>
          </select>
          <label className="check">
            <input type="checkbox" data-testid="ticket-post-only" checked={form.postOnly} onChange={(e) => set({ postOnly: e.target.checked })} /> Post-only
          </label>
        </div>
      ) : null}
      {form.tab === 'stop' ? (
        <label className="check">
          <input type="checkbox" data-testid="ticket-reduce-only" checked={form.reduceOnly} onChange={(e) => set({ reduceOnly: e.target.checked })} /> Reduce-only
        </label>
      ) : null}
      {exitsShown ? (
        <div className="ticket-exits">
          <Field label="Stop-loss (price or %)">
            <input className="input num" data-testid="ticket-stop-loss" inputMode="decimal" autoComplete="off" placeholder="none" value={form.stopLoss} onChange={(e) => set({ stopLoss: e.target.value })} />
          </Field>
          <Field label="Take-profit (price or %)">
            <input className="input num" data-testid="ticket-take-profit" inputMode="decimal" autoComplete="off" placeholder="none" value={form.takeProfit} onChange={(e) => set({ takeProfit: e.target.value })} />
          </Field>
        </div>
      ) : null}
      <div className="ticket-summary num">
        <span className="dim">Notional</span>
        <span>
          {formatMoney(notional)} {info?.quote ?? ''}
        </span>
      </div>
      {odds && (odds.risk !== null || odds.reward !== null) ? (
        <div className="ticket-summary num" data-testid="ticket-risk-reward">
          <span className="dim">Risk / reward</span>
          <span>
            {odds.risk === null ? '–' : `−${formatMoney(odds.risk)}`} / {odds.reward === null ? '–' : `+${formatMoney(odds.reward)}`}
            {odds.ratio === null ? '' : ` (${odds.ratio.toFixed(2)}R)`}
          </span>
        </div>
      ) : null}
      <button type="submit" className={`btn btn-submit ${side === 'buy' ? 'btn-buy' : 'btn-sell'}`} data-testid="ticket-submit" disabled={busy || !symbol}>
        {busy ? 'Sending…' : form.tab === 'oco' ? `Place OCO on ${info?.base ?? symbol}` : `${form.side === 'buy' ? 'Buy' : 'Sell'} ${info?.base ?? symbol}`}
      </button>
      {message ? (
        <div className={`message message-${message.kind}`} role="status" data-testid="ticket-message" data-kind={message.kind} data-client-order-id={message.clientOrderId}>
          {message.text}
        </div>
      ) : null}
    </form>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}

function finite(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}
