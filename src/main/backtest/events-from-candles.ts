// Candles become the market events the engine and the paper broker run on. A candle only says where
// the price started, ended and how far it went, not in which order, so we assume one fixed path:
//
//   open -> high -> low -> close   when the candle closed down (close < open),
//   open -> low -> high -> close   otherwise,
//
// the common convention (the wick against the candle's direction comes first). The four points sit at
// openTime, +1/3, +2/3 of the period and 1 ms before the period ends, each a trade print (the
// candle's volume split evenly, the remainder on the close) followed by a thin synthetic book and a
// ticker around that price. The engine rebuilds exactly the candle's open, high, low and close from
// the prints; a strategy sees the candle when it closes, and a market order it sends then meets the
// book quoted around the close. Every event of a candle lies inside the candle, so no event carries
// anything from a later candle. Deterministic: the same candles always give the same events.
import { TIMEFRAME_MS, type Candle, type MarketEvent, type SymbolInfo, type Trade } from '../../shared/market.ts';
import { DecimalGrid } from '../adapters/sim/decimal-grid.ts';
import { SyntheticBook, type SyntheticBookOptions } from './synthetic-book.ts';

const POINTS = 4;

export function eventsFromCandles(candles: readonly Candle[], info: SymbolInfo, options: SyntheticBookOptions = {}): MarketEvent[] {
  const book = new SyntheticBook(info, options);
  const sizes = new DecimalGrid(info.lotSize);
  const events: MarketEvent[] = [];
  const path = [0, 0, 0, 0];
  let previous = Number.NaN;
  for (const candle of candles) {
    const periodMs = TIMEFRAME_MS[candle.timeframe];
    path[0] = candle.open;
    path[1] = candle.close < candle.open ? candle.high : candle.low;
    path[2] = candle.close < candle.open ? candle.low : candle.high;
    path[3] = candle.close;
    // Whole lots per print so the prints add up to the candle's volume exactly.
    const totalLots = Math.max(0, Math.round(sizes.units(candle.volume)));
    const lotsPerPrint = Math.floor(totalLots / POINTS);
    for (let point = 0; point < POINTS; point++) {
      const ts = candle.openTime + (point === POINTS - 1 ? periodMs - 1 : Math.floor((point * periodMs) / 3));
      const price = path[point];
      const lots = point === POINTS - 1 ? totalLots - lotsPerPrint * (POINTS - 1) : lotsPerPrint;
      const size = sizes.value(lots);
      // The aggressor is the side that moved the price: up from the last print is a buy, down a sell;
      // unchanged (or the very first print) takes the candle's own direction.
      const side: Trade['side'] = price > previous ? 'buy' : price < previous ? 'sell' : candle.close >= candle.open ? 'buy' : 'sell';
      events.push({ type: 'trade', trade: { symbol: info.symbol, ts, id: `c${candle.openTime}-${point}`, price, size, side } });
      book.quote(ts, price, size, events);
      previous = price;
    }
  }
  return events;
}
