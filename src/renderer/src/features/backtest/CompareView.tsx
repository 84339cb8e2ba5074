import { useEffect } from 'react';
import type { BacktestSummary } from '../../../../shared/backtest.ts';
import { loadResult } from '../../store/backtest-actions.ts';
import { findResult } from '../../store/backtest-reducers.ts';
import { useTerminal } from '../../store/store.ts';
import { CompareChart } from './BacktestCharts.tsx';
import { METRIC_SPECS, betterOf, formatMetric, shownMetric } from './metrics.ts';
import { rangeText, requestParams, strategyLabel } from './run-view.ts';
import { useTheme } from '../theme/theme.ts';

function RunHead({ run, name }: { run: BacktestSummary; name: 'A' | 'B' }) {
  return (
    <th className={`num bt-compare-head bt-compare-${name.toLowerCase()}`} data-run-id={run.runId} title={rangeText(run.request)}>
      <span className="bt-compare-tag">{name}</span> {strategyLabel(run.request)}
      <div className="dim">{requestParams(run.request)}</div>
    </th>
  );
}

/** Two runs side by side: each metric in two columns, the better one highlighted; both equity curves on one chart. */
export function CompareView() {
  // Charts read their colours when made: a new theme makes them again.
  const theme = useTheme((t) => t.theme);
  const compareIds = useTerminal((s) => s.backtest.compareIds);
  const runs = useTerminal((s) => s.backtest.runs);
  const resultA = useTerminal((s) => findResult(s.backtest, s.backtest.compareIds[0] ?? null));
  const resultB = useTerminal((s) => findResult(s.backtest, s.backtest.compareIds[1] ?? null));

  useEffect(() => {
    for (const id of compareIds) void loadResult(id);
  }, [compareIds]);

  const a = runs?.find((r) => r.runId === compareIds[0]) ?? resultA;
  const b = runs?.find((r) => r.runId === compareIds[1]) ?? resultB;
  if (compareIds.length < 2 || !a || !b) {
    return (
      <div className="bt-compare-empty empty" data-testid="backtest-compare-hint">
        Tick two runs in the list to compare them.
      </div>
    );
  }

  return (
    <div className="bt-compare" data-testid="backtest-compare" data-run-a={a.runId} data-run-b={b.runId}>
      <div className="bt-chart-wrap">
        <CompareChart key={theme} a={resultA} b={resultB} />
      </div>
      <div className="bt-scroll">
        <table className="grid-table bt-compare-table">
          <thead>
            <tr>
              <th>Metric</th>
              <RunHead run={a} name="A" />
              <RunHead run={b} name="B" />
            </tr>
          </thead>
          <tbody>
            {METRIC_SPECS.map((spec) => {
              const better = betterOf(spec.key, shownMetric(a.metrics, spec.key), shownMetric(b.metrics, spec.key));
              const cell = (side: 'a' | 'b') => (better === side ? 'num is-better' : 'num');
              return (
                <tr key={spec.key} data-metric={spec.key} data-better={better ?? 'none'}>
                  <th scope="row">{spec.label}</th>
                  <td className={cell('a')} data-testid="backtest-compare-a">
                    {formatMetric(spec.key, shownMetric(a.metrics, spec.key))}
                  </td>
                  <td className={cell('b')} data-testid="backtest-compare-b">
                    {formatMetric(spec.key, shownMetric(b.metrics, spec.key))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
