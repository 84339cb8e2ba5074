import { useState, type FormEvent } from 'react';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/market.ts';
import { STRATEGY_KINDS, type StrategyKind } from '../../../../shared/strategy.ts';
import { Message } from '../../components/Message.tsx';
import { createStrategy, describeError } from '../../store/actions.ts';
import { useTerminal } from '../../store/store.ts';
import { findSymbol } from '../../store/symbols.ts';
import { KIND_LABELS, defaultOrderSize, newStrategyRequest } from './strategy-form.ts';

/** Adds a strategy with default params; they are tuned in its row afterwards. */
export function CreateStrategyForm() {
  const symbols = useTerminal((s) => s.market.symbols);
  const focus = useTerminal((s) => s.market.focus);
  const [kind, setKind] = useState<StrategyKind>('momentum');
  const [symbol, setSymbol] = useState('');
  const [timeframe, setTimeframe] = useState<Timeframe | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Until picked, follow the chart's focus.
  const chosenSymbol = symbol || focus?.symbol || '';
  const chosenTimeframe = timeframe || focus?.timeframe || '1m';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const state = useTerminal.getState();
    const info = findSymbol(state.market.symbols, chosenSymbol);
    const orderSize = defaultOrderSize(info, state.market.tickers[chosenSymbol]?.last);
    setBusy(true);
    const result = await createStrategy(newStrategyRequest(kind, chosenSymbol, chosenTimeframe, orderSize));
    setBusy(false);
    setError(describeError(result));
  };

  return (
    <form className="strategy-create" onSubmit={(e) => void submit(e)} aria-label="New strategy">
      <select className="select" data-testid="strategy-create-kind" aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as StrategyKind)}>
        {STRATEGY_KINDS.map((k) => (
          <option key={k} value={k}>
            {KIND_LABELS[k]}
          </option>
        ))}
      </select>
      <select
        className="select"
        data-testid="strategy-create-symbol"
        aria-label="Symbol"
        value={chosenSymbol}
        onChange={(e) => setSymbol(e.target.value)}
      >
        {symbols.map((s) => (
          <option key={s.symbol} value={s.symbol}>
            {s.symbol}
          </option>
        ))}
      </select>
      <select
        className="select"
        data-testid="strategy-create-timeframe"
        aria-label="Timeframe"
        value={chosenTimeframe}
        onChange={(e) => setTimeframe(e.target.value as Timeframe)}
      >
        {TIMEFRAMES.map((tf) => (
          <option key={tf} value={tf}>
            {tf}
          </option>
        ))}
      </select>
      <button type="submit" className="btn btn-small btn-primary" data-testid="strategy-create-submit" disabled={busy || !chosenSymbol}>
        Add
      </button>
      <Message message={error ? { kind: 'error', text: error } : null} testId="strategy-create-message" />
    </form>
  );
}
