import { REDACTED, redact } from '../../secrets/redact.ts';
import type { Credentials } from '../../secrets/secret-store.ts';

/** A function that removes key material from any text the desk is about to log or show. */
export type Redactor = (text: string) => string;

/**
 * The stored keys in all their encodings (shared with the key store's log redaction), plus request
 * signatures, which ccxt puts in the URLs of some network errors.
 */
export function redactor(credentials: Credentials | null): Redactor {
  const secrets = credentials ? [credentials.apiKey, credentials.secret, credentials.password ?? ''] : [];
  return (text) => redact(text.replace(/(signature|apiKey|api_key|X-MBX-APIKEY)([=:]\s*"?)[^&\s",}]+/gi, `$1$2${REDACTED}`), secrets);
}
