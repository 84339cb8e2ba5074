import { describe, expect, it } from 'vitest';
import type { SweepCell } from '../../../../shared/backtest.ts';
import { backtestRequest, metrics, momentum } from '../../store/test-fixtures.ts';
import { newStrategyRequest } from '../strategies/strategy-form.ts';
import {
  MAX_SWEEP_VALUES,
  barExtent,
  bestCell,
  checkAxisValues,
  heatColor,
  heatmapGrid,
  scalePosition,
  sortCells,
  strategyFromCell,
  sweepValues,
  sweepValuesFromText,
  textColorOn,
  valueRange,
} from './sweep.ts';

describe('sweep values', () => {
  it('runs from from to to in steps, both ends included', () => {
    expect(sweepValues(10, 50, 10)).toEqual({ ok: true, values: [10, 20, 30, 40, 50] });
    expect(sweepValues(10, 45, 10)).toEqual({ ok: true, values: [10, 20, 30, 40] });
    expect(sweepValues(5, 5, 1)).toEqual({ ok: true, values: [5] });
  });

  it('rounds away float noise and keeps a to that float arithmetic misses by a hair', () => {
    expect(sweepValues(0.1, 0.3, 0.1)).toEqual({ ok: true, values: [0.1, 0.2, 0.3] });
    expect(sweepValues(0.001, 0.005, 0.001)).toEqual({ ok: true, values: [0.001, 0.002, 0.003, 0.004, 0.005] });
    expect(sweepValues(1.5, 3, 0.5)).toEqual({ ok: true, values: [1.5, 2, 2.5, 3] });
  });

  it(`allows at most ${MAX_SWEEP_VALUES} values`, () => {
    const fifty = sweepValues(1, 50, 1);
    expect(fifty.ok && fifty.values.length).toBe(50);
    expect(sweepValues(1, 51, 1)).toEqual({ ok: false, error: '51 values: at most 50, raise the step or narrow the range' });
    expect(sweepValues(0, 1, 1e-9).ok).toBe(false);
  });

  it('refuses a backwards range, a step that is not positive and text that is not a number', () => {
    expect(sweepValues(10, 5, 1)).toEqual({ ok: false, error: 'to must not be below from' });
    expect(sweepValues(1, 5, 0)).toEqual({ ok: false, error: 'step must be greater than 0' });
    expect(sweepValues(1, 5, -1).ok).toBe(false);
    expect(sweepValuesFromText('1', '', '1')).toEqual({ ok: false, error: 'from, to and step must be numbers' });
    expect(sweepValuesFromText('1', '3', 'x').ok).toBe(false);
    expect(sweepValuesFromText(' 2', '6 ', '2')).toEqual({ ok: true, values: [2, 4, 6] });
  });

  it('checks each value against the strategy schema', () => {
    expect(checkAxisValues('momentum', 'lookback', [10, 20])).toBeNull();
    expect(checkAxisValues('momentum', 'lookback', [2, 2.5])).toBe('lookback 2.5: must be a whole number');
    expect(checkAxisValues('momentum', 'lookback', [1])).toBe('lookback 1: must be at least 2');
    expect(checkAxisValues('mean-reversion', 'lookback', [10])).toBe('lookback is not a parameter of this strategy');
  });
});

const cell = (lookback: number, threshold: number, sharpe: number | null): SweepCell => ({
  values: { lookback, threshold },
  metrics: sharpe === null ? null : { ...metrics, sharpe, maxDrawdown: lookback / 100 },
});

describe('sweep table sort', () => {
  const cells = [cell(10, 0.1, 1), cell(20, 0.1, null), cell(30, 0.1, 2), cell(40, 0.1, -1)];

  it('sorts by any metric either way, unrun cells last', () => {
    const by = (direction: 'asc' | 'desc') => sortCells(cells, { kind: 'metric', key: 'sharpe' }, direction).map((c) => c.values.lookback);
    expect(by('desc')).toEqual([30, 10, 40, 20]);
    expect(by('asc')).toEqual([40, 10, 30, 20]);
  });

  it('sorts by a parameter, keeping equal values in their order', () => {
    expect(sortCells(cells, { kind: 'param', name: 'threshold' }, 'asc').map((c) => c.values.lookback)).toEqual([10, 20, 30, 40]);
    expect(sortCells(cells, { kind: 'param', name: 'lookback' }, 'desc').map((c) => c.values.lookback)).toEqual([40, 30, 20, 10]);
  });

  it('finds the best cell, lower being better for drawdowns', () => {
    expect(bestCell(cells, 'sharpe')?.values.lookback).toBe(30);
    expect(bestCell(cells, 'maxDrawdown')?.values.lookback).toBe(10);
    expect(bestCell(cells, 'trades')).toBeNull();
    expect(bestCell([cell(1, 1, null)], 'sharpe')).toBeNull();
  });

  it('never picks a cell that did not trade, however flat and safe its curve', () => {
    const idle: SweepCell = { values: { lookback: 50, threshold: 0.1 }, metrics: { ...metrics, trades: 0, sharpe: 0, maxDrawdown: 0 } };
    expect(bestCell([...cells, idle], 'maxDrawdown')?.values.lookback).toBe(10);
    expect(bestCell([idle], 'totalReturn')).toBeNull();
  });

  it('ranks no cell by a yearly figure from a sample too short to annualise', () => {
    const short = cells.map((c) => ({ ...c, metrics: c.metrics && { ...c.metrics, dailyReturns: 5 } }));
    expect(bestCell(short, 'sharpe')).toBeNull();
    expect(bestCell(short, 'maxDrawdown')?.values.lookback).toBe(10);
  });
});

describe('heatmap', () => {
  it('lays cells out with the first parameter across and the second down, largest on top', () => {
    const cells = [cell(10, 0.1, 1), cell(20, 0.1, 2), cell(10, 0.2, 3)];
    const grid = heatmapGrid(cells, 'lookback', 'threshold');
    expect(grid.xs).toEqual([10, 20]);
    expect(grid.ys).toEqual([0.2, 0.1]);
    expect(grid.rows[0].map((c) => c?.metrics?.sharpe ?? null)).toEqual([3, null]);
    expect(grid.rows[1].map((c) => c?.metrics?.sharpe ?? null)).toEqual([1, 2]);
  });

  it('places values in the range, infinities at the ends, nothing for no value', () => {
    const range = valueRange([1, null, 3, Infinity, Number.NaN, 2]);
    expect(range).toEqual({ min: 1, max: 3 });
    expect(scalePosition(2, range)).toBe(0.5);
    expect(scalePosition(Infinity, range)).toBe(1);
    expect(scalePosition(-Infinity, range)).toBe(0);
    expect(scalePosition(null, range)).toBeNull();
    expect(scalePosition(5, { min: 5, max: 5 })).toBe(0.5);
    expect(valueRange([null, Number.NaN])).toBeNull();
  });

  it('colours worst red, middle grey, best green, flipped when lower is better', () => {
    expect(heatColor(0, 'higher')).toBe('rgb(246, 70, 93)');
    expect(heatColor(0.5, 'higher')).toBe('rgb(42, 49, 60)');
    expect(heatColor(1, 'higher')).toBe('rgb(14, 203, 129)');
    expect(heatColor(1, 'lower')).toBe('rgb(246, 70, 93)');
    expect(heatColor(0, 'lower')).toBe('rgb(14, 203, 129)');
    expect(heatColor(0.75, 'higher')).toBe('rgb(28, 126, 95)');
  });

  it('colours metrics without a better side dark to blue, and a missing value not at all', () => {
    expect(heatColor(0, null)).toBe('rgb(24, 29, 37)');
    expect(heatColor(1, null)).toBe('rgb(76, 141, 255)');
    expect(heatColor(null, 'higher')).toBe('transparent');
  });

  it('picks text that reads on the cell', () => {
    expect(textColorOn('rgb(14, 203, 129)')).toBe('#0b0e11');
    expect(textColorOn('rgb(42, 49, 60)')).toBe('#d8dde4');
    expect(textColorOn('transparent')).toBe('inherit');
  });
});

describe('one-parameter bars', () => {
  it('stand on zero, up for gains and down for losses', () => {
    const range = { min: -1, max: 3 };
    expect(barExtent(3, range)).toEqual({ bottom: 25, height: 75 });
    expect(barExtent(-1, range)).toEqual({ bottom: 0, height: 25 });
    expect(barExtent(0, range)).toEqual({ bottom: 25, height: 0 });
    expect(barExtent(2, { min: 1, max: 2 })).toEqual({ bottom: 0, height: 100 });
    expect(barExtent(Infinity, range)).toEqual({ bottom: 25, height: 75 });
    expect(barExtent(null, range)).toBeNull();
  });
});

describe('a sweep cell as a live strategy', () => {
  const base = { ...backtestRequest, strategy: { kind: 'momentum' as const, params: { orderSize: 0.02 } }, symbol: 'BTC/USDT', timeframe: '5m' as const };
  const defaults = newStrategyRequest('momentum', 'BTC/USDT', '5m', 0.01);
  const winner: SweepCell = { values: { lookback: 30, threshold: 0.004 }, metrics };

  it('updates the desk’s strategy of that kind, market and timeframe with the cell’s parameters', () => {
    const existing = [momentum('momentum-btc-1', { timeframe: '1m' }), momentum('momentum-btc-2', { timeframe: '5m' })];
    expect(strategyFromCell(base, winner, existing, defaults)).toEqual({ update: { id: 'momentum-btc-2', params: { ...defaults.params, orderSize: 0.02, lookback: 30, threshold: 0.004 } } });
  });

  it('makes a new one when the desk has none such, its other parameters from the sweep then the defaults', () => {
    expect(strategyFromCell(base, winner, [momentum('momentum-btc-1', { timeframe: '1m' })], defaults)).toEqual({
      create: { kind: 'momentum', symbol: 'BTC/USDT', timeframe: '5m', params: { ...defaults.params, orderSize: 0.02, lookback: 30, threshold: 0.004 } },
    });
  });
});
