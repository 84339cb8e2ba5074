// How a run reads on screen: its progress bar and rate, its closing message, a short label.
import type { BacktestProgress, BacktestRequest, BacktestSummary, DatasetInfo, SweepProgress } from '../../../../shared/backtest.ts';
import { formatPercent } from '../../format/number.ts';
import { formatDateTime } from '../../format/time.ts';
import type { MessageState } from '../../components/Message.tsx';
import { KIND_LABELS } from '../strategies/strategy-form.ts';

/** Done part of the bar, 0..1. A finished run is full even if the engine never gave a total. */
export function progressFraction(processed: number, total: number, state: string): number {
  if (state === 'done') return 1;
  if (!(total > 0) || !Number.isFinite(processed)) return 0;
  return Math.min(1, Math.max(0, processed / total));
}

const compact = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** What a run counts as it goes: candles of a candle file or download, prints of a trade file, market events of the simulator. */
export type RateUnit = 'candles' | 'trades' | 'events';

export function rateUnit(source: BacktestRequest['source'], datasets: readonly DatasetInfo[] | null): RateUnit {
  if (source.kind === 'exchange') return 'candles';
  if (source.kind === 'simulated') return 'events';
  return datasets?.find((d) => d.id === source.id)?.kind ?? 'events';
}

/** "850 candles/s", "12,400 trades/s", "1.3M events/s". */
export function formatRate(perSecond: number | null | undefined, unit: RateUnit = 'events'): string {
  if (perSecond === null || perSecond === undefined || !Number.isFinite(perSecond) || perSecond < 0) return '—';
  if (perSecond >= 1_000_000) return `${compact.format(perSecond / 1_000_000)}M ${unit}/s`;
  return `${whole.format(perSecond)} ${unit}/s`;
}

/** The bar's caption. */
export function progressText(progress: BacktestProgress): string {
  switch (progress.state) {
    case 'loading':
      return progress.message ? `Loading: ${progress.message}` : 'Loading data…';
    case 'running':
      return `Running ${formatPercent(progressFraction(progress.processed, progress.total, progress.state), 0)} · ${whole.format(progress.processed)} / ${whole.format(progress.total)} events`;
    case 'done':
      return `Done · ${whole.format(progress.processed)} events`;
    case 'cancelled':
      return 'Cancelled';
    case 'failed':
      return 'Failed';
  }
}

/** What a run that ended badly says below the form; nothing for one that is still going or went well. */
export function settledMessage(state: BacktestProgress['state'] | SweepProgress['state'], message: string | undefined, what: string): MessageState | null {
  if (state === 'failed') return { kind: 'error', text: message?.trim() ? message : `The ${what} failed.` };
  if (state === 'cancelled') return { kind: 'info', text: message?.trim() ? message : `The ${what} was cancelled.` };
  return null;
}

function paramsText(params: Record<string, number>): string {
  return Object.entries(params)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
}

/** "Momentum · BTC/USDT 1m" */
export function strategyLabel(request: BacktestRequest): string {
  return `${KIND_LABELS[request.strategy.kind]} · ${request.symbol} ${request.timeframe}`;
}

/** "lookback 20, threshold 0.002, orderSize 0.01" */
export function requestParams(request: BacktestRequest): string {
  return paramsText(request.strategy.params);
}

/** "2024-05-01 00:00:00 → 2024-05-02 00:00:00 UTC" */
export function rangeText(request: BacktestRequest): string {
  return `${formatDateTime(request.from)} → ${formatDateTime(request.to)} UTC`;
}

export function sourceText(request: BacktestRequest): string {
  const { source } = request;
  switch (source.kind) {
    case 'dataset':
      return `dataset ${source.id}`;
    case 'exchange':
      return `${source.exchangeId} candles`;
    case 'simulated':
      return `simulated, seed ${source.seed}`;
  }
}

/** One line per run for lists and column heads. */
export function runLabel(run: BacktestSummary): string {
  return `${strategyLabel(run.request)} · ${requestParams(run.request)}`;
}
