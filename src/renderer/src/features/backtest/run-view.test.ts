import { describe, expect, it } from 'vitest';
import { backtestRequest, progress } from '../../store/test-fixtures.ts';
import type { DatasetInfo } from '../../../../shared/backtest.ts';
import { formatRate, progressFraction, progressText, rangeText, rateUnit, settledMessage, sourceText, strategyLabel } from './run-view.ts';

describe('run progress on screen', () => {
  it('fills the bar by processed events, full when done', () => {
    expect(progressFraction(250, 1_000, 'running')).toBe(0.25);
    expect(progressFraction(2_000, 1_000, 'running')).toBe(1);
    expect(progressFraction(10, 0, 'loading')).toBe(0);
    expect(progressFraction(0, 0, 'done')).toBe(1);
  });

  it('shows the rate in events per second', () => {
    expect(formatRate(850.4, 'candles')).toBe('850 candles/s');
    expect(formatRate(2_130_000, 'trades')).toBe('2.1M trades/s');
    expect(formatRate(850.4)).toBe('850 events/s');
    expect(formatRate(12_400)).toBe('12,400 events/s');
    expect(formatRate(1_340_000)).toBe('1.3M events/s');
    expect(formatRate(Number.NaN)).toBe('—');
  });

  it('captions each stage', () => {
    expect(progressText({ ...progress('r', 'loading'), message: 'downloading candles 3/10' })).toBe('Loading: downloading candles 3/10');
    expect(progressText(progress('r', 'running', 450, 1_000))).toBe('Running 45% · 450 / 1,000 events');
    expect(progressText(progress('r', 'done', 1_000, 1_000))).toBe('Done · 1,000 events');
  });

  it('says how a run ended badly, with the engine sentence when there is one', () => {
    expect(settledMessage('failed', 'No candles in range.', 'backtest')).toEqual({ kind: 'error', text: 'No candles in range.' });
    expect(settledMessage('failed', undefined, 'backtest')).toEqual({ kind: 'error', text: 'The backtest failed.' });
    expect(settledMessage('cancelled', undefined, 'sweep')).toEqual({ kind: 'info', text: 'The sweep was cancelled.' });
    expect(settledMessage('done', undefined, 'backtest')).toBeNull();
    expect(settledMessage('running', undefined, 'backtest')).toBeNull();
  });

  it('labels a run by strategy, market, period and source', () => {
    expect(strategyLabel(backtestRequest)).toBe('Momentum · BTC/USDT 1m');
    expect(rangeText(backtestRequest)).toBe('2024-01-01 00:00:00 → 2024-01-02 00:00:00 UTC');
    expect(sourceText(backtestRequest)).toBe('simulated, seed 7');
  });

  it('counts a run in what it replays: candles of a candle file or download, prints of a trade file, events of the simulator', () => {
    const datasets = [
      { id: 'c', kind: 'candles' },
      { id: 't', kind: 'trades' },
    ] as DatasetInfo[];
    expect(rateUnit({ kind: 'dataset', id: 'c' }, datasets)).toBe('candles');
    expect(rateUnit({ kind: 'dataset', id: 't' }, datasets)).toBe('trades');
    expect(rateUnit({ kind: 'exchange', exchangeId: 'binance' }, datasets)).toBe('candles');
    expect(rateUnit({ kind: 'simulated', seed: 1 }, datasets)).toBe('events');
  });
});
