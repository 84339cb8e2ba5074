import type { UTCTimestamp } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import type { BacktestTrade } from '../../../../shared/backtest.ts';
import { result } from '../../store/test-fixtures.ts';
import { MAX_MARKERS, barTime, comparisonLines, drawdownArea, equityLine, fillMarkers, legendText, nearestTime, priceBars, toSeconds, tradeMarkers, valuesAt } from './equity-data.ts';

const colors = { up: 'green', down: 'red', neutral: 'grey' };
const t0 = Date.UTC(2024, 0, 1) / 1000;

describe('equity chart data', () => {
  it('puts points on whole seconds, in order, one per second (the last)', () => {
    const points = toSeconds(
      [
        { ts: 5_500, v: 2 },
        { ts: 1_000, v: 1 },
        { ts: 5_900, v: 3 },
        { ts: 9_000, v: Number.NaN },
      ],
      (p) => p.ts,
      (p) => p.v,
    );
    expect(points).toEqual([
      { time: 1, value: 1 },
      { time: 5, value: 3 },
    ]);
  });

  it('draws equity as is and drawdown below zero in percent', () => {
    const run = result('r1');
    expect(equityLine(run.equity).map((p) => p.value)).toEqual([100_000, 99_000, 101_000]);
    expect(drawdownArea(run.equity).map((p) => p.value)).toEqual([0, -1, 0]);
  });

  it('finds the nearest time, the earlier on a tie', () => {
    const times = [10, 20, 30];
    expect(nearestTime(times, 5)).toBe(10);
    expect(nearestTime(times, 14)).toBe(10);
    expect(nearestTime(times, 15)).toBe(10);
    expect(nearestTime(times, 16)).toBe(20);
    expect(nearestTime(times, 99)).toBe(30);
    expect(nearestTime([], 1)).toBeNull();
  });

  it('marks each round trip with a small dot where it closed, on a time the line has, coloured by its PnL', () => {
    const run = result('r1');
    const line = equityLine(run.equity);
    // The exit at +180s snaps to +120s (a tie goes to the earlier point).
    expect(tradeMarkers(run.trades, line, colors)).toEqual([{ time: t0 + 120, position: 'inBar', shape: 'circle', color: 'green', size: 0.6, id: 'trade-0' }]);
    const loser: BacktestTrade = { ...run.trades[0], side: 'short', pnl: -1 };
    expect(tradeMarkers([loser], line, colors)[0]).toMatchObject({ color: 'red' });
    expect(tradeMarkers(run.trades, [], colors)).toEqual([]);
  });

  it('keeps only the latest markers when there are too many', () => {
    const run = result('r1');
    const trades = Array.from({ length: MAX_MARKERS + 10 }, (_, i) => ({ ...run.trades[0], exitTs: run.equity[0].ts + i * 1000 }));
    const markers = tradeMarkers(trades, equityLine(run.equity), colors);
    expect(markers).toHaveLength(MAX_MARKERS);
    expect(markers.map((m) => m.id)).not.toContain('trade-0');
    expect(markers.at(-1)?.id).toBe(`trade-${MAX_MARKERS + 9}`);
    for (let i = 1; i < markers.length; i++) expect(markers[i].time as number).toBeGreaterThanOrEqual(markers[i - 1].time as number);
  });

  it('draws the run\'s candles on whole seconds, in order', () => {
    const run = result('r1');
    const bars = priceBars([...run.candles].reverse());
    expect(bars.map((b) => b.time)).toEqual([t0, t0 + 60, t0 + 120, t0 + 180]);
    expect(bars[0]).toEqual({ time: t0, open: 100, high: 104, low: 99, close: 103 });
    expect(priceBars([])).toEqual([]);
  });

  it('finds the bar holding a time, or the first bar before them all', () => {
    expect(barTime([10, 20, 30], 5)).toBe(10);
    expect(barTime([10, 20, 30], 20)).toBe(20);
    expect(barTime([10, 20, 30], 29)).toBe(20);
    expect(barTime([10, 20, 30], 99)).toBe(30);
    expect(barTime([], 1)).toBeNull();
  });

  it('marks fills at their own price on the candle holding them, in time order: a buy’s arrow up to it, a sell’s down', () => {
    const bars = [0, 60, 120].map((time) => ({ time: time as UTCTimestamp, open: 1, high: 1, low: 1, close: 1 }));
    const fills = [
      { ts: 125_000, side: 'sell' as const, price: 10, size: 1 },
      { ts: 59_000, side: 'buy' as const, price: 9, size: 1 },
    ];
    expect(fillMarkers(fills, bars, colors).map((m) => [m.time, m.shape, m.position, 'price' in m ? m.price : null])).toEqual([
      [0, 'arrowUp', 'atPriceBottom', 9],
      [120, 'arrowDown', 'atPriceTop', 10],
    ]);
    expect(fillMarkers(fills, [], colors)).toEqual([]);
  });

  it('compares in money when both runs started equal, else in percent return', () => {
    const a = result('a');
    const b = result('b');
    expect(comparisonLines(a, b).unit).toBe('equity');
    const richer = { ...b, request: { ...b.request, startingCapital: 200_000 }, equity: b.equity.map((p) => ({ ...p, equity: p.equity * 2 })) };
    const lines = comparisonLines(a, richer);
    expect(lines.unit).toBe('return');
    expect(lines.a.map((p) => Number(p.value.toFixed(6)))).toEqual([0, -1, 1]);
    expect(lines.b.map((p) => Number(p.value.toFixed(6)))).toEqual([0, -1, 1]);
  });

  it('writes the legend of the values under the crosshair, leaving out a series with no point there', () => {
    const format = { time: (ts: number) => new Date(ts).toISOString().slice(0, 16), money: (v: number) => v.toFixed(2), price: (v: number) => v.toFixed(1) };
    const ts = Date.UTC(2024, 4, 1, 14, 3);
    expect(legendText({ time: ts, equity: 100_123.456, drawdownPercent: -0.5234, bar: { open: 1, high: 2, low: 0.5, close: 1.5 } }, format)).toBe(
      '2024-05-01T14:03  Equity 100123.46  DD -0.52%  O 1.0  H 2.0  L 0.5  C 1.5',
    );
    expect(legendText({ time: ts, drawdownPercent: 0 }, format)).toBe('2024-05-01T14:03  DD 0.00%');
  });

  it('reads each pane at the crosshair from its point at or before it, though the panes keep different times', () => {
    const line = [{ time: t0 as UTCTimestamp, value: 100 }, { time: (t0 + 90) as UTCTimestamp, value: 101 }];
    const drawdown = [{ time: t0 as UTCTimestamp, value: 0 }, { time: (t0 + 90) as UTCTimestamp, value: -0.5 }];
    const bars = [0, 60, 120].map((dt) => ({ time: (t0 + dt) as UTCTimestamp, open: dt, high: dt + 2, low: dt - 1, close: dt + 1 }));
    expect(valuesAt({ line, drawdown, bars }, t0 + 100)).toEqual({ time: (t0 + 100) * 1000, equity: 101, drawdownPercent: -0.5, bar: { open: 60, high: 62, low: 59, close: 61 } });
    expect(valuesAt({ line, drawdown, bars }, t0 - 10)).toEqual({ time: (t0 - 10) * 1000, equity: undefined, drawdownPercent: undefined, bar: undefined });
  });
});
