import { join } from 'node:path';
import type { ApiKeys, KeyStatus } from '../../shared/exchange.ts';
import { credentialsOf, fromPayload, toPayload, validApiKeys } from './credentials.ts';
import { assertExchangeId } from './exchange-id.ts';
import { deleteKeyFile, readKeyFile, writeKeyFile, type KeyFile } from './key-file.ts';
import { KnownSecrets, type SecretSource } from './known-secrets.ts';
import { maskKey } from './mask-key.ts';
import { checkMatches, DEFAULT_KDF, deriveKeys, newSalt, open, seal, type KdfParams } from './passphrase-cipher.ts';
import type { Credentials, SecretStore } from './secret-store.ts';

export const NO_PASSPHRASE = 'Set HFT_KEY_PASSPHRASE to store API keys in the headless host.';
export const WRONG_PASSPHRASE = 'The key passphrase does not match the stored keys.';

export interface PassphraseSecretStoreOptions {
  dataDir: string;
  /** From HFT_KEY_PASSPHRASE; empty or missing leaves key storage unavailable. */
  passphrase: string | undefined;
  /** scrypt cost for a new file; tests lower it to the accepted minimum to run quickly. */
  kdf?: KdfParams;
}

/** The derived key of one file (its salt and cost), once the passphrase was checked against it. */
interface Unlocked {
  fileId: string;
  salt: string;
  kdf: KdfParams;
  check: string;
  encryptionKey: Buffer;
}

const fileIdOf = (file: KeyFile): string => `${file.kdf.salt}:${file.kdf.N}:${file.kdf.r}:${file.kdf.p}`;

/**
 * API keys in `<dataDir>/keys.json` for the headless host, where Electron's safeStorage does not exist:
 * each exchange's keys sealed with AES-256-GCM under a key derived by scrypt from a passphrase.
 * The passphrase is kept only until the key is derived; after that only the derived key stays in memory.
 */
export class PassphraseSecretStore implements SecretStore, SecretSource {
  readonly filePath: string;
  readonly #configured: boolean;
  readonly #kdf: KdfParams;
  readonly #known = new KnownSecrets();
  #passphrase: string | null;
  #unlocked: Unlocked | null = null;
  /** A file the passphrase did not match: remembered so scrypt does not run again at every status(). */
  #rejectedFileId: string | null = null;

  constructor(options: PassphraseSecretStoreOptions) {
    this.filePath = join(options.dataDir, 'keys.json');
    this.#passphrase = options.passphrase ? options.passphrase : null;
    this.#configured = this.#passphrase !== null;
    this.#kdf = options.kdf ?? DEFAULT_KDF;
  }

  status(exchangeId: string): KeyStatus {
    assertExchangeId(exchangeId);
    let file: KeyFile | null;
    try {
      file = readKeyFile(this.filePath);
    } catch (error) {
      return this.#statusOf(exchangeId, null, (error as Error).message);
    }
    if (!this.#configured) return this.#statusOf(exchangeId, file, NO_PASSPHRASE);
    if (file) {
      try {
        this.#keyFor(file);
      } catch (error) {
        return this.#statusOf(exchangeId, file, (error as Error).message);
      }
    }
    return this.#statusOf(exchangeId, file);
  }

  save(keys: ApiKeys): KeyStatus {
    const valid = validApiKeys(keys);
    const credentials = credentialsOf(valid);
    this.#known.remember(credentials);
    if (!this.#configured) throw new Error(NO_PASSPHRASE);
    const file = readKeyFile(this.filePath);
    const key = file ? this.#keyFor(file) : this.#keyForNewFile();
    const next: KeyFile = {
      version: 1,
      kdf: { name: 'scrypt', N: key.kdf.N, r: key.kdf.r, p: key.kdf.p, salt: key.salt },
      check: key.check,
      keys: {
        ...file?.keys,
        [valid.exchangeId]: {
          ...seal(key.encryptionKey, valid.exchangeId, toPayload(valid.exchangeId, credentials)),
          maskedKey: maskKey(valid.apiKey),
        },
      },
    };
    writeKeyFile(this.filePath, next);
    return this.#statusOf(valid.exchangeId, next);
  }

  remove(exchangeId: string): KeyStatus {
    assertExchangeId(exchangeId);
    const file = readKeyFile(this.filePath);
    if (!file || !Object.hasOwn(file.keys, exchangeId)) return this.status(exchangeId);
    // Changing the file needs the passphrase that wrote it: a wrong one changes nothing.
    if (!this.#configured) throw new Error(NO_PASSPHRASE);
    this.#keyFor(file);
    const keys = Object.fromEntries(Object.entries(file.keys).filter(([id]) => id !== exchangeId));
    // With no keys left the file goes too: nothing remains that a passphrase could be tried against.
    if (Object.keys(keys).length === 0) deleteKeyFile(this.filePath);
    else writeKeyFile(this.filePath, { ...file, keys });
    return this.status(exchangeId);
  }

  read(exchangeId: string): Credentials | null {
    assertExchangeId(exchangeId);
    const file = readKeyFile(this.filePath);
    if (!file || !Object.hasOwn(file.keys, exchangeId)) return null;
    if (!this.#configured) throw new Error(NO_PASSPHRASE);
    const key = this.#keyFor(file);
    let plaintext: string;
    try {
      plaintext = open(key.encryptionKey, exchangeId, file.keys[exchangeId]);
    } catch {
      // The passphrase check passed, so the key is right: the entry itself was changed.
      throw new Error(
        `The stored keys for ${exchangeId} failed their integrity check (keys.json was altered or damaged); delete them and enter them again.`,
      );
    }
    const credentials = fromPayload(plaintext, exchangeId);
    this.#known.remember(credentials);
    return credentials;
  }

  knownSecrets(): Iterable<string> {
    return this.#known.knownSecrets();
  }

  #statusOf(exchangeId: string, file: KeyFile | null, unavailableReason?: string): KeyStatus {
    const entry = file && Object.hasOwn(file.keys, exchangeId) ? file.keys[exchangeId] : null;
    return {
      exchangeId,
      set: entry !== null,
      maskedKey: entry?.maskedKey ?? null,
      storage: unavailableReason ? 'unavailable' : 'passphrase',
      needsConsent: false,
      ...(unavailableReason ? { unavailableReason } : {}),
    };
  }

  /** The derived key for this file, deriving and checking it the first time; throws WRONG_PASSPHRASE. */
  #keyFor(file: KeyFile): Unlocked {
    const fileId = fileIdOf(file);
    if (this.#unlocked?.fileId === fileId && this.#unlocked.check === file.check) return this.#unlocked;
    if (this.#rejectedFileId === fileId) throw new Error(this.#wrongPassphrase());
    const passphrase = this.#passphrase;
    if (passphrase === null) {
      // Already unlocked another file and forgot the passphrase: keys.json was replaced under us.
      throw new Error('keys.json was replaced while the host was running; restart the host to use it.');
    }
    const salt = Buffer.from(file.kdf.salt, 'base64');
    const kdf = { N: file.kdf.N, r: file.kdf.r, p: file.kdf.p };
    const derived = deriveKeys(passphrase, salt, kdf);
    if (!checkMatches(Buffer.from(file.check, 'base64'), derived.check)) {
      derived.encryptionKey.fill(0);
      this.#rejectedFileId = fileId;
      throw new Error(this.#wrongPassphrase());
    }
    return this.#remember({ fileId, salt: file.kdf.salt, kdf, check: file.check, encryptionKey: derived.encryptionKey });
  }

  /** No file yet: reuse the key derived earlier in this process if any (the passphrase is gone by then). */
  #keyForNewFile(): Unlocked {
    if (this.#unlocked) return this.#unlocked;
    const passphrase = this.#passphrase;
    if (passphrase === null) throw new Error(NO_PASSPHRASE);
    const salt = newSalt();
    const derived = deriveKeys(passphrase, salt, this.#kdf);
    const saltText = salt.toString('base64');
    const fileId = `${saltText}:${this.#kdf.N}:${this.#kdf.r}:${this.#kdf.p}`;
    return this.#remember({ fileId, salt: saltText, kdf: this.#kdf, check: derived.check.toString('base64'), encryptionKey: derived.encryptionKey });
  }

  #remember(unlocked: Unlocked): Unlocked {
    this.#unlocked = unlocked;
    // JavaScript cannot wipe a string; dropping the last reference is the most we can do.
    this.#passphrase = null;
    return unlocked;
  }

  #wrongPassphrase(): string {
    return `${WRONG_PASSPHRASE} Start the host with the passphrase they were saved with, or delete ${this.filePath} to enter them again.`;
  }
}
