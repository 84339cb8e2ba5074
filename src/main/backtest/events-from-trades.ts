// Recorded trades become market events: each print as it happened, then a thin synthetic book and a
// ticker around its price at the same moment (see synthetic-book.ts), so market orders have something
// to fill against and the account is marked to the latest print.
//
// One print is a poor measure of depth (most are a few hundredths of a BTC), so the touch holds the
// volume of the last TOUCH_PRINTS prints, this one included: roughly what trades in a few seconds.
// Only past prints count, so nothing from a later trade leaks in. Deterministic.
import type { MarketEvent, SymbolInfo, Trade } from '../../shared/market.ts';
import { SyntheticBook, type SyntheticBookOptions } from './synthetic-book.ts';

export const TOUCH_PRINTS = 20;

export function eventsFromTrades(trades: readonly Trade[], info: SymbolInfo, options: SyntheticBookOptions = {}): MarketEvent[] {
  const book = new SyntheticBook(info, options);
  const events: MarketEvent[] = [];
  const recent = new Float64Array(TOUCH_PRINTS);
  let flow = 0;
  for (let i = 0; i < trades.length; i++) {
    const trade = trades[i];
    const slot = i % TOUCH_PRINTS;
    flow += trade.size - recent[slot];
    recent[slot] = trade.size;
    events.push({ type: 'trade', trade: trade.symbol === info.symbol ? trade : { ...trade, symbol: info.symbol } });
    book.quote(trade.ts, trade.price, flow, events);
  }
  return events;
}
