// Every exchange ccxt can trade, as the Settings page lists it. Building each exchange object once to
// read its URLs and credentials takes under a second, so the list is made on first request and kept.
import type { ExchangeInfo } from '../../../shared/exchange.ts';
import { exchangeIds, type CcxtExchange, type CcxtModule } from './ccxt-module.ts';

type ExchangeClass = new (config?: Record<string, unknown>) => CcxtExchange;

export function listExchanges(ccxt: CcxtModule): ExchangeInfo[] {
  const streaming = new Set(Object.keys(ccxt.pro));
  const list: ExchangeInfo[] = [];
  for (const id of exchangeIds(ccxt)) {
    const Exchange = (ccxt as unknown as Record<string, ExchangeClass | undefined>)[id];
    if (Exchange === undefined) continue;
    try {
      const exchange = new Exchange();
      list.push({
        id,
        name: exchange.name ?? id,
        websockets: streaming.has(id),
        testnet: Boolean(exchange.urls?.test),
        needsPassword: Boolean(exchange.requiredCredentials?.password),
      });
    } catch {
      // An exchange ccxt cannot even construct is not one the desk can trade.
    }
  }
  return list.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}
