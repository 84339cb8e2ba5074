import { describe, expect, it } from 'vitest';
import type { DatasetInfo } from '../../../../shared/backtest.ts';
import {
  checkBacktestForm,
  checkSweepForm,
  datasetRange,
  defaultBacktestForm,
  defaultSweepForm,
  parseUtcInput,
  pickDataset,
  sweepFormFor,
  toUtcInput,
  type BacktestForm,
} from './backtest-form.ts';

const dataset: DatasetInfo = {
  id: 'sample-btc-1m',
  name: 'BTC/USDT 1m sample',
  kind: 'candles',
  symbol: 'BTC/USDT',
  timeframe: '5m',
  from: Date.UTC(2024, 4, 1),
  to: Date.UTC(2024, 4, 3, 12, 30, 0, 500),
  rows: 1_000,
  origin: 'sample',
};

const now = Date.UTC(2024, 5, 10, 15, 42);
const base = (datasets: DatasetInfo[] | null = null): BacktestForm =>
  defaultBacktestForm({ now, symbol: 'ETH/USDT', timeframe: '1m', capital: 50_000, orderSize: 0.5, datasets });
const context = { exchangeId: 'binance', datasets: [dataset] };

describe('UTC date-time fields', () => {
  it('reads and writes datetime-local text as UTC', () => {
    expect(parseUtcInput('2024-05-01T14:03')).toBe(Date.UTC(2024, 4, 1, 14, 3));
    expect(parseUtcInput('2024-05-01T14:03:27')).toBe(Date.UTC(2024, 4, 1, 14, 3, 27));
    expect(toUtcInput(Date.UTC(2024, 4, 1, 14, 3))).toBe('2024-05-01T14:03');
    expect(toUtcInput(Date.UTC(2024, 4, 1, 14, 3, 27))).toBe('2024-05-01T14:03:27');
  });

  it('refuses text that is not a real date and time', () => {
    expect(parseUtcInput('')).toBeNull();
    expect(parseUtcInput('2024-02-30T10:00')).toBeNull();
    expect(parseUtcInput('2024-05-01T24:00')).toBeNull();
    expect(parseUtcInput('yesterday')).toBeNull();
  });

  it("takes a dataset's whole range, never cutting off its last row", () => {
    expect(datasetRange(dataset)).toEqual({ from: '2024-05-01T00:00', to: '2024-05-03T12:30:01' });
  });
});

describe('the backtest form', () => {
  it('starts on the simulated market for the 6 hours before today, with the account and chart defaults', () => {
    const form = base();
    expect(form).toMatchObject({ symbol: 'ETH/USDT', timeframe: '1m', source: 'simulated', from: '2024-06-09T18:00', to: '2024-06-10T00:00', capital: '50000' });
    const noExits = { stopLoss: '0', takeProfit: '0', trailingStop: '0', atrPeriod: '0' };
    expect(form.params.momentum).toEqual({ lookback: '20', threshold: '0.002', orderSize: '0.5', ...noExits });
    expect(form.params['mean-reversion']).toEqual({ period: '20', stdMultiplier: '2', orderSize: '0.5', ...noExits });
  });

  it('preselects the first dataset with its symbol, timeframe and range', () => {
    expect(base([dataset])).toMatchObject({ source: 'dataset', datasetId: 'sample-btc-1m', symbol: 'BTC/USDT', timeframe: '5m', from: '2024-05-01T00:00' });
    const trades = pickDataset(base(), { ...dataset, kind: 'trades', timeframe: null });
    expect(trades.timeframe).toBe('1m');
  });

  it('builds the request from valid fields', () => {
    const check = checkBacktestForm(base([dataset]), context);
    expect(check).toEqual({
      ok: true,
      request: {
        strategy: { kind: 'momentum', params: { lookback: 20, threshold: 0.002, orderSize: 0.5, stopLoss: 0, takeProfit: 0, trailingStop: 0, atrPeriod: 0 } },
        symbol: 'BTC/USDT',
        timeframe: '5m',
        from: Date.UTC(2024, 4, 1),
        to: Date.UTC(2024, 4, 3, 12, 30, 1),
        source: { kind: 'dataset', id: 'sample-btc-1m' },
        startingCapital: 50_000,
        market: 'spot',
      },
    });
    const margin = checkBacktestForm({ ...base([dataset]), market: 'margin' }, context);
    expect(margin.ok && margin.request.market).toBe('margin');
    const exchange = checkBacktestForm({ ...base(), source: 'exchange' }, context);
    expect(exchange.ok && exchange.request.source).toEqual({ kind: 'exchange', exchangeId: 'binance' });
    const simulated = checkBacktestForm(base(), context);
    expect(simulated.ok && simulated.request.source).toEqual({ kind: 'simulated', seed: 42 });
  });

  it('gives each bad field its own message', () => {
    const form: BacktestForm = {
      ...base(),
      params: { ...base().params, momentum: { lookback: '1', threshold: '', orderSize: '0.5' } },
      symbol: 'X',
      from: '2024-06-09T00:00',
      to: '2024-06-08T00:00',
      seed: '1.5',
      capital: '-5',
    };
    const check = checkBacktestForm(form, context);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.errors).toEqual({
      'param.lookback': 'must be at least 2',
      'param.threshold': 'must be a number',
      symbol: 'must be a market such as BTC/USDT',
      to: 'must come after the start',
      seed: 'must be a whole number',
      capital: 'must be greater than 0',
    });
  });

  it('needs a dataset that overlaps the range, and an exchange for a download', () => {
    const none = checkBacktestForm({ ...base(), source: 'dataset', datasetId: '' }, context);
    expect(!none.ok && none.errors).toEqual({ dataset: 'pick a dataset' });
    const outside = checkBacktestForm({ ...base([dataset]), from: '2025-01-01T00:00', to: '2025-01-02T00:00' }, context);
    expect(!outside.ok && outside.errors).toEqual({ from: 'the range misses the dataset' });
    const noExchange = checkBacktestForm({ ...base(), source: 'exchange' }, { exchangeId: null, datasets: [] });
    expect(!noExchange.ok && noExchange.errors).toEqual({ exchange: 'pick an exchange in Settings first' });
    const badDate = checkBacktestForm({ ...base(), from: 'x', capital: 'lots' }, context);
    expect(!badDate.ok && badDate.errors).toEqual({ from: 'must be a date and time', capital: 'must be a number' });
  });
});

describe('the sweep form', () => {
  it('sweeps one parameter around its current value', () => {
    const sweep = defaultSweepForm(base());
    expect(sweep).toEqual({ first: { param: 'lookback', from: '20', to: '60', step: '20' }, second: null });
    const check = checkSweepForm(base(), sweep, context);
    expect(check.ok && check.request.grid).toEqual([{ param: 'lookback', values: [20, 40, 60] }]);
    expect(check.ok && check.cells).toBe(3);
  });

  it('sets swept params to their first value in the base, so a blank field under sweep does not block', () => {
    const form = { ...base(), params: { ...base().params, momentum: { lookback: '', threshold: '0.002', orderSize: '0.5' } } };
    const sweep = { first: { param: 'lookback', from: '10', to: '30', step: '10' }, second: { param: 'threshold', from: '0.001', to: '0.003', step: '0.001' } };
    const check = checkSweepForm(form, sweep, context);
    expect(check.ok && check.request.base.strategy.params).toEqual({ lookback: 10, threshold: 0.001, orderSize: 0.5 });
    expect(check.ok && check.request.grid.map((g) => g.values)).toEqual([[10, 20, 30], [0.001, 0.002, 0.003]]);
    expect(check.ok && check.cells).toBe(9);
  });

  it('says what is wrong with each axis and with the base', () => {
    const sweep = { first: { param: 'lookback', from: '1', to: '100', step: '1' }, second: { param: 'lookback', from: '1', to: '2', step: '1' } };
    const check = checkSweepForm({ ...base(), capital: '0' }, sweep, context);
    expect(!check.ok && check.errors).toEqual({
      first: '100 values: at most 50, raise the step or narrow the range',
      second: 'pick a different parameter',
      base: 'fix the backtest settings above first',
    });
    expect(!check.ok && check.baseErrors).toEqual({ capital: 'must be greater than 0' });
    const refused = checkSweepForm(base(), { first: { param: 'lookback', from: '2', to: '3', step: '0.5' }, second: null }, context);
    expect(!refused.ok && refused.errors.first).toBe('lookback 2.5: must be a whole number');
  });

  it('replaces axes on parameters a newly picked strategy lacks', () => {
    const form = base();
    const sweep = { first: { param: 'lookback', from: '10', to: '20', step: '5' }, second: { param: 'threshold', from: '1', to: '2', step: '1' } };
    expect(sweepFormFor(sweep, form)).toBe(sweep);
    const next = sweepFormFor(sweep, { ...form, kind: 'mean-reversion' });
    expect(next).toEqual({ first: { param: 'period', from: '20', to: '60', step: '20' }, second: null });
  });
});
