import { useState } from 'react';
import type { BacktestSummary } from '../../../../shared/backtest.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Message } from '../../components/Message.tsx';
import { Panel } from '../../components/Panel.tsx';
import { direction } from '../../format/number.ts';
import { formatDateTime, useTimeZone } from '../../format/time.ts';
import { describeError } from '../../store/actions.ts';
import { deleteRun, loadRuns, showRun, toggleCompareRun } from '../../store/backtest-actions.ts';
import { useTerminal } from '../../store/store.ts';
import { formatMetric, shownMetric } from './metrics.ts';
import { requestParams, runLabel, strategyLabel } from './run-view.ts';

interface RunRowProps {
  run: BacktestSummary;
  viewed: boolean;
  compared: 'A' | 'B' | null;
  onDelete: (run: BacktestSummary) => void;
}

function RunRow({ run, viewed, compared, onDelete }: RunRowProps) {
  const zone = useTimeZone((z) => z.zone);
  const { metrics } = run;
  return (
    <tr
      className={viewed ? 'bt-run is-viewed' : 'bt-run'}
      data-testid="backtest-run-row"
      data-run-id={run.runId}
      data-viewed={viewed}
      data-compare={compared ?? ''}
      aria-selected={viewed}
      onClick={() => void showRun(run.runId)}
    >
      <td className="cell-action" onClick={(e) => e.stopPropagation()}>
        <label className="bt-compare-pick" title="Compare">
          <input
            type="checkbox"
            data-testid="backtest-run-compare"
            aria-label={`Compare run ${run.runId}`}
            checked={compared !== null}
            onChange={() => toggleCompareRun(run.runId)}
          />
          {compared ? <span className="bt-compare-tag">{compared}</span> : null}
        </label>
      </td>
      <td>
        <div className="bt-run-title" title={runLabel(run)}>
          {strategyLabel(run.request)}
        </div>
        <div className="bt-run-sub dim" title={requestParams(run.request)}>
          {formatDateTime(run.createdAt, zone)} · {requestParams(run.request)}
        </div>
      </td>
      <td className={`num tone-${direction(metrics.totalReturn * 100)}`}>{formatMetric('totalReturn', metrics.totalReturn)}</td>
      <td className="num">{formatMetric('sharpe', shownMetric(metrics, 'sharpe'))}</td>
      <td className="num">{formatMetric('trades', metrics.trades)}</td>
      <td className="cell-action" onClick={(e) => e.stopPropagation()}>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          data-testid="backtest-run-delete"
          aria-label={`Delete run ${run.runId}`}
          title="Delete this run"
          onClick={() => onDelete(run)}
        >
          ✕
        </button>
      </td>
    </tr>
  );
}

/** Past runs, newest first: click to view, tick two to compare, delete. */
export function RunsPanel() {
  const runs = useTerminal((s) => s.backtest.runs);
  const viewRunId = useTerminal((s) => s.backtest.viewRunId);
  const compareIds = useTerminal((s) => s.backtest.compareIds);
  const [confirm, setConfirm] = useState<BacktestSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    const run = confirm;
    setConfirm(null);
    if (!run) return;
    const result = await deleteRun(run.runId);
    setError(result.ok ? null : describeError(result));
  };

  const tag = (runId: string): 'A' | 'B' | null => {
    const index = compareIds.indexOf(runId);
    return index === 0 ? 'A' : index === 1 ? 'B' : null;
  };

  return (
    <Panel
      title={`Runs (${runs?.length ?? 0})`}
      testId="backtest-runs-panel"
      className="bt-runs-panel"
      actions={
        <button type="button" className="btn btn-small btn-ghost" data-testid="backtest-runs-refresh" title="Reload the list" onClick={() => void loadRuns()}>
          ↻
        </button>
      }
    >
      <Message message={error ? { kind: 'error', text: error } : null} testId="backtest-runs-message" />
      <table className="grid-table bt-runs" data-testid="backtest-runs" data-count={runs?.length ?? 0}>
        <thead>
          <tr>
            <th className="col-pick" title="Tick two to compare">Cmp</th>
            <th>Run</th>
            <th className="num col-return">Return</th>
            <th className="num col-sharpe">Sharpe</th>
            <th className="num col-trades">Trades</th>
            <th className="col-delete" />
          </tr>
        </thead>
        <tbody>
          {(runs ?? []).map((run) => (
            <RunRow key={run.runId} run={run} viewed={run.runId === viewRunId} compared={tag(run.runId)} onDelete={setConfirm} />
          ))}
          {runs !== null && runs.length === 0 ? (
            <tr>
              <td colSpan={6} className="empty">
                No runs yet.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {confirm ? (
        <ConfirmDialog title="Delete run" confirmLabel="Delete run" onConfirm={() => void remove()} onCancel={() => setConfirm(null)}>
          Deletes the run {strategyLabel(confirm.request)} of {formatDateTime(confirm.createdAt)} with its trades and equity curve.
        </ConfirmDialog>
      ) : null}
    </Panel>
  );
}
