import { useState, type FormEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DatasetInfo } from '../../../../shared/backtest.ts';
import { TIMEFRAMES } from '../../../../shared/market.ts';
import { STRATEGY_KINDS } from '../../../../shared/strategy.ts';
import { Message, type MessageState } from '../../components/Message.tsx';
import { Panel } from '../../components/Panel.tsx';
import { Select } from '../../components/Select.tsx';
import { formatCount } from '../../format/number.ts';
import { formatDateTime } from '../../format/time.ts';
import { describeError } from '../../store/actions.ts';
import { cancelBacktest, loadDatasets, runBacktest } from '../../store/backtest-actions.ts';
import { findProgress, isRunSettled } from '../../store/backtest-reducers.ts';
import { useTerminal } from '../../store/store.ts';
import { KIND_LABELS, PARAM_LABELS, paramNames } from '../strategies/strategy-form.ts';
import {
  MARKET_LABELS,
  MARKET_TYPES,
  SOURCE_KINDS,
  SOURCE_LABELS,
  checkBacktestForm,
  pickDataset,
  type BacktestForm,
  type FormErrors,
} from './backtest-form.ts';
import { ProgressBar, RateText } from './RunProgress.tsx';
import { progressText, rateUnit, settledMessage, type RateUnit } from './run-view.ts';

interface FieldProps {
  label: ReactNode;
  error?: string;
  errorTestId: string;
  wide?: boolean;
  children: ReactNode;
}

function Field({ label, error, errorTestId, wide, children }: FieldProps) {
  return (
    <label className={wide ? 'field field-wide' : 'field'}>
      <span className="field-label">{label}</span>
      {children}
      {error ? (
        <span className="field-error" data-testid={errorTestId}>
          {error}
        </span>
      ) : null}
    </label>
  );
}

export function datasetSummary(dataset: DatasetInfo): string {
  const timeframe = dataset.kind === 'candles' ? (dataset.timeframe ?? '?') : 'trades';
  return `${dataset.symbol} · ${timeframe} · ${formatDateTime(dataset.from)} → ${formatDateTime(dataset.to)} UTC · ${formatCount(dataset.rows)} rows`;
}

interface BacktestFormPanelProps {
  form: BacktestForm;
  onChange: (form: BacktestForm) => void;
  errors: FormErrors;
  onErrors: (errors: FormErrors) => void;
  onStarted: () => void;
}

/** Strategy, market, period, data source and capital; Run and Cancel; the active run's progress. */
export function BacktestFormPanel({ form, onChange, errors, onErrors, onStarted }: BacktestFormPanelProps) {
  const datasets = useTerminal((s) => s.backtest.datasets);
  const exchangeId = useTerminal((s) => s.settings?.exchange?.id ?? null);
  const symbols = useTerminal(useShallow((s) => s.market.symbols.map((info) => info.symbol)));
  const activeRunId = useTerminal((s) => s.backtest.activeRunId);
  /** What the run started here counts, for its rate. */
  const [runUnit, setRunUnit] = useState<RateUnit>('events');
  const progress = useTerminal((s) => findProgress(s.backtest, s.backtest.activeRunId));
  const [commandMessage, setCommandMessage] = useState<MessageState | null>(null);
  const [sending, setSending] = useState(false);

  const running = sending || (activeRunId !== null && (progress === null || !isRunSettled(progress.state)));
  const set = (patch: Partial<BacktestForm>) => onChange({ ...form, ...patch });
  const setParam = (name: string, value: string) =>
    onChange({ ...form, params: { ...form.params, [form.kind]: { ...form.params[form.kind], [name]: value } } });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = checkBacktestForm(form, { exchangeId, datasets });
    if (!check.ok) {
      onErrors(check.errors);
      setCommandMessage({ kind: 'error', text: 'Fix the highlighted fields; nothing was sent.' });
      return;
    }
    onErrors({});
    setCommandMessage(null);
    setSending(true);
    setRunUnit(rateUnit(check.request.source, datasets));
    const result = await runBacktest(check.request);
    setSending(false);
    if (result.ok) onStarted();
    else setCommandMessage({ kind: 'error', text: describeError(result) ?? 'The run was refused.' });
  };

  const cancel = async () => {
    if (!activeRunId) return;
    const result = await cancelBacktest(activeRunId);
    if (!result.ok) setCommandMessage({ kind: 'error', text: describeError(result) ?? 'Not cancelled.' });
  };

  const chooseDataset = (id: string) => {
    const dataset = datasets?.find((d) => d.id === id);
    onChange(dataset ? pickDataset(form, dataset) : { ...form, datasetId: id });
  };

  const dataset = datasets?.find((d) => d.id === form.datasetId) ?? null;
  // The command's own answer first; otherwise how the active run ended, if badly.
  const message = commandMessage ?? (progress ? settledMessage(progress.state, progress.message, 'backtest') : null);
  const state = progress?.state ?? (activeRunId || sending ? 'pending' : 'idle');

  return (
    <Panel title="Backtest" testId="backtest-form-panel" className="bt-form-panel">
      <form className="bt-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Backtest">
        <Field label="Strategy" errorTestId="backtest-kind-error">
          <Select
            testId="backtest-strategy-kind"
            label="Strategy"
            value={form.kind}
            options={STRATEGY_KINDS}
            optionLabel={(k) => KIND_LABELS[k]}
            onChange={(kind) => set({ kind })}
          />
        </Field>
        <Field label="Market" errorTestId="backtest-market-error">
          <Select
            testId="backtest-market"
            label="Market"
            value={form.market}
            options={MARKET_TYPES}
            optionLabel={(m) => MARKET_LABELS[m]}
            onChange={(market) => set({ market })}
          />
        </Field>
        <Field label="Capital (quote)" error={errors.capital} errorTestId="backtest-capital-error">
          <input
            className="input num"
            inputMode="decimal"
            data-testid="backtest-capital"
            aria-invalid={errors.capital !== undefined}
            value={form.capital}
            onChange={(e) => set({ capital: e.target.value })}
          />
        </Field>
        {paramNames(form.kind).map((name) => (
          <Field
            key={`${form.kind}-${name}`}
            label={
              <>
                {PARAM_LABELS[name]?.label ?? name} <span className="dim">({PARAM_LABELS[name]?.hint ?? ''})</span>
              </>
            }
            error={errors[`param.${name}`]}
            errorTestId={`backtest-param-${name}-error`}
          >
            <input
              className="input num"
              inputMode="decimal"
              data-testid={`backtest-param-${name}`}
              aria-invalid={errors[`param.${name}`] !== undefined}
              value={form.params[form.kind][name] ?? ''}
              onChange={(e) => setParam(name, e.target.value)}
            />
          </Field>
        ))}

        <div className="field field-wide">
          <span className="field-label">Data source</span>
          <div className="bt-source" role="radiogroup" aria-label="Data source" data-testid="backtest-source" data-source={form.source}>
            {SOURCE_KINDS.map((kind) => (
              <button
                key={kind}
                type="button"
                role="radio"
                aria-checked={form.source === kind}
                className={form.source === kind ? 'bt-source-option is-current' : 'bt-source-option'}
                data-testid={`backtest-source-${kind}`}
                onClick={() => set({ source: kind })}
              >
                {SOURCE_LABELS[kind]}
              </button>
            ))}
          </div>
        </div>
        {form.source === 'dataset' ? (
          <Field label="Dataset" error={errors.dataset} errorTestId="backtest-dataset-error" wide>
            <div className="bt-inline">
              <select
                className="select"
                data-testid="backtest-dataset"
                aria-label="Dataset"
                aria-invalid={errors.dataset !== undefined}
                value={form.datasetId}
                onChange={(e) => chooseDataset(e.target.value)}
              >
                <option value="">{datasets === null ? 'Loading…' : datasets.length === 0 ? 'No datasets' : 'Pick a dataset'}</option>
                {(datasets ?? []).map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
              <button type="button" className="btn btn-small btn-ghost" title="Reload the list" onClick={() => void loadDatasets()}>
                ↻
              </button>
            </div>
            {dataset ? (
              <span className="bt-hint" data-testid="backtest-dataset-info" data-rows={dataset.rows}>
                {datasetSummary(dataset)}
              </span>
            ) : null}
          </Field>
        ) : null}
        {form.source === 'exchange' ? (
          <Field label="Exchange" error={errors.exchange} errorTestId="backtest-exchange-error" wide>
            <span className="bt-hint" data-testid="backtest-exchange" data-exchange-id={exchangeId ?? ''}>
              {exchangeId
                ? `Candles downloaded from ${exchangeId} (cached, resumable).`
                : 'No exchange chosen: pick one in Settings.'}
            </span>
          </Field>
        ) : null}
        {form.source === 'simulated' ? (
          <Field label="Seed" error={errors.seed} errorTestId="backtest-seed-error">
            <input
              className="input num"
              inputMode="numeric"
              data-testid="backtest-seed"
              aria-invalid={errors.seed !== undefined}
              value={form.seed}
              onChange={(e) => set({ seed: e.target.value })}
            />
          </Field>
        ) : null}

        <Field label="Symbol" error={errors.symbol} errorTestId="backtest-symbol-error">
          <input
            className="input"
            data-testid="backtest-symbol"
            list="backtest-symbols"
            aria-invalid={errors.symbol !== undefined}
            value={form.symbol}
            onChange={(e) => set({ symbol: e.target.value })}
          />
          <datalist id="backtest-symbols">
            {symbols.map((symbol) => (
              <option key={symbol} value={symbol} />
            ))}
          </datalist>
        </Field>
        <Field label="Timeframe" error={errors.timeframe} errorTestId="backtest-timeframe-error">
          <Select testId="backtest-timeframe" label="Timeframe" value={form.timeframe} options={TIMEFRAMES} onChange={(timeframe) => set({ timeframe })} />
        </Field>
        <Field label="From (UTC)" error={errors.from} errorTestId="backtest-from-error" wide>
          <input
            className="input"
            type="datetime-local"
            step={1}
            data-testid="backtest-from"
            aria-invalid={errors.from !== undefined}
            value={form.from}
            onChange={(e) => set({ from: e.target.value })}
          />
        </Field>
        <Field label="To (UTC)" error={errors.to} errorTestId="backtest-to-error" wide>
          <input
            className="input"
            type="datetime-local"
            step={1}
            data-testid="backtest-to"
            aria-invalid={errors.to !== undefined}
            value={form.to}
            onChange={(e) => set({ to: e.target.value })}
          />
        </Field>

        <div className="bt-actions field-wide">
          <button type="submit" className="btn btn-primary" data-testid="backtest-run" disabled={running}>
            Run backtest
          </button>
          <button
            type="button"
            className="btn"
            data-testid="backtest-cancel"
            disabled={!activeRunId || (progress !== null && isRunSettled(progress.state))}
            onClick={() => void cancel()}
          >
            Cancel
          </button>
          <RateText perSecond={progress?.eventsPerSecond ?? null} unit={runUnit} visible={progress !== null && (progress.state === 'running' || progress.state === 'done')} />
        </div>
        <div className="field-wide">
          <ProgressBar
            testId="backtest-progress"
            state={state}
            done={progress?.processed ?? 0}
            total={progress?.total ?? 0}
            text={progress ? progressText(progress) : state === 'pending' ? 'Starting…' : 'No run yet'}
            doneAttribute="data-processed"
          />
        </div>
        <div className="field-wide">
          <Message message={message} testId="backtest-message" />
        </div>
      </form>
    </Panel>
  );
}
