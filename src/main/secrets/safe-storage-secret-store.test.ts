import { describe, expect, it } from 'vitest';
import type { ApiKeys } from '../../shared/exchange.ts';
import { NO_ENCRYPTION, SafeStorageSecretStore, WEAK_STORAGE, type KeyValueStore, type StringCipher } from './safe-storage-secret-store.ts';

/** Stands in for safeStorage: a reversible scramble, so plaintext never shows in what it returns. */
class FakeCipher implements StringCipher {
  available = true;
  backend: string | undefined = 'gnome_libsecret';
  readonly #mask = 0x5a;

  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(plainText: string): Buffer {
    return Buffer.concat([Buffer.from('v10'), Buffer.from(plainText, 'utf8').map((byte) => byte ^ this.#mask)]);
  }
  decryptString(encrypted: Buffer): string {
    if (!encrypted.subarray(0, 3).equals(Buffer.from('v10'))) throw new Error('Error while decrypting the ciphertext provided');
    return Buffer.from(encrypted.subarray(3).map((byte) => byte ^ this.#mask)).toString('utf8');
  }
  getSelectedStorageBackend(): string {
    return this.backend ?? 'unknown';
  }
}

/** Stands in for electron-store. */
class MemoryStore implements KeyValueStore {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  set(key: string, value: unknown): void {
    this.values.set(key, structuredClone(value));
  }
  delete(key: string): void {
    this.values.delete(key);
  }
}

const kraken: ApiKeys = { exchangeId: 'kraken', apiKey: 'KRAKENkey0123456789abcdefWXYZ', secret: 'kraken-secret-base64+/==' };
const kucoin: ApiKeys = { exchangeId: 'kucoin', apiKey: 'kucoin-key-0123456789ab', secret: 'kucoin-secret-0123456789', password: 'kucoin-pass' };

function setup(backend = 'gnome_libsecret', platform: NodeJS.Platform = 'linux') {
  const cipher = new FakeCipher();
  cipher.backend = backend;
  const store = new MemoryStore();
  return { cipher, store, secrets: new SafeStorageSecretStore({ cipher, store, platform }) };
}

describe('SafeStorageSecretStore', () => {
  it('reads back the keys it saved, from a fresh instance over the same store', () => {
    const { cipher, store, secrets } = setup();
    expect(secrets.save(kucoin)).toEqual({ exchangeId: 'kucoin', set: true, maskedKey: 'kuco…89ab', storage: 'os-keychain', needsConsent: false });
    const fresh = new SafeStorageSecretStore({ cipher, store, platform: 'linux' });
    expect(fresh.read('kucoin')).toEqual({ apiKey: kucoin.apiKey, secret: kucoin.secret, password: kucoin.password });
  });

  it('persists only base64 ciphertext and the masked key, never the key, secret or password', () => {
    const { store, secrets } = setup();
    secrets.save(kraken);
    secrets.save(kucoin);
    for (const value of store.values.values()) {
      expect(Object.keys(value as object).sort()).toEqual(['ciphertext', 'maskedKey']);
      expect((value as { ciphertext: string }).ciphertext).toMatch(/^[A-Za-z0-9+/]+=*$/);
    }
    const persisted = JSON.stringify([...store.values.entries()]);
    for (const plain of [kraken.apiKey, kraken.secret, kucoin.apiKey, kucoin.secret, kucoin.password ?? '']) {
      expect(persisted).not.toContain(plain);
    }
  });

  it('reports an exchange without keys as not set, and reads it as null', () => {
    const { secrets } = setup();
    expect(secrets.status('binance')).toEqual({ exchangeId: 'binance', set: false, maskedKey: null, storage: 'os-keychain', needsConsent: false });
    expect(secrets.read('binance')).toBeNull();
  });

  it('on Linux with the basic_text backend asks for consent and refuses to save without it', () => {
    const { store, secrets } = setup('basic_text');
    expect(secrets.status('kraken')).toMatchObject({ storage: 'basic-text', needsConsent: true });
    expect(() => secrets.save(kraken)).toThrow(WEAK_STORAGE);
    expect(() => secrets.save({ ...kraken, acceptWeakStorage: false })).toThrow(WEAK_STORAGE);
    expect(store.values.size).toBe(0);
  });

  it('on Linux with the basic_text backend saves once the trader accepts weak storage', () => {
    const { secrets } = setup('basic_text');
    expect(secrets.save({ ...kraken, acceptWeakStorage: true })).toMatchObject({ set: true, storage: 'basic-text', needsConsent: true });
    expect(secrets.read('kraken')?.secret).toBe(kraken.secret);
  });

  it('treats an unknown Linux backend as weak too', () => {
    expect(setup('unknown').secrets.status('kraken')).toMatchObject({ storage: 'basic-text', needsConsent: true });
  });

  it('trusts the OS keychain on macOS and Windows, where there is no backend to ask', () => {
    expect(setup('unknown', 'darwin').secrets.status('kraken')).toMatchObject({ storage: 'os-keychain', needsConsent: false });
    expect(setup('basic_text', 'win32').secrets.status('kraken').storage).toBe('os-keychain');
  });

  it('reports storage unavailable when encryption is not available, and refuses to save or read', () => {
    const { cipher, store, secrets } = setup();
    secrets.save(kraken);
    cipher.available = false;
    expect(secrets.status('kraken')).toEqual({
      exchangeId: 'kraken',
      set: true,
      maskedKey: 'KRAK…WXYZ',
      storage: 'unavailable',
      needsConsent: false,
      unavailableReason: NO_ENCRYPTION,
    });
    expect(() => secrets.save(kucoin)).toThrow(NO_ENCRYPTION);
    expect(() => secrets.read('kraken')).toThrow(NO_ENCRYPTION);
    expect(store.values.has('kucoin')).toBe(false);
  });

  it('explains ciphertext the system can no longer decrypt instead of failing obscurely', () => {
    const { store, secrets } = setup();
    store.set('kraken', { ciphertext: Buffer.from('garbage').toString('base64'), maskedKey: 'KRAK…WXYZ' });
    expect(() => secrets.read('kraken')).toThrow(/cannot be decrypted on this system/);
  });

  it('refuses keys copied under another exchange name', () => {
    const { store, secrets } = setup();
    secrets.save(kraken);
    store.set('binance', store.get('kraken'));
    expect(() => secrets.read('binance')).toThrow(/belong to another exchange/);
  });

  it('replaces the keys of an exchange when saved again', () => {
    const { secrets } = setup();
    secrets.save(kraken);
    secrets.save({ ...kraken, apiKey: 'REPLACEDkey0123456789abcdefQRST' });
    expect(secrets.read('kraken')?.apiKey).toBe('REPLACEDkey0123456789abcdefQRST');
    expect(secrets.status('kraken').maskedKey).toBe('REPL…QRST');
  });

  it('removes only the given exchange, even when encryption is gone', () => {
    const { cipher, store, secrets } = setup();
    secrets.save(kraken);
    secrets.save(kucoin);
    cipher.available = false;
    expect(secrets.remove('kraken')).toMatchObject({ set: false, maskedKey: null });
    expect([...store.values.keys()]).toEqual(['kucoin']);
  });

  it('remembers the keys it held so a redacting log can hide them', () => {
    const { secrets } = setup('basic_text');
    expect(() => secrets.save(kucoin)).toThrow(WEAK_STORAGE);
    expect([...secrets.knownSecrets()].sort()).toEqual([kucoin.apiKey, kucoin.password, kucoin.secret].sort());
  });

  it('refuses invalid keys with a sentence that names the field but not the value', () => {
    const { secrets } = setup();
    expect(() => secrets.save({ ...kraken, secret: 'S3cr!' })).toThrow(/secret/);
    expect(() => secrets.save({ ...kraken, secret: 'S3cr!' })).not.toThrow(/S3cr!/);
  });
});
