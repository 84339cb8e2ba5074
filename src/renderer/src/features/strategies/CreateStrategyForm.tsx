import { useState, type FormEvent } from 'react';
import type { CommandRequest } from '../../../../shared/contract.ts';
import { useShallow } from 'zustand/react/shallow';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/market.ts';
import { STRATEGY_KINDS, type StrategyKind } from '../../../../shared/strategy.ts';
import { Message } from '../../components/Message.tsx';
import { Select } from '../../components/Select.tsx';
import { createStrategy, describeError } from '../../store/actions.ts';
import { useTerminal } from '../../store/store.ts';
import { findSymbol } from '../../store/symbols.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { KIND_LABELS, defaultOrderSize, identicalStrategy, newStrategyRequest } from './strategy-form.ts';

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

  // A strategy that would trade exactly like one already there is asked about first: two of them double every order.
  const [duplicate, setDuplicate] = useState<{ request: CommandRequest<'strategy.create'>; of: string } | null>(null);

  const create = async (request: CommandRequest<'strategy.create'>) => {
    setDuplicate(null);
    setBusy(true);
    const result = await createStrategy(request);
    setBusy(false);
    setError(describeError(result));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const state = useTerminal.getState();
    const info = findSymbol(state.market.symbols, chosenSymbol);
    const orderSize = defaultOrderSize(info, state.market.tickers[chosenSymbol]?.last);
    const request = newStrategyRequest(kind, chosenSymbol, chosenTimeframe, orderSize);
    const same = identicalStrategy(request, state.strategies.list);
    if (same) setDuplicate({ request, of: same.config.id });
    else void create(request);
  };

  return (
    <form className="strategy-create" onSubmit={submit} aria-label="New strategy">
      <Select testId="strategy-create-kind" label="Kind" value={kind} options={STRATEGY_KINDS} optionLabel={(k) => KIND_LABELS[k]} onChange={setKind} />
      <Select testId="strategy-create-symbol" label="Symbol" value={chosenSymbol} options={symbols} onChange={setSymbol} />
      <Select testId="strategy-create-timeframe" label="Timeframe" value={chosenTimeframe} options={TIMEFRAMES} onChange={setTimeframe} />
      <button type="submit" className="btn btn-small btn-primary" data-testid="strategy-create-submit" disabled={busy || !chosenSymbol}>
        Add
      </button>
      <Message message={error ? { kind: 'error', text: error } : null} testId="strategy-create-message" />
      {duplicate ? (
        <ConfirmDialog title="Identical strategy" confirmLabel="Add another" onConfirm={() => void create(duplicate.request)} onCancel={() => setDuplicate(null)}>
          {duplicate.of} already runs {KIND_LABELS[kind]} on {chosenSymbol} {chosenTimeframe} with the same parameters. A second one would send every order twice. Add another?
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
