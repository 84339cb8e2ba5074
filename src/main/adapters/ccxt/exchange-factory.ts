// The one place an exchange object is built: the same construction for the settings page's key test,
// the feed and the brokers, so sandbox mode and test overrides can never be forgotten on one path.
import type { Credentials } from '../../secrets/secret-store.ts';
import { exchangeIds, type CcxtExchange, type CcxtModule } from './ccxt-module.ts';

/** Per exchange id, a function that adjusts a freshly built exchange (tests point it at a simulator). */
export type ExchangeOverrides = Record<string, (exchange: any) => void>;

export interface ExchangeTarget {
  id: string;
  testnet: boolean;
}

type ExchangeClass = new (config: Record<string, unknown>) => CcxtExchange;

/** Replies slower than this count as "no answer": long enough for a busy exchange, short for a trader. */
const REQUEST_TIMEOUT_MS = 10_000;

export function createExchange(
  ccxt: CcxtModule,
  target: ExchangeTarget,
  credentials: Credentials | null,
  overrides: ExchangeOverrides = {},
): CcxtExchange {
  const streaming = (ccxt.pro as unknown as Record<string, ExchangeClass | undefined>)[target.id];
  const rest = (ccxt as unknown as Record<string, ExchangeClass | undefined>)[target.id];
  const Exchange = streaming ?? rest;
  if (!exchangeIds(ccxt).includes(target.id) || Exchange === undefined) {
    throw new Error(`ccxt does not support an exchange called "${target.id}".`);
  }
  const exchange = new Exchange({
    apiKey: credentials?.apiKey,
    secret: credentials?.secret,
    password: credentials?.password,
    enableRateLimit: true,
    timeout: REQUEST_TIMEOUT_MS,
  });
  if (target.testnet) {
    if (!exchange.urls?.test) throw new Error(`${exchange.name} has no testnet in ccxt; turn testnet off or pick another exchange.`);
    exchange.setSandboxMode(true);
  }
  overrides[target.id]?.(exchange);
  return exchange;
}
