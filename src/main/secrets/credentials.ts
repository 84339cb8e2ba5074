import { apiKeysSchema, type ApiKeys } from '../../shared/exchange.ts';
import type { Credentials } from './secret-store.ts';

/** Validates keys before they are stored; the sentence names fields, never values. */
export function validApiKeys(keys: ApiKeys): ApiKeys {
  const parsed = apiKeysSchema.safeParse(keys);
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(keys)'}: ${issue.message}`).join('; ');
  throw new Error(`API keys not saved: ${problem}.`);
}

export function credentialsOf(keys: ApiKeys): Credentials {
  const { apiKey, secret, password } = keys;
  return password ? { apiKey, secret, password } : { apiKey, secret };
}

/**
 * The plaintext that gets encrypted. It names its exchange, so an entry copied under another exchange's
 * name is refused on read instead of sending one exchange's keys to another.
 */
export function toPayload(exchangeId: string, credentials: Credentials): string {
  return JSON.stringify({ v: 1, exchangeId, ...credentials });
}

export function fromPayload(text: string, exchangeId: string): Credentials {
  const damaged = new Error(`The stored keys for ${exchangeId} are damaged; delete them and enter them again.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw damaged;
  }
  if (typeof raw !== 'object' || raw === null) throw damaged;
  const payload = raw as Record<string, unknown>;
  if (payload.v !== 1 || typeof payload.apiKey !== 'string' || typeof payload.secret !== 'string') throw damaged;
  if (payload.exchangeId !== exchangeId) {
    throw new Error(`The stored keys for ${exchangeId} belong to another exchange; delete them and enter them again.`);
  }
  const { apiKey, secret, password } = payload;
  return typeof password === 'string' && password !== '' ? { apiKey, secret, password } : { apiKey, secret };
}
