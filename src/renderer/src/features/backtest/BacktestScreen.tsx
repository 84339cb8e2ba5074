import { useEffect, useRef, useState } from 'react';
import { Panel } from '../../components/Panel.tsx';
import { loadDatasets, loadRuns } from '../../store/backtest-actions.ts';
import { useTerminal } from '../../store/store.ts';
import { findSymbol } from '../../store/symbols.ts';
import { defaultOrderSize } from '../strategies/strategy-form.ts';
import {
  defaultBacktestForm,
  defaultSweepForm,
  sweepFormFor,
  type BacktestForm,
  type FormErrors,
  type SweepForm,
} from './backtest-form.ts';
import { BacktestFormPanel } from './BacktestFormPanel.tsx';
import { CompareView } from './CompareView.tsx';
import { ResultView } from './ResultView.tsx';
import { RunsPanel } from './RunsPanel.tsx';
import { SweepPanel } from './SweepPanel.tsx';
import { SweepResults } from './SweepResults.tsx';

type Tab = 'result' | 'compare' | 'sweep';
const TABS: readonly { tab: Tab; label: string }[] = [
  { tab: 'result', label: 'Result' },
  { tab: 'compare', label: 'Compare' },
  { tab: 'sweep', label: 'Sweep' },
];

/** A first form from what the store knows now: the chart's market, the account's capital, datasets. */
function initialForm(): BacktestForm {
  const state = useTerminal.getState();
  const symbol = state.market.focus?.symbol ?? null;
  return defaultBacktestForm({
    now: Date.now(),
    symbol,
    timeframe: state.market.focus?.timeframe ?? null,
    capital: state.settings?.startingCapital ?? null,
    orderSize: defaultOrderSize(findSymbol(state.market.symbols, symbol ?? undefined), symbol ? state.market.tickers[symbol]?.last : undefined),
    datasets: state.backtest.datasets,
  });
}

/** Backtests: settings and sweep on the left, result / comparison / sweep in the middle, past runs on the right. */
export function BacktestScreen({ hidden, stale }: { hidden: boolean; stale: boolean }) {
  const synced = useTerminal((s) => s.connection.status === 'open' && s.connection.synced);
  const datasets = useTerminal((s) => s.backtest.datasets);
  const compareCount = useTerminal((s) => s.backtest.compareIds.length);
  const [form, setFormState] = useState<BacktestForm>(initialForm);
  const [sweep, setSweep] = useState<SweepForm>(() => defaultSweepForm(form));
  const [errors, setErrors] = useState<FormErrors>({});
  const [tab, setTab] = useState<Tab>('result');
  const touched = useRef(false);

  // On every (re)connection: the engine's datasets and runs.
  useEffect(() => {
    if (!synced) return;
    void loadDatasets();
    void loadRuns();
  }, [synced]);

  // The datasets arrive after the first render: preselect the first one unless the form was edited.
  useEffect(() => {
    if (datasets && datasets.length > 0 && !touched.current) {
      const next = initialForm();
      setFormState(next);
      setSweep(defaultSweepForm(next));
    }
  }, [datasets]);

  // Ticking a second run to compare shows the comparison.
  const previousCompare = useRef(compareCount);
  useEffect(() => {
    if (compareCount === 2 && previousCompare.current < 2) setTab('compare');
    previousCompare.current = compareCount;
  }, [compareCount]);

  const setForm = (next: BacktestForm) => {
    touched.current = true;
    setFormState(next);
    setSweep((current) => sweepFormFor(current, next));
  };

  return (
    <div className={stale ? 'backtest-screen is-stale' : 'backtest-screen'} hidden={hidden} data-testid="backtest-screen">
      <div className="bt-setup">
        <BacktestFormPanel form={form} onChange={setForm} errors={errors} onErrors={setErrors} onStarted={() => setTab('result')} />
        <SweepPanel form={form} sweep={sweep} onChange={setSweep} onBaseErrors={setErrors} onStarted={() => setTab('sweep')} />
      </div>
      <Panel
        className="bt-main"
        testId="backtest-main"
        title={
          <div className="tabs" role="tablist" aria-label="Backtest views">
            {TABS.map(({ tab: id, label }) => (
              <button
                key={id}
                type="button"
                role="tab"
                className="tab"
                aria-selected={tab === id}
                data-testid={`backtest-tab-${id}`}
                onClick={() => setTab(id)}
              >
                {label}
                {id === 'compare' && compareCount > 0 ? ` (${compareCount}/2)` : ''}
              </button>
            ))}
          </div>
        }
      >
        {tab === 'result' ? <ResultView /> : tab === 'compare' ? <CompareView /> : <SweepResults onOpenRun={() => setTab('result')} />}
      </Panel>
      <RunsPanel />
    </div>
  );
}
