import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/market.ts';
import { STRATEGY_KINDS, type StrategyKind } from '../../../../shared/strategy.ts';
import { Message } from '../../components/Message.tsx';
import { Select } from '../../components/Select.tsx';
import { createStrategy, describeError } from '../../store/actions.ts';
import { useTerminal } from '../../store/store.ts';
import { findSymbol } from '../../store/symbols.ts';
import { KIND_LABELS, defaultOrderSize, newStrategyRequest } from './strategy-form.ts';

/** Adds a strategy with default params; they are tuned in its row afterwards. */
export function CreateStrategyForm() {
  const symbols = useTerminal(useShallow((s) => s.market.symbols.map((info) => info.symbol)));
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
      <Select testId="strategy-create-kind" label="Kind" value={kind} options={STRATEGY_KINDS} optionLabel={(k) => KIND_LABELS[k]} onChange={setKind} />
      <Select testId="strategy-create-symbol" label="Symbol" value={chosenSymbol} options={symbols} onChange={setSymbol} />
      <Select testId="strategy-create-timeframe" label="Timeframe" value={chosenTimeframe} options={TIMEFRAMES} onChange={setTimeframe} />
      <button type="submit" className="btn btn-small btn-primary" data-testid="strategy-create-submit" disabled={busy || !chosenSymbol}>
        Add
      </button>
      <Message message={error ? { kind: 'error', text: error } : null} testId="strategy-create-message" />
    </form>
  );
}
