import { exchangeIdSchema } from '../../shared/exchange.ts';

/**
 * Every store method checks the id itself, not only the command boundary: ids become object keys in a
 * JSON file and electron-store paths, where '__proto__' or 'a.b' would mean something else.
 */
export function assertExchangeId(exchangeId: string): string {
  if (!exchangeIdSchema.safeParse(exchangeId).success) {
    throw new Error('An exchange id is lower-case letters and digits, like binance.');
  }
  return exchangeId;
}
