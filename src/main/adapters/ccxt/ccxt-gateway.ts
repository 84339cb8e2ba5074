// Real exchanges through ccxt, as the runtime sees them (ExchangeGateway). The runtime imports this
// file lazily, and this file loads ccxt lazily too, so neither a paper session nor the engine pays for it.
import type { ConnectionTest, ExchangeInfo } from '../../../shared/exchange.ts';
import type { Timeframe } from '../../../shared/market.ts';
import type { Desk, ExchangeDeskRequest, ExchangeGateway, HistoryProgress } from '../../desk.ts';
import type { Credentials } from '../../secrets/secret-store.ts';
import { loadCcxt } from './ccxt-module.ts';
import { testConnection } from './connection-test.ts';
import { closeQuietly, openExchangeDesk, type DeskTiming } from './exchange-desk.ts';
import { createExchange, type ExchangeOverrides } from './exchange-factory.ts';
import { fetchHistoryCandles, type HistoryResult } from './history-candles.ts';
import { listExchanges } from './exchange-list.ts';
import { redactor } from './redact.ts';

export interface CcxtGatewayOptions {
  log: (line: string) => void;
  /** Per exchange id, adjusts each new exchange object (tests point binance at a loopback simulator). */
  overrides?: ExchangeOverrides;
  /** Shorter waits for tests; production uses the defaults. */
  timing?: DeskTiming;
}

export function createCcxtGateway(options: CcxtGatewayOptions): ExchangeGateway {
  let listed: Promise<ExchangeInfo[]> | undefined;
  return {
    list() {
      listed ??= loadCcxt().then(listExchanges);
      listed.catch(() => {
        listed = undefined; // a failed load is tried again next time
      });
      return listed;
    },

    async testConnection(target: { id: string; testnet: boolean }, credentials: Credentials): Promise<ConnectionTest> {
      const ccxt = await loadCcxt();
      const redact = redactor(credentials);
      let exchange;
      try {
        exchange = createExchange(ccxt, target, credentials, options.overrides);
      } catch (error) {
        return { ok: false, problem: 'EXCHANGE', message: redact((error as Error).message) };
      }
      try {
        return await testConnection(ccxt, exchange, redact);
      } finally {
        await closeQuietly(exchange);
      }
    },

    openDesk(request: ExchangeDeskRequest): Promise<Desk> {
      return openExchangeDesk(request, { overrides: options.overrides, timing: options.timing });
    },

    async historyCandles(
      target: { id: string; testnet: boolean },
      symbol: string,
      timeframe: Timeframe,
      since: number,
      until: number,
      onProgress: (progress: HistoryProgress) => void,
      signal?: AbortSignal,
    ): Promise<HistoryResult> {
      const ccxt = await loadCcxt();
      // Public endpoints only: no credentials, so a download can never touch the account.
      const exchange = createExchange(ccxt, target, null, options.overrides);
      try {
        return await fetchHistoryCandles(ccxt, exchange, { symbol, timeframe, since, until, onProgress, signal });
      } finally {
        await closeQuietly(exchange);
      }
    },
  };
}
