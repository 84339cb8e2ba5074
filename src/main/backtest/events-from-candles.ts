// Candles become the market events the engine and the paper broker run on: each of a candle's four
// prints (candle-prints.ts) is a trade followed by a thin synthetic book and a ticker around that
// price. The engine rebuilds exactly the candle's open, high, low and close from the prints; a strategy
// sees the candle when it closes, and a market order it sends then meets the book quoted around the
// close. Every event of a candle lies inside the candle, so no event carries anything from a later
// candle. Deterministic: the same candles always give the same events.
import { TIMEFRAME_MS, type Candle, type MarketEvent, type SymbolInfo, type Trade } from '../../shared/market.ts';
import { DecimalGrid } from '../adapters/sim/decimal-grid.ts';
import { CANDLE_PRINTS, printOffset, printPrices, printSizes } from './candle-prints.ts';
import { SyntheticBook, type SyntheticBookOptions } from './synthetic-book.ts';

export function eventsFromCandles(candles: readonly Candle[], info: SymbolInfo, options: SyntheticBookOptions = {}): MarketEvent[] {
  const book = new SyntheticBook(info, options);
  const sizes = new DecimalGrid(info.lotSize);
  const events: MarketEvent[] = [];
  const path = [0, 0, 0, 0];
  const printed = [0, 0, 0, 0];
  let previous = Number.NaN;
  for (const candle of candles) {
    const periodMs = TIMEFRAME_MS[candle.timeframe];
    printPrices(candle.open, candle.high, candle.low, candle.close, path);
    printSizes(candle.volume, sizes, printed);
    for (let point = 0; point < CANDLE_PRINTS; point++) {
      const ts = candle.openTime + printOffset(point, periodMs);
      const price = path[point];
      const size = printed[point];
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
