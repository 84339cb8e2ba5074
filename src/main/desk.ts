import type { ConnectionTest, ExchangeInfo, ExchangeSettings } from '../shared/exchange.ts';
import type { Candle, SymbolInfo, Timeframe } from '../shared/market.ts';
import type { TradingMode } from '../shared/trading.ts';
import type { Broker, Clock, MarketFeed } from './engine/ports.ts';
import type { Credentials } from './secrets/secret-store.ts';

/** What the engine trades through in one mode: the adapters that differ between paper, shadow and live. */
export interface Desk {
  mode: TradingMode;
  feed: MarketFeed;
  broker: Broker;
  clock: Clock;
  /** Journal file name inside the data folder: each mode and exchange keeps its own account. */
  journalFile: string;
  /** The account's capital in quote currency when first opened: the exchange balance, or null to use the setting (paper). */
  startingCapital: number | null;
  /** Closes connections the desk opened (websockets, timers). */
  close(): Promise<void>;
}

/** With keys, the exchange's account; without (credentials null), its public market data only, which shadow can run on and live cannot. */
export type ExchangeDeskRequest = {
  mode: 'shadow' | 'live';
  exchange: ExchangeSettings;
  log: (line: string) => void;
} & ({ credentials: Credentials } | { credentials: null; /** The simulated account's capital, as no balance can be read. */ startingCapital: number });

/**
 * Everything the desk needs from real exchanges. The ccxt implementation is imported lazily, so a
 * paper start never loads ccxt; tests hand in one pointed at the loopback exchange simulator.
 */
export interface ExchangeGateway {
  list(): Promise<ExchangeInfo[]>;
  /** Fetches the balance with these keys and explains any failure in a sentence. */
  testConnection(exchange: { id: string; testnet: boolean }, credentials: Credentials): Promise<ConnectionTest>;
  openDesk(request: ExchangeDeskRequest): Promise<Desk>;
  /**
   * Closed candles with since <= openTime < until from the exchange's public history (no keys), page
   * by page: onProgress gets each page as it arrives, so a caller can keep what came before a failure.
   * Stops between pages when the signal aborts. Throws a sentence when the exchange cannot serve it.
   */
  historyCandles(
    exchange: { id: string; testnet: boolean },
    symbol: string,
    timeframe: Timeframe,
    since: number,
    until: number,
    onProgress: (progress: HistoryProgress) => void,
    signal?: AbortSignal,
  ): Promise<{ symbol: SymbolInfo; candles: Candle[]; coveredUntil: number }>;
}

export interface HistoryProgress {
  symbol: SymbolInfo;
  /** The candles just received, in time order. */
  page: Candle[];
  /** Candles received so far, and how many the range holds at most (gaps make the real count lower). */
  received: number;
  expected: number;
  /** [since, coveredUntil) is complete: every candle the exchange has there has arrived. */
  coveredUntil: number;
}
