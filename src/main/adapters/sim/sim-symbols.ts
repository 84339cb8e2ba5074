import type { SymbolInfo } from '../../../shared/market.ts';

/** One simulated instrument: what the venue publishes about it and how its market behaves. */
export interface SimSymbolSpec {
  info: SymbolInfo;
  startPrice: number;
  /** Annualized volatility of the mid price in the calm and in the volatile regime (0.5 = 50%). */
  calmVol: number;
  volatileVol: number;
  /** Typical spread in a calm market, in basis points of price; volatile regimes widen it. */
  spreadBps: number;
  /** Typical distance between neighbouring book levels in a calm market, in basis points. */
  levelStepBps: number;
  /** Typical size resting at the best level, in base units; deeper levels hold more. */
  touchSize: number;
  /** Trades per second in a calm, quiet market. */
  tradesPerSecond: number;
  /** Mean trade size in base units. */
  tradeSize: number;
}

const MAKER_FEE = 0.0002;
const TAKER_FEE = 0.0005;
/** As on Binance spot: no order worth less than 5 USDT. */
const MIN_NOTIONAL = 5;

function spotInfo(base: string, tickSize: number, lotSize: number, minSize: number): SymbolInfo {
  return { symbol: `${base}/USDT`, base, quote: 'USDT', market: 'spot', tickSize, lotSize, minSize, minNotional: MIN_NOTIONAL, makerFee: MAKER_FEE, takerFee: TAKER_FEE };
}

export const DEFAULT_SIM_SYMBOLS: readonly SimSymbolSpec[] = [
  {
    info: spotInfo('BTC', 0.01, 0.00001, 0.0001),
    startPrice: 65_000,
    calmVol: 0.45,
    volatileVol: 1.1,
    spreadBps: 0.4,
    levelStepBps: 0.3,
    touchSize: 0.6,
    tradesPerSecond: 6,
    tradeSize: 0.02,
  },
  {
    info: spotInfo('ETH', 0.01, 0.0001, 0.001),
    startPrice: 3_200,
    calmVol: 0.6,
    volatileVol: 1.4,
    spreadBps: 0.6,
    levelStepBps: 0.5,
    touchSize: 8,
    tradesPerSecond: 5,
    tradeSize: 0.4,
  },
  {
    info: spotInfo('SOL', 0.01, 0.001, 0.01),
    startPrice: 150,
    calmVol: 0.8,
    volatileVol: 1.8,
    spreadBps: 1.2,
    levelStepBps: 1,
    touchSize: 150,
    tradesPerSecond: 4,
    tradeSize: 8,
  },
];
