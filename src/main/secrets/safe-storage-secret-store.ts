import { z } from 'zod';
import type { ApiKeys, KeyStatus, KeyStorage } from '../../shared/exchange.ts';
import { credentialsOf, fromPayload, toPayload, validApiKeys } from './credentials.ts';
import { assertExchangeId } from './exchange-id.ts';
import { KnownSecrets, type SecretSource } from './known-secrets.ts';
import { maskKey } from './mask-key.ts';
import type { Credentials, SecretStore } from './secret-store.ts';

/** What the store needs from Electron's safeStorage, so tests can hand in a fake cipher. */
export interface StringCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring encrypts. */
  getSelectedStorageBackend?(): string;
}

/** What the store needs from electron-store: one value per key. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export interface SafeStorageSecretStoreOptions {
  cipher: StringCipher;
  store: KeyValueStore;
  /** The backend question only makes sense on Linux; defaults to this process's platform. */
  platform?: NodeJS.Platform;
}

export const WEAK_STORAGE =
  'This system has no keyring: keys would be stored with weak, reversible encryption (basic_text). ' +
  'Install a keyring (gnome-keyring or KWallet) or accept weak storage explicitly.';
export const NO_ENCRYPTION =
  'This system offers no encryption for stored keys (Electron safeStorage is unavailable), so API keys cannot be saved.';

/**
 * Linux backends that are not a real keyring. basic_text encrypts with a key hard-coded in Chromium, so
 * anyone who copies the file can decrypt it; 'unknown' means the backend is not decided yet, and an
 * undecided backend is not trusted.
 */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);

/** Only ciphertext and the masked key are persisted; nothing in the store decrypts without the OS. */
const entrySchema = z.object({ ciphertext: z.string().min(1), maskedKey: z.string().max(16) });
type Entry = z.infer<typeof entrySchema>;

/** API keys for the desktop app: encrypted by Electron's safeStorage (OS keychain), ciphertext in electron-store. */
export class SafeStorageSecretStore implements SecretStore, SecretSource {
  readonly #cipher: StringCipher;
  readonly #store: KeyValueStore;
  readonly #platform: NodeJS.Platform;
  readonly #known = new KnownSecrets();

  constructor(options: SafeStorageSecretStoreOptions) {
    this.#cipher = options.cipher;
    this.#store = options.store;
    this.#platform = options.platform ?? process.platform;
  }

  status(exchangeId: string): KeyStatus {
    const entry = this.#entry(assertExchangeId(exchangeId));
    const storage = this.#storage();
    return {
      exchangeId,
      set: entry !== null,
      maskedKey: entry?.maskedKey ?? null,
      storage,
      needsConsent: storage === 'basic-text',
      ...(storage === 'unavailable' ? { unavailableReason: NO_ENCRYPTION } : {}),
    };
  }

  save(keys: ApiKeys): KeyStatus {
    const valid = validApiKeys(keys);
    const credentials = credentialsOf(valid);
    this.#known.remember(credentials);
    const storage = this.#storage();
    if (storage === 'unavailable') throw new Error(NO_ENCRYPTION);
    if (storage === 'basic-text' && valid.acceptWeakStorage !== true) throw new Error(WEAK_STORAGE);
    const ciphertext = this.#cipher.encryptString(toPayload(valid.exchangeId, credentials)).toString('base64');
    const entry: Entry = { ciphertext, maskedKey: maskKey(valid.apiKey) };
    this.#store.set(valid.exchangeId, entry);
    return this.status(valid.exchangeId);
  }

  /** Needs no encryption: deleting ciphertext is always possible, even after the keyring went away. */
  remove(exchangeId: string): KeyStatus {
    this.#store.delete(assertExchangeId(exchangeId));
    return this.status(exchangeId);
  }

  read(exchangeId: string): Credentials | null {
    assertExchangeId(exchangeId);
    const raw = this.#store.get(exchangeId);
    if (raw === undefined) return null;
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) throw new Error(`The stored keys for ${exchangeId} are damaged; delete them and enter them again.`);
    if (this.#storage() === 'unavailable') throw new Error(NO_ENCRYPTION);
    let plaintext: string;
    try {
      plaintext = this.#cipher.decryptString(Buffer.from(entry.data.ciphertext, 'base64'));
    } catch {
      throw new Error(
        `The stored keys for ${exchangeId} cannot be decrypted on this system (was the keyring reset, or the profile copied from another machine?); delete them and enter them again.`,
      );
    }
    const credentials = fromPayload(plaintext, exchangeId);
    this.#known.remember(credentials);
    return credentials;
  }

  knownSecrets(): Iterable<string> {
    return this.#known.knownSecrets();
  }

  #entry(exchangeId: string): Entry | null {
    const parsed = entrySchema.safeParse(this.#store.get(exchangeId));
    return parsed.success ? parsed.data : null;
  }

  #storage(): KeyStorage {
    if (!this.#cipher.isEncryptionAvailable()) return 'unavailable';
    if (this.#platform !== 'linux') return 'os-keychain';
    // Without the method the backend cannot be known, so it is treated as weak.
    const backend = this.#cipher.getSelectedStorageBackend?.() ?? 'unknown';
    return WEAK_BACKENDS.has(backend) ? 'basic-text' : 'os-keychain';
  }
}
