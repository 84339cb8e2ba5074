import { useState } from 'react';
import { MAX_SAVED_SWEEP_RUNS } from '../../../../shared/backtest.ts';
import { Message, type MessageState } from '../../components/Message.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatCount } from '../../format/number.ts';
import { describeError } from '../../store/actions.ts';
import { cancelSweep, runSweep } from '../../store/backtest-actions.ts';
import { findSweep, isSweepSettled } from '../../store/backtest-reducers.ts';
import { useTerminal } from '../../store/store.ts';
import { PARAM_LABELS, paramNames } from '../strategies/strategy-form.ts';
import { checkSweepForm, defaultAxis, type AxisForm, type BacktestForm, type FormErrors, type SweepForm } from './backtest-form.ts';
import { ProgressBar } from './RunProgress.tsx';
import { settledMessage } from './run-view.ts';
import { MAX_SWEEP_VALUES, sweepValuesFromText } from './sweep.ts';

/** "5 values: 10, 20, 30, 40, 50" or the first few and the last. */
function valuesPreview(axis: AxisForm): { text: string; error: boolean } {
  const values = sweepValuesFromText(axis.from, axis.to, axis.step);
  if (!values.ok) return { text: values.error, error: true };
  const list = values.values;
  const shown = list.length <= 6 ? list.join(', ') : `${list.slice(0, 4).join(', ')}, … ${list.at(-1)}`;
  return { text: `${list.length} value${list.length === 1 ? '' : 's'}: ${shown}`, error: false };
}

interface AxisFieldsProps {
  n: 1 | 2;
  axis: AxisForm;
  names: string[];
  error?: string;
  onChange: (axis: AxisForm) => void;
}

function AxisFields({ n, axis, names, error, onChange }: AxisFieldsProps) {
  const preview = valuesPreview(axis);
  const input = (key: 'from' | 'to' | 'step', label: string) => (
    <label className="field field-compact">
      <span className="field-label">{label}</span>
      <input
        className="input num"
        inputMode="decimal"
        data-testid={`sweep-${key}-${n}`}
        aria-invalid={error !== undefined}
        value={axis[key]}
        onChange={(e) => onChange({ ...axis, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <fieldset className="bt-axis" data-testid={`sweep-axis-${n}`}>
      <legend>Parameter {n}</legend>
      <label className="field field-compact">
        <span className="field-label">Name</span>
        <select className="select" data-testid={`sweep-param-${n}`} value={axis.param} onChange={(e) => onChange({ ...axis, param: e.target.value })}>
          {names.map((name) => (
            <option key={name} value={name}>
              {PARAM_LABELS[name]?.label ?? name}
            </option>
          ))}
        </select>
      </label>
      {input('from', 'From')}
      {input('to', 'To')}
      {input('step', 'Step')}
      <span
        className={error || preview.error ? 'field-error bt-axis-values' : 'bt-hint bt-axis-values'}
        data-testid={`sweep-values-${n}`}
        data-error={error !== undefined || preview.error}
      >
        {error ?? preview.text}
      </span>
    </fieldset>
  );
}

interface SweepPanelProps {
  form: BacktestForm;
  sweep: SweepForm;
  onChange: (sweep: SweepForm) => void;
  onBaseErrors: (errors: FormErrors) => void;
  onStarted: () => void;
}

/** One or two parameters over ranges of values, each run on the backtest settings above. */
export function SweepPanel({ form, sweep, onChange, onBaseErrors, onStarted }: SweepPanelProps) {
  const exchangeId = useTerminal((s) => s.settings?.exchange?.id ?? null);
  const datasets = useTerminal((s) => s.backtest.datasets);
  const activeSweepId = useTerminal((s) => s.backtest.activeSweepId);
  const progress = useTerminal((s) => findSweep(s.backtest, s.backtest.activeSweepId));
  const [errors, setErrors] = useState<Partial<Record<'first' | 'second' | 'base', string>>>({});
  const [commandMessage, setCommandMessage] = useState<MessageState | null>(null);
  const [sending, setSending] = useState(false);
  const [keepRuns, setKeepRuns] = useState(false);
  const names = paramNames(form.kind);
  const running = sending || (activeSweepId !== null && (progress === null || !isSweepSettled(progress.state)));

  const run = async () => {
    const check = checkSweepForm(form, sweep, { exchangeId, datasets });
    if (!check.ok) {
      setErrors(check.errors);
      onBaseErrors(check.baseErrors);
      setCommandMessage({ kind: 'error', text: check.errors.base ? 'Fix the backtest settings above first; nothing was sent.' : 'Fix the sweep ranges; nothing was sent.' });
      return;
    }
    setErrors({});
    onBaseErrors({});
    setCommandMessage(null);
    setSending(true);
    const result = await runSweep(keepRuns && check.cells <= MAX_SAVED_SWEEP_RUNS ? { ...check.request, saveRuns: true } : check.request);
    setSending(false);
    if (result.ok) onStarted();
    else setCommandMessage({ kind: 'error', text: describeError(result) ?? 'The sweep was refused.' });
  };

  const cancel = async () => {
    if (!activeSweepId) return;
    const result = await cancelSweep(activeSweepId);
    if (!result.ok) setCommandMessage({ kind: 'error', text: describeError(result) ?? 'Not cancelled.' });
  };

  const addSecond = () => {
    const name = names.find((n) => n !== sweep.first.param) ?? names[0];
    onChange({ ...sweep, second: defaultAxis(name, form.params[form.kind][name] ?? '') });
  };

  const count = (axis: AxisForm | null) => {
    if (!axis) return 1;
    const values = sweepValuesFromText(axis.from, axis.to, axis.step);
    return values.ok ? values.values.length : 0;
  };
  const cells = count(sweep.first) * count(sweep.second);
  const message = commandMessage ?? (progress ? settledMessage(progress.state, progress.message, 'sweep') : null);
  const state = progress?.state ?? (activeSweepId || sending ? 'pending' : 'idle');
  const caption = progress
    ? `${progress.state === 'running' ? 'Running' : progress.state === 'done' ? 'Done' : progress.state === 'cancelled' ? 'Cancelled' : 'Failed'} · ${formatCount(progress.done)} / ${formatCount(progress.total)} runs`
    : state === 'pending'
      ? 'Starting…'
      : 'No sweep yet';

  return (
    <Panel title="Parameter sweep" testId="sweep-panel" className="bt-sweep-panel">
      <div className="bt-sweep-form">
        <AxisFields n={1} axis={sweep.first} names={names} error={errors.first} onChange={(first) => onChange({ ...sweep, first })} />
        {sweep.second ? (
          <>
            <AxisFields n={2} axis={sweep.second} names={names} error={errors.second} onChange={(second) => onChange({ ...sweep, second })} />
            <button type="button" className="btn btn-small btn-ghost" data-testid="sweep-remove-second" onClick={() => onChange({ ...sweep, second: null })}>
              Remove parameter 2
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-small" data-testid="sweep-add-second" disabled={names.length < 2} onClick={addSecond}>
            Add a second parameter
          </button>
        )}
        <div className="bt-hint">
          Each value list holds at most {MAX_SWEEP_VALUES} values; the other settings come from the backtest above.
        </div>
        <label className="check" title={cells > MAX_SAVED_SWEEP_RUNS ? `Only sweeps of at most ${MAX_SAVED_SWEEP_RUNS} runs can keep them all.` : 'Each run is added to the runs list, with its curve and trades, to open or compare later.'}>
          <input type="checkbox" data-testid="sweep-keep-runs" checked={keepRuns && cells <= MAX_SAVED_SWEEP_RUNS} disabled={cells > MAX_SAVED_SWEEP_RUNS} onChange={(e) => setKeepRuns(e.target.checked)} />
          Keep every run in the runs list{cells > MAX_SAVED_SWEEP_RUNS ? ` (at most ${MAX_SAVED_SWEEP_RUNS} runs)` : ''}
        </label>
        <div className="bt-actions">
          <button type="button" className="btn btn-primary" data-testid="sweep-run" disabled={running} onClick={() => void run()}>
            Run sweep{cells > 0 ? ` (${formatCount(cells)} runs)` : ''}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="sweep-cancel"
            disabled={!activeSweepId || (progress !== null && isSweepSettled(progress.state))}
            onClick={() => void cancel()}
          >
            Cancel
          </button>
        </div>
        <ProgressBar testId="sweep-progress" state={state} done={progress?.done ?? 0} total={progress?.total ?? 0} text={caption} doneAttribute="data-done" />
        <Message message={message} testId="sweep-message" />
      </div>
    </Panel>
  );
}
