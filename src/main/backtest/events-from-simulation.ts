// The built-in simulated market as backtest history: the live desk's price, book and trade model,
// run from a seed over the requested span. The same seed and span always give the same events.
import type { MarketEvent, SymbolInfo } from '../../shared/market.ts';
import { SimulatedMarket } from '../adapters/sim/simulated-market.ts';
import { DEFAULT_SIM_SYMBOLS, type SimSymbolSpec } from '../adapters/sim/sim-symbols.ts';

/**
 * The simulator steps every 100 ms and every step carries a book, so a simulated hour is ~95,000 events
 * and ~45 MB held in memory for the run (measured on BTC/USDT). Six hours (~570k events, ~270 MB)
 * keeps a run comfortably inside a worker; longer spans belong to candle datasets.
 */
export const MAX_SIMULATION_MS = 6 * 3_600_000;

/**
 * Book levels kept per side. The simulator publishes 25; five hold several times the size of a
 * strategy order, and the books' memory is what limits the span (five levels halve it).
 */
const KEPT_LEVELS = 5;

export function simulationSymbolInfo(symbol: string): SymbolInfo {
  return { ...specFor(symbol).info };
}

export function eventsFromSimulation(seed: number, symbol: string, from: number, to: number): MarketEvent[] {
  if (!(to > from)) throw new Error('The end of a simulated backtest must come after its start.');
  if (to - from > MAX_SIMULATION_MS) {
    const hours = ((to - from) / 3_600_000).toFixed(1);
    throw new Error(`The simulated market runs at most ${MAX_SIMULATION_MS / 3_600_000} hours per backtest (asked for ${hours}); pick a shorter span or a dataset.`);
  }
  // One symbol alone: its stream depends only on the seed, and the others are not simulated for nothing.
  const market = new SimulatedMarket({ seed, startTime: from, symbols: [specFor(symbol)] });
  const events: MarketEvent[] = [];
  market.advance(to, (event) => {
    if (event.type === 'book' && event.book.bids.length > KEPT_LEVELS) {
      const { book } = event;
      events.push({ type: 'book', book: { ...book, bids: book.bids.slice(0, KEPT_LEVELS), asks: book.asks.slice(0, KEPT_LEVELS) } });
    } else {
      events.push(event);
    }
  });
  return events;
}

function specFor(symbol: string): SimSymbolSpec {
  const spec = DEFAULT_SIM_SYMBOLS.find((s) => s.info.symbol === symbol);
  if (spec === undefined) {
    throw new Error(`The simulated market has no ${symbol}; it lists ${DEFAULT_SIM_SYMBOLS.map((s) => s.info.symbol).join(', ')}.`);
  }
  return spec;
}
