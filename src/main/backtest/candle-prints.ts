// A candle only says where the price started, ended and how far it went, not in which order, so a
// backtest on candles assumes one fixed path of four prints:
//
//   open -> high -> low -> close   when the candle closed down (close < open),
//   open -> low -> high -> close   otherwise,
//
// the common convention (the wick against the candle's direction comes first). The prints sit at
// openTime, +1/3, +2/3 of the period and 1 ms before the period ends, each with a quarter of the
// candle's volume in whole lots (the remainder on the close). Both ways of running a candle backtest
// (events for the engine, or the candle loop) take their prints from here.
import type { DecimalGrid } from '../adapters/sim/decimal-grid.ts';

export const CANDLE_PRINTS = 4;

/** Milliseconds from the candle's open to print `point` (0..3). */
export function printOffset(point: number, periodMs: number): number {
  return point === CANDLE_PRINTS - 1 ? periodMs - 1 : Math.floor((point * periodMs) / 3);
}

/** Writes the four print prices of a candle into `out`. */
export function printPrices(open: number, high: number, low: number, close: number, out: number[] | Float64Array): void {
  const down = close < open;
  out[0] = open;
  out[1] = down ? high : low;
  out[2] = down ? low : high;
  out[3] = close;
}

/** Writes the sizes of a candle's four prints into `out`: its volume in whole lots, so that they add up to it exactly. */
export function printSizes(volume: number, sizes: DecimalGrid, out: number[] | Float64Array): void {
  const totalLots = Math.max(0, Math.round(sizes.units(volume)));
  const each = Math.floor(totalLots / CANDLE_PRINTS);
  out[0] = out[1] = out[2] = sizes.value(each);
  out[3] = sizes.value(totalLots - each * (CANDLE_PRINTS - 1));
}

/** How many of the prints of a candle opening at `openTime` come before `to` (at least its open, when openTime < to). */
export function printsBefore(openTime: number, periodMs: number, to: number): number {
  let count = CANDLE_PRINTS;
  while (count > 0 && openTime + printOffset(count - 1, periodMs) >= to) count--;
  return count;
}
