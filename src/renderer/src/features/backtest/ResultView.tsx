import { useState } from 'react';
import type { BacktestMetrics, BacktestResult, BacktestTrade } from '../../../../shared/backtest.ts';
import { Message, type MessageState } from '../../components/Message.tsx';
import { direction, formatCount, formatPrice, formatSignedMoney, formatSize, formatMoney } from '../../format/number.ts';
import { formatDateTime, useTimeZone } from '../../format/time.ts';
import { describeError } from '../../store/actions.ts';
import { exportRun } from '../../store/backtest-actions.ts';
import { findProgress, findResult } from '../../store/backtest-reducers.ts';
import { useTerminal } from '../../store/store.ts';
import { useSteps } from '../../store/symbols.ts';
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

function TradeRow({ trade, index, symbol }: { trade: BacktestTrade; index: number; symbol: string }) {
  const zone = useTimeZone((z) => z.zone);
  const { tickSize, lotSize } = useSteps(symbol);
  return (
    <tr data-testid="backtest-trade-row" data-side={trade.side} data-pnl={trade.pnl}>
      <td className="num dim">{index + 1}</td>
      <td className={trade.side === 'long' ? 'tone-up' : 'tone-down'}>{trade.side}</td>
      <td className="num">{formatDateTime(trade.entryTs, zone)}</td>
      <td className="num">{formatDateTime(trade.exitTs, zone)}</td>
      <td className="num">{formatSize(trade.size, lotSize)}</td>
      <td className="num">{formatPrice(trade.entryPrice, tickSize)}</td>
      <td className="num">{formatPrice(trade.exitPrice, tickSize)}</td>
      <td className={`num tone-${direction(trade.pnl)}`}>{formatSignedMoney(trade.pnl)}</td>
      <td className="num dim">{formatMoney(trade.fees)}</td>
    </tr>
  );
}

export function TradesTable({ trades, symbol }: { trades: readonly BacktestTrade[]; symbol: string }) {
  const shown = trades.length > MAX_TRADE_ROWS ? trades.slice(0, MAX_TRADE_ROWS) : trades;
  return (
    <table className="grid-table bt-trades" data-testid="backtest-trades" data-count={trades.length}>
      <thead>
        <tr>
          <th className="num">#</th>
          <th>Side</th>
          <th className="num">Entry (UTC)</th>
          <th className="num">Exit (UTC)</th>
          <th className="num">Size</th>
          <th className="num">Entry</th>
          <th className="num">Exit</th>
          <th className="num">PnL</th>
          <th className="num">Fees</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((trade, i) => (
          <TradeRow key={i} trade={trade} index={i} symbol={symbol} />
        ))}
        {shown.length === 0 ? (
          <tr>
            <td colSpan={9} className="empty">
              No round trips: the strategy never opened and closed a position.
            </td>
          </tr>
        ) : null}
        {shown.length < trades.length ? (
          <tr>
            <td colSpan={9} className="empty">
              First {formatCount(shown.length)} of {formatCount(trades.length)} trades; export the CSV for all.
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
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
