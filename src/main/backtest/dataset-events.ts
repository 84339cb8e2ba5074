// A loaded dataset as a backtest's input: the venue rules of its symbol, and its rows in the requested
// span turned into market events.
import type { MarketEvent, SymbolInfo } from '../../shared/market.ts';
import { DEFAULT_SIM_SYMBOLS } from '../adapters/sim/sim-symbols.ts';
import type { Dataset } from './datasets.ts';
import { eventsFromCandles } from './events-from-candles.ts';
import { eventsFromTrades } from './events-from-trades.ts';
import type { SyntheticBookOptions } from './synthetic-book.ts';

/** The simulated venue's fees, used for symbols it does not list. */
const MAKER_FEE = 0.0002;
const TAKER_FEE = 0.0005;
/** Sizes to 8 decimals (a satoshi): any order size a strategy asks for fits the grid. */
const GENERIC_LOT = 1e-8;
const MAX_PRICE_DECIMALS = 8;

/** Rows whose candle (or trade) lies in [from, to), as events in time order. */
export function eventsFromDataset(dataset: Dataset, info: SymbolInfo, from: number, to: number, options: SyntheticBookOptions = {}): MarketEvent[] {
  if (dataset.kind === 'candles') {
    return eventsFromCandles(dataset.candles.filter((c) => c.openTime >= from && c.openTime < to), info, options);
  }
  return eventsFromTrades(dataset.trades.filter((t) => t.ts >= from && t.ts < to), info, options);
}

/**
 * The venue rules a dataset is run with: the built-in market's for a symbol it lists (BTC/USDT,
 * ETH/USDT, SOL/USDT), otherwise a tick as fine as the finest price in the file, a lot of 1e-8 and
 * the same fees, so that nothing in the file is off the grid.
 */
export function datasetSymbolInfo(dataset: Dataset): SymbolInfo {
  const symbol = dataset.info.symbol;
  const known = DEFAULT_SIM_SYMBOLS.find((spec) => spec.info.symbol === symbol);
  if (known !== undefined) return { ...known.info };
  let decimals = 0;
  const see = (price: number): void => {
    decimals = Math.max(decimals, decimalsOf(price));
  };
  if (dataset.kind === 'candles') {
    for (const c of dataset.candles) {
      see(c.open);
      see(c.high);
      see(c.low);
      see(c.close);
    }
  } else {
    for (const t of dataset.trades) see(t.price);
  }
  const [base, quote] = symbol.split('/');
  const tickSize = 1 / 10 ** Math.min(decimals, MAX_PRICE_DECIMALS);
  return { symbol, base, quote, market: 'spot', tickSize, lotSize: GENERIC_LOT, minSize: GENERIC_LOT, minNotional: 0, makerFee: MAKER_FEE, takerFee: TAKER_FEE };
}

function decimalsOf(value: number): number {
  const text = Number.isInteger(value) ? '' : value.toFixed(MAX_PRICE_DECIMALS).replace(/0+$/, '');
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
