// A stored run as RFC 4180 CSV: CRLF line ends, a header row, fields quoted only when they hold a
// comma, a quote or a line break (quotes doubled), so Excel, LibreOffice and pandas all read it as is.
import type { BacktestMetrics, BacktestResult } from '../../shared/backtest.ts';

type Field = string | number;

const field = (value: Field): string => {
  const text = typeof value === 'number' ? numberText(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Full precision, and words for the values a spreadsheet cannot parse otherwise. */
const numberText = (n: number): string => (Number.isFinite(n) ? String(n) : Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity');

const iso = (ts: number): string => new Date(ts).toISOString();

export function toCsv(header: readonly string[], rows: readonly (readonly Field[])[]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

export const TRADE_HEADER = ['side', 'entry_time', 'exit_time', 'size', 'entry_price', 'exit_price', 'pnl', 'fees'] as const;

/** In the order the UI shows them; the days of returns last (a run stored before they were kept has none). */
const METRIC_NAMES: readonly Exclude<keyof BacktestMetrics, 'dailyReturns'>[] = [
  'totalReturn', 'cagr', 'sharpe', 'sortino', 'maxDrawdown', 'maxDrawdownDurationMs', 'calmar', 'winRate',
  'profitFactor', 'expectancy', 'trades', 'exposure', 'feesPaid', 'finalEquity',
];

export function exportRun(result: BacktestResult, what: 'trades' | 'metrics'): { filename: string; csv: string } {
  const csv =
    what === 'trades'
      ? toCsv(
          TRADE_HEADER,
          result.trades.map((t) => [t.side, iso(t.entryTs), iso(t.exitTs), t.size, t.entryPrice, t.exitPrice, t.pnl, t.fees]),
        )
      : toCsv(['name', 'value'], [...METRIC_NAMES.map((name) => [name, result.metrics[name]]), ...(result.metrics.dailyReturns === undefined ? [] : [['dailyReturns', result.metrics.dailyReturns]])]);
  return { filename: filenameFor(result, what), csv };
}

/** backtest-momentum-BTC-USDT-1m-2024-01-05-3f2a9c1b-trades.csv: sorts by date, safe on every file system. */
function filenameFor(result: BacktestResult, what: string): string {
  const { strategy, symbol, timeframe } = result.request;
  const day = iso(result.createdAt).slice(0, 10);
  const parts = ['backtest', strategy.kind, symbol, timeframe, day, result.runId.slice(0, 8), what];
  return `${parts.map((p) => p.replace(/[^A-Za-z0-9.-]+/g, '-')).join('-')}.csv`;
}
