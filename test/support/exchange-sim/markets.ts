// The symbols the simulated venue lists, their filters, and Binance's filter checks.
import { BinanceError } from './binance-error.ts';

export interface SymbolSpec {
  symbol: string;
  base: string;
  quote: string;
  tickSize: number;
  minPrice: number;
  maxPrice: number;
  stepSize: number;
  minQty: number;
  maxQty: number;
  minNotional: number;
  /** Where the seeded book and tape sit. */
  refPrice: number;
}

export const SYMBOLS: readonly SymbolSpec[] = [
  // minQty above stepSize on purpose: a too-small order passes ccxt's own rounding and reaches the venue.
  { symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, minPrice: 0.01, maxPrice: 1_000_000, stepSize: 0.00001, minQty: 0.0001, maxQty: 9000, minNotional: 5, refPrice: 60_000 },
  { symbol: 'ETHUSDT', base: 'ETH', quote: 'USDT', tickSize: 0.01, minPrice: 0.01, maxPrice: 1_000_000, stepSize: 0.0001, minQty: 0.001, maxQty: 9000, minNotional: 5, refPrice: 3_000 },
  { symbol: 'SOLUSDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, minPrice: 0.01, maxPrice: 100_000, stepSize: 0.001, minQty: 0.01, maxQty: 90_000, minNotional: 5, refPrice: 150 },
];

/** Accepts 'BTCUSDT', 'btcusdt' or 'BTC/USDT'. */
export function specFor(symbol: string | null | undefined): SymbolSpec {
  const id = (symbol ?? '').replace('/', '').toUpperCase();
  const spec = SYMBOLS.find((s) => s.symbol === id);
  if (!spec) throw new BinanceError(400, -1121, 'Invalid symbol.');
  return spec;
}

/** Binance prints decimals as fixed 8-place strings. */
export function fmt(n: number): string {
  return n.toFixed(8);
}

/** Float arithmetic drifts; the venue keeps every amount on an 8-decimal grid. */
export function r8(n: number): number {
  return Math.round(n * 1e8) / 1e8;
}

function onGrid(value: number, step: number, origin: number): boolean {
  const steps = (value - origin) / step;
  return Math.abs(steps - Math.round(steps)) < 1e-6;
}

export function checkPrice(spec: SymbolSpec, price: number): void {
  if (price < spec.minPrice || price > spec.maxPrice || !onGrid(price, spec.tickSize, spec.minPrice)) {
    throw new BinanceError(400, -1013, 'Filter failure: PRICE_FILTER');
  }
}

export function checkQty(spec: SymbolSpec, qty: number): void {
  if (qty < spec.minQty || qty > spec.maxQty || !onGrid(qty, spec.stepSize, spec.minQty)) {
    throw new BinanceError(400, -1013, 'Filter failure: LOT_SIZE');
  }
}

export function checkNotional(spec: SymbolSpec, notional: number): void {
  if (notional < spec.minNotional) throw new BinanceError(400, -1013, 'Filter failure: NOTIONAL');
}

const PLAIN_TYPES = ['LIMIT', 'LIMIT_MAKER', 'MARKET'];
const WITH_STOPS = ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];

/** BTCUSDT's own limit on open STOP_LOSS / TAKE_PROFIT kinds per symbol (MAX_NUM_ALGO_ORDERS). */
export const MAX_ALGO_ORDERS = 5;

function symbolInfo(spec: SymbolSpec, nativeStops: boolean): Record<string, unknown> {
  return {
    symbol: spec.symbol,
    status: 'TRADING',
    baseAsset: spec.base,
    baseAssetPrecision: 8,
    quoteAsset: spec.quote,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: nativeStops ? WITH_STOPS : PLAIN_TYPES,
    icebergAllowed: false,
    ocoAllowed: nativeStops,
    otoAllowed: false,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: false,
    cancelReplaceAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: fmt(spec.minPrice), maxPrice: fmt(spec.maxPrice), tickSize: fmt(spec.tickSize) },
      { filterType: 'LOT_SIZE', minQty: fmt(spec.minQty), maxQty: fmt(spec.maxQty), stepSize: fmt(spec.stepSize) },
      { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: fmt(spec.maxQty), stepSize: '0.00000000' },
      { filterType: 'NOTIONAL', minNotional: fmt(spec.minNotional), applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
      { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
      ...(nativeStops ? [{ filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: MAX_ALGO_ORDERS }] : []),
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  };
}

export function exchangeInfo(serverTime: number, nativeStops: boolean, only?: string[]): Record<string, unknown> {
  const specs = only ? only.map((s) => specFor(s)) : SYMBOLS;
  return {
    timezone: 'UTC',
    serverTime,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
    ],
    exchangeFilters: [],
    symbols: specs.map((spec) => symbolInfo(spec, nativeStops)),
  };
}
