import { describe, expect, it } from 'vitest';
import type { Candle, Timeframe, Trade } from '../../../shared/market.ts';
import { CandleAggregator } from './candle-aggregator.ts';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0); // on an hour boundary
const SYMBOL = 'BTC/USDT';
let tradeId = 0;

function trade(offsetMs: number, price: number, size: number, symbol = SYMBOL): Trade {
  return { symbol, ts: T0 + offsetMs, id: `t${++tradeId}`, price, size, side: 'buy' };
}

function candle(timeframe: Timeframe, openTime: number, ohlcv: [number, number, number, number, number], closed: boolean): Candle {
  const [open, high, low, close, volume] = ohlcv;
  return { symbol: SYMBOL, timeframe, openTime, open, high, low, close, volume, closed };
}

function feed(aggregator: CandleAggregator, trades: Trade[]): Candle[] {
  const closed: Candle[] = [];
  for (const t of trades) aggregator.onTrade(t, (c) => closed.push({ ...c }));
  return closed;
}

describe('CandleAggregator', () => {
  it('builds a forming 1s and 1m candle from the trades inside them', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1s', '1m'] });
    const closed = feed(aggregator, [trade(100, 100, 1), trade(500, 105, 2), trade(900, 98, 1)]);
    expect(closed).toEqual([]);
    expect(aggregator.forming(SYMBOL, '1s')).toEqual(candle('1s', T0, [100, 105, 98, 98, 4], false));
    expect(aggregator.forming(SYMBOL, '1m')).toEqual(candle('1m', T0, [100, 105, 98, 98, 4], false));
  });

  it('closes the previous candle when a trade passes its boundary, shorter timeframes first', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1s', '1m'] });
    const closed = feed(aggregator, [
      trade(100, 100, 1),
      trade(500, 105, 2),
      trade(900, 98, 1),
      trade(1_200, 101, 0.5),
      trade(59_999, 110, 1),
      trade(60_000, 90, 3),
    ]);
    expect(closed).toEqual([
      candle('1s', T0, [100, 105, 98, 98, 4], true),
      candle('1s', T0 + 1_000, [101, 101, 101, 101, 0.5], true),
      candle('1s', T0 + 59_000, [110, 110, 110, 110, 1], true),
      candle('1m', T0, [100, 110, 98, 110, 5.5], true),
    ]);
    expect(aggregator.forming(SYMBOL, '1m')).toEqual(candle('1m', T0 + 60_000, [90, 90, 90, 90, 3], false));
  });

  it('produces no candles for periods without trades', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1s'] });
    feed(aggregator, [trade(100, 10, 1), trade(4_100, 12, 1)]);
    expect(aggregator.candles(SYMBOL, '1s', 10).map((c) => c.openTime)).toEqual([T0, T0 + 4_000]);
  });

  it('aligns every timeframe to epoch multiples of its length', () => {
    const aggregator = new CandleAggregator();
    feed(aggregator, [trade(17 * 60_000 + 12_345, 50, 1)]);
    expect(aggregator.forming(SYMBOL, '1s')?.openTime).toBe(T0 + 17 * 60_000 + 12_000);
    expect(aggregator.forming(SYMBOL, '1m')?.openTime).toBe(T0 + 17 * 60_000);
    expect(aggregator.forming(SYMBOL, '5m')?.openTime).toBe(T0 + 15 * 60_000);
    expect(aggregator.forming(SYMBOL, '15m')?.openTime).toBe(T0 + 15 * 60_000);
    expect(aggregator.forming(SYMBOL, '1h')?.openTime).toBe(T0);
  });

  it('keeps symbols apart', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1m'] });
    feed(aggregator, [trade(0, 100, 1), trade(10, 3_000, 2, 'ETH/USDT'), trade(20, 101, 1)]);
    expect(aggregator.forming(SYMBOL, '1m')).toEqual(candle('1m', T0, [100, 101, 100, 101, 2], false));
    expect(aggregator.forming('ETH/USDT', '1m')?.close).toBe(3_000);
  });

  it('closes a candle whose period ended when time advances without trades', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1s', '1m'] });
    feed(aggregator, [trade(100, 100, 1)]);
    const closed: Candle[] = [];
    aggregator.advanceTime(T0 + 999, (c) => closed.push({ ...c }));
    expect(closed).toEqual([]);
    aggregator.advanceTime(T0 + 1_000, (c) => closed.push({ ...c }));
    expect(closed).toEqual([candle('1s', T0, [100, 100, 100, 100, 1], true)]);
    aggregator.advanceTime(T0 + 60_000, (c) => closed.push({ ...c }));
    expect(closed.map((c) => c.timeframe)).toEqual(['1s', '1m']);
    expect(aggregator.forming(SYMBOL, '1m')).toBeUndefined();
  });

  it('ignores a late trade for a period already closed, so no candle is published twice', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1s'] });
    feed(aggregator, [trade(100, 100, 1)]);
    aggregator.advanceTime(T0 + 1_000, () => {});
    const closed = feed(aggregator, [trade(900, 200, 5), trade(1_100, 101, 1), trade(950, 300, 5)]);
    expect(closed).toEqual([]);
    expect(aggregator.candles(SYMBOL, '1s', 10)).toEqual([
      candle('1s', T0, [100, 100, 100, 100, 1], true),
      candle('1s', T0 + 1_000, [101, 101, 101, 101, 1], false),
    ]);
  });

  it('returns closed candles then the forming one, oldest first, limited from the newest', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1s'] });
    feed(aggregator, [trade(0, 1, 1), trade(1_000, 2, 1), trade(2_000, 3, 1), trade(3_000, 4, 1)]);
    expect(aggregator.candles(SYMBOL, '1s', 3).map((c) => [c.close, c.closed])).toEqual([
      [2, true],
      [3, true],
      [4, false],
    ]);
    expect(aggregator.candles(SYMBOL, '1s', 0)).toEqual([]);
    expect(aggregator.candles('XRP/USDT', '1s', 5)).toEqual([]);
  });

  it('hands out copies that do not change the candles it keeps', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1s'] });
    feed(aggregator, [trade(0, 1, 1), trade(1_000, 2, 1)]);
    const copies = aggregator.candles(SYMBOL, '1s', 5);
    copies[0].close = 999;
    copies[1].close = 999;
    expect(aggregator.candles(SYMBOL, '1s', 5).map((c) => c.close)).toEqual([1, 2]);
  });

  it('keeps only the configured number of closed candles', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1s'], keep: 3 });
    feed(aggregator, [0, 1, 2, 3, 4, 5].map((second) => trade(second * 1_000, 100 + second, 1)));
    const candles = aggregator.candles(SYMBOL, '1s', 100);
    expect(candles.map((c) => c.close)).toEqual([102, 103, 104, 105]);
    expect(candles.at(-1)?.closed).toBe(false);
  });

  it('keeps every kept candle and the forming one right while it reuses the candles it drops', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1s'], keep: 3 });
    const closed = feed(aggregator, Array.from({ length: 50 }, (_, second) => trade(second * 1_000 + 10, 100 + second, 1 + second)));
    expect(closed.map((c) => [c.openTime - T0, c.close, c.volume])).toEqual(Array.from({ length: 49 }, (_, s) => [s * 1_000, 100 + s, 1 + s]));
    expect(aggregator.candles(SYMBOL, '1s', 10).map((c) => [c.openTime - T0, c.open, c.high, c.low, c.close, c.volume, c.closed])).toEqual([
      [46_000, 146, 146, 146, 146, 47, true],
      [47_000, 147, 147, 147, 147, 48, true],
      [48_000, 148, 148, 148, 148, 49, true],
      [49_000, 149, 149, 149, 149, 50, false],
    ]);
  });

  it('continues seeded history with live trades', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1m'] });
    const history = [
      candle('1m', T0 - 120_000, [95, 97, 94, 96, 10], true),
      candle('1m', T0 - 60_000, [96, 99, 95, 98, 12], true),
    ];
    aggregator.seed(SYMBOL, '1m', history);
    history[0].close = 0; // the aggregator keeps its own copies
    const closed = feed(aggregator, [trade(5_000, 98.5, 1), trade(61_000, 99, 1)]);
    expect(closed).toEqual([candle('1m', T0, [98.5, 98.5, 98.5, 98.5, 1], true)]);
    expect(aggregator.candles(SYMBOL, '1m', 10).map((c) => [c.openTime, c.close])).toEqual([
      [T0 - 120_000, 96],
      [T0 - 60_000, 98],
      [T0, 98.5],
      [T0 + 60_000, 99],
    ]);
  });

  it('keeps candles already built from live trades when history is seeded late', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1m'] });
    feed(aggregator, [trade(10_000, 100, 1), trade(70_000, 101, 1), trade(130_000, 102, 1)]);
    aggregator.seed(SYMBOL, '1m', [candle('1m', T0 - 120_000, [95, 97, 94, 96, 10], true), candle('1m', T0 - 60_000, [96, 99, 95, 98, 12], true)]);
    expect(aggregator.candles(SYMBOL, '1m', 10).map((c) => [c.openTime, c.close, c.closed])).toEqual([
      [T0 - 120_000, 96, true],
      [T0 - 60_000, 98, true],
      [T0, 100, true],
      [T0 + 60_000, 101, true],
      [T0 + 120_000, 102, false],
    ]);
  });

  it('does not let live trades reopen a seeded closed candle', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1m'] });
    aggregator.seed(SYMBOL, '1m', [candle('1m', T0, [95, 97, 94, 96, 10], true)]);
    feed(aggregator, [trade(30_000, 500, 1)]);
    expect(aggregator.candles(SYMBOL, '1m', 10)).toEqual([candle('1m', T0, [95, 97, 94, 96, 10], true)]);
  });

  it('takes a trailing open candle in seeded history as the forming one', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1m'] });
    aggregator.seed(SYMBOL, '1m', [candle('1m', T0 - 60_000, [1, 2, 1, 2, 1], true), candle('1m', T0, [2, 3, 2, 3, 1], false)]);
    feed(aggregator, [trade(10_000, 4, 2)]);
    expect(aggregator.forming(SYMBOL, '1m')).toEqual(candle('1m', T0, [2, 4, 2, 4, 3], false));
  });

  it('refuses to seed a timeframe it does not aggregate', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1m'] });
    expect(() => aggregator.seed(SYMBOL, '1h', [])).toThrow(RangeError);
    expect(aggregator.candles(SYMBOL, '1h', 10)).toEqual([]);
  });

  it('merges candles from a feed by open time: replacing the forming one, appending, and correcting a closed one', () => {
    const aggregator = new CandleAggregator({ timeframes: ['1m'] });
    aggregator.onCandle(candle('1m', T0, [10, 11, 9, 10, 1], false));
    aggregator.onCandle(candle('1m', T0, [10, 12, 9, 11, 2], false));
    expect(aggregator.forming(SYMBOL, '1m')).toEqual(candle('1m', T0, [10, 12, 9, 11, 2], false));

    aggregator.onCandle(candle('1m', T0 + 60_000, [11, 11, 11, 11, 1], false));
    aggregator.onCandle(candle('1m', T0, [10, 12, 8, 11, 3], true));
    expect(aggregator.candles(SYMBOL, '1m', 10)).toEqual([
      candle('1m', T0, [10, 12, 8, 11, 3], true),
      candle('1m', T0 + 60_000, [11, 11, 11, 11, 1], false),
    ]);

    aggregator.onCandle(candle('1m', T0 + 60_000, [11, 13, 11, 13, 4], true));
    expect(aggregator.forming(SYMBOL, '1m')).toBeUndefined();
    expect(aggregator.candles(SYMBOL, '1m', 10).map((c) => [c.openTime, c.close, c.closed])).toEqual([
      [T0, 11, true],
      [T0 + 60_000, 13, true],
    ]);
  });
});
