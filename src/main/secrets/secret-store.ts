import type { ApiKeys, KeyStatus } from '../../shared/exchange.ts';

export interface Credentials {
  apiKey: string;
  secret: string;
  password?: string;
}

/**
 * API keys at rest, encrypted: Electron safeStorage in the desktop app, a passphrase (scrypt +
 * AES-256-GCM) in the headless host. Only the main process reads them back; the renderer gets KeyStatus.
 */
export interface SecretStore {
  status(exchangeId: string): KeyStatus;
  /** Throws a sentence when the storage is weak and the trader has not accepted it, or when none is available. */
  save(keys: ApiKeys): KeyStatus;
  remove(exchangeId: string): KeyStatus;
  read(exchangeId: string): Credentials | null;
}
