import { formatCount } from '../../format/number.ts';
import { formatRate, progressFraction, type RateUnit } from './run-view.ts';

interface ProgressBarProps {
  testId: string;
  /** 'idle' before anything ran, 'pending' between the command and the first event. */
  state: string;
  done: number;
  total: number;
  text: string;
  /** Attribute names for done/total: a run counts processed events, a sweep done cells. */
  doneAttribute: 'data-processed' | 'data-done';
}

/** A thin bar with its caption; the numbers sit in data attributes for tests and tooling. */
export function ProgressBar({ testId, state, done, total, text, doneAttribute }: ProgressBarProps) {
  const fraction = progressFraction(done, total, state);
  const attributes = { [doneAttribute]: done, 'data-total': total };
  return (
    <div
      className={`bt-progress is-${state}`}
      data-testid={testId}
      data-state={state}
      {...attributes}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(fraction * 100)}
      aria-valuetext={text}
    >
      <div className="bt-progress-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      <span className="bt-progress-text">{text}</span>
    </div>
  );
}

export function RateText({ perSecond, unit, visible }: { perSecond: number | null; unit: RateUnit; visible: boolean }) {
  return (
    <span className="bt-rate num" data-testid="backtest-rate" data-unit={unit} title={`${unit[0]!.toUpperCase()}${unit.slice(1)} replayed per second`}>
      {visible ? formatRate(perSecond, unit) : ''}
    </span>
  );
}

export function CellCount({ done, total }: { done: number; total: number }) {
  return (
    <span className="bt-rate num">
      {formatCount(done)} / {formatCount(total)} runs
    </span>
  );
}
