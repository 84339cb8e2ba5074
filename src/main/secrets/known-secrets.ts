import type { Credentials } from './secret-store.ts';

/** Where a redacting log learns which strings to hide. */
export interface SecretSource {
  knownSecrets(): Iterable<string>;
}

/**
 * Every key, secret and password this process has held (saved or read back). Secrets reach a log only
 * after one of those, so this covers them without decrypting the whole store up front. Removed or
 * replaced keys stay listed: a desk opened with them may still be logging.
 */
export class KnownSecrets implements SecretSource {
  readonly #values = new Set<string>();

  remember(credentials: Credentials): void {
    for (const value of [credentials.apiKey, credentials.secret, credentials.password]) {
      if (value) this.#values.add(value);
    }
  }

  knownSecrets(): Iterable<string> {
    return this.#values.values();
  }
}
