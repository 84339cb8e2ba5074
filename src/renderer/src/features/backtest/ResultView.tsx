import { useState } from 'react';
import type { BacktestMetrics, BacktestResult, BacktestTrade } from '../../../../shared/backtest.ts';
import { Message, type MessageState } from '../../components/Message.tsx';
import { RoundTripTable, TableNote } from '../../components/RoundTripTable.tsx';
import { formatCount, formatMoney } from '../../format/number.ts';
import { describeError } from '../../store/actions.ts';
import { exportRun } from '../../store/backtest-actions.ts';
import { findProgress, findResult } from '../../store/backtest-reducers.ts';
import { useTerminal } from '../../store/store.ts';
import { EquityChart } from './BacktestCharts.tsx';
import { downloadCsv } from './download.ts';
import { METRIC_SPECS, formatDuration, formatMetric, shortSampleNote, shownMetric } from './metrics.ts';
import { progressText, rangeText, requestParams, settledMessage, sourceText, strategyLabel } from './run-view.ts';
import { useTheme } from '../theme/theme.ts';

/** Trade rows drawn at most; the CSV export has them all. */
const MAX_TRADE_ROWS = 2_000;

export function MetricsTable({ metrics }: { metrics: BacktestMetrics }) {
  const note = shortSampleNote(metrics);
  return (
    <>
      <table className="grid-table bt-metrics" data-testid="backtest-metrics">
        <tbody>
          {METRIC_SPECS.map((spec) => (
            <tr key={spec.key} data-metric={spec.key} data-value={String(shownMetric(metrics, spec.key))}>
              <th scope="row">{spec.label}</th>
              <td className="num">{formatMetric(spec.key, shownMetric(metrics, spec.key))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {note ? (
        <div className="dim bt-metrics-note" data-testid="backtest-short-sample">
          {note}
        </div>
      ) : null}
    </>
  );
}

export function TradesTable({ trades, symbol }: { trades: readonly BacktestTrade[]; symbol: string }) {
  const shown = (trades.length > MAX_TRADE_ROWS ? trades.slice(0, MAX_TRADE_ROWS) : trades).map((trip) => ({ trip, symbol }));
  const columns = 9;
  return (
    <RoundTripTable
      trips={shown}
      showSymbol={false}
      testId="backtest-trades"
      rowTestId="backtest-trade-row"
      className="bt-trades"
      footer={
        <>
          {shown.length === 0 ? <TableNote columns={columns}>No round trips: the strategy never opened and closed a position.</TableNote> : null}
          {shown.length < trades.length ? (
            <TableNote columns={columns}>
              First {formatCount(shown.length)} of {formatCount(trades.length)} trades; export the CSV for all.
            </TableNote>
          ) : null}
        </>
      }
    />
  );
}

function ExportButtons({ runId }: { runId: string }) {
  const [message, setMessage] = useState<MessageState | null>(null);
  const save = async (what: 'trades' | 'metrics') => {
    const result = await exportRun(runId, what);
    if (!result.ok) {
      setMessage({ kind: 'error', text: describeError(result) ?? 'Export failed.' });
      return;
    }
    const name = downloadCsv(result.value.filename, result.value.csv, `backtest-${runId}-${what}`);
    setMessage({ kind: 'success', text: `Saved ${name}` });
  };
  return (
    <div className="bt-exports">
      <button type="button" className="btn btn-small" data-testid="backtest-export-trades" onClick={() => void save('trades')}>
        Export trades CSV
      </button>
      <button type="button" className="btn btn-small" data-testid="backtest-export-metrics" onClick={() => void save('metrics')}>
        Export metrics CSV
      </button>
      <Message message={message} testId="backtest-export-message" />
    </div>
  );
}

function Summary({ result }: { result: BacktestResult }) {
  const { request } = result;
  return (
    <div className="bt-summary" data-testid="backtest-summary" data-run-id={result.runId}>
      <div className="bt-summary-main">
        <strong>{strategyLabel(request)}</strong>
        <span className="dim">{requestParams(request)}</span>
      </div>
      <div className="bt-summary-sub dim">
        {rangeText(request)} · {sourceText(request)} · capital {formatMoney(request.startingCapital)} · {formatCount(result.events)} events in{' '}
        {formatDuration(result.durationMs)}
      </div>
    </div>
  );
}

/** The run picked in the list (or just run): summary, charts, metrics and trades. */
export function ResultView() {
  // Charts read their colours when made: a new theme makes them again.
  const theme = useTheme((t) => t.theme);
  const viewRunId = useTerminal((s) => s.backtest.viewRunId);
  const result = useTerminal((s) => findResult(s.backtest, s.backtest.viewRunId));
  const progress = useTerminal((s) => findProgress(s.backtest, s.backtest.viewRunId));

  let placeholder: string | null = null;
  if (!viewRunId) placeholder = 'Run a backtest, or pick a past run on the right.';
  else if (!result) {
    placeholder =
      progress && progress.state !== 'done'
        ? (settledMessage(progress.state, progress.message, 'backtest')?.text ?? progressText(progress))
        : 'Loading the result…';
  }

  return (
    <div className="bt-result" data-testid="backtest-result" data-run-id={viewRunId ?? ''} data-loaded={result !== null}>
      {result ? (
        <div className="bt-result-head">
          <Summary result={result} />
          <ExportButtons runId={result.runId} />
        </div>
      ) : (
        <div className="bt-result-head empty">{placeholder}</div>
      )}
      <div className="bt-chart-wrap">
        <EquityChart key={theme} result={result} />
      </div>
      {result ? (
        <div className="bt-result-tables">
          <div className="bt-scroll">
            <MetricsTable metrics={result.metrics} />
          </div>
          <div className="bt-scroll">
            <TradesTable trades={result.trades} symbol={result.request.symbol} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
