import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiKeys } from '../../shared/exchange.ts';
import { deriveKeys } from './passphrase-cipher.ts';
import { NO_PASSPHRASE, PassphraseSecretStore, WRONG_PASSPHRASE } from './passphrase-secret-store.ts';

// Calls through to the real derivation; counted to show it runs once per process.
vi.mock('./passphrase-cipher.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./passphrase-cipher.ts')>();
  return { ...original, deriveKeys: vi.fn(original.deriveKeys) };
});

const PASSPHRASE = 'correct horse battery staple';
/** The lowest cost a file may declare, so the suite stays quick; one test covers the default cost. */
const FAST_KDF = { N: 2 ** 15, r: 8, p: 1 };
const binance: ApiKeys = {
  exchangeId: 'binance',
  apiKey: 'BINANCEkey0123456789abcdefWXYZ',
  secret: 'binance-secret-9f8e7d6c5b4a3210',
};
const okx: ApiKeys = { exchangeId: 'okx', apiKey: 'okx-key-1234567890abcd', secret: 'okx-secret-abcdefghijkl', password: 'okx-pass-phrase' };

let dir: string;
const storeWith = (passphrase: string | undefined): PassphraseSecretStore =>
  new PassphraseSecretStore({ dataDir: dir, passphrase, kdf: FAST_KDF });
const fileBytes = (): Buffer => readFileSync(join(dir, 'keys.json'));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hft-keys-'));
  vi.mocked(deriveKeys).mockClear();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('PassphraseSecretStore', () => {
  it('reads back the keys it saved, from a fresh instance with the same passphrase', () => {
    const status = storeWith(PASSPHRASE).save(okx);
    expect(status).toEqual({ exchangeId: 'okx', set: true, maskedKey: 'okx-…abcd', storage: 'passphrase', needsConsent: false });
    expect(storeWith(PASSPHRASE).read('okx')).toEqual({ apiKey: okx.apiKey, secret: okx.secret, password: okx.password });
  });

  it('uses scrypt with N = 2^17, r = 8, p = 1 and a 16-byte salt by default', () => {
    new PassphraseSecretStore({ dataDir: dir, passphrase: PASSPHRASE }).save(binance);
    const file = JSON.parse(fileBytes().toString('utf8'));
    expect(file.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(Buffer.from(file.kdf.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(file.keys.binance.iv, 'base64')).toHaveLength(12);
    expect(new PassphraseSecretStore({ dataDir: dir, passphrase: PASSPHRASE }).read('binance')?.secret).toBe(binance.secret);
  });

  it('writes a file that contains neither the key, the secret, the password nor the passphrase', () => {
    const store = storeWith(PASSPHRASE);
    store.save(binance);
    store.save(okx);
    const bytes = fileBytes();
    for (const plain of [binance.apiKey, binance.secret, okx.apiKey, okx.secret, okx.password ?? '', PASSPHRASE]) {
      expect(bytes.includes(Buffer.from(plain, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(Buffer.from(plain).toString('base64'), 'utf8'))).toBe(false);
    }
    expect(Object.keys(JSON.parse(bytes.toString('utf8')).keys.okx).sort()).toEqual(['ciphertext', 'iv', 'maskedKey', 'tag']);
  });

  it('keeps the file readable by its owner only and leaves no temporary file behind', () => {
    storeWith(PASSPHRASE).save(binance);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['keys.json']);
  });

  it('gives a fresh IV to every entry, so the same keys never encrypt alike', () => {
    const store = storeWith(PASSPHRASE);
    store.save(binance);
    const first = JSON.parse(fileBytes().toString('utf8')).keys.binance;
    store.save(binance);
    const second = JSON.parse(fileBytes().toString('utf8')).keys.binance;
    expect(second.iv).not.toBe(first.iv);
    expect(second.ciphertext).not.toBe(first.ciphertext);
  });

  it('derives the key once per process, however many operations follow', () => {
    const store = storeWith(PASSPHRASE);
    store.save(binance);
    store.save(okx);
    store.status('binance');
    store.read('okx');
    store.remove('okx');
    expect(deriveKeys).toHaveBeenCalledTimes(1);
  });

  it('refuses a wrong passphrase with a clear sentence and leaves the file byte for byte unchanged', () => {
    storeWith(PASSPHRASE).save(binance);
    const before = fileBytes();
    const wrong = storeWith('not the passphrase');
    expect(() => wrong.read('binance')).toThrow(WRONG_PASSPHRASE);
    expect(() => wrong.save(okx)).toThrow(WRONG_PASSPHRASE);
    expect(() => wrong.remove('binance')).toThrow(WRONG_PASSPHRASE);
    expect(fileBytes().equals(before)).toBe(true);
    expect(storeWith(PASSPHRASE).read('binance')?.apiKey).toBe(binance.apiKey);
  });

  it('reports a wrong passphrase in the status, with the key still shown as set, and tries it only once', () => {
    storeWith(PASSPHRASE).save(binance);
    vi.mocked(deriveKeys).mockClear();
    const wrong = storeWith('not the passphrase');
    const status = wrong.status('binance');
    wrong.status('binance');
    expect(status).toMatchObject({ set: true, maskedKey: 'BINA…WXYZ', storage: 'unavailable' });
    expect(status.unavailableReason).toContain(WRONG_PASSPHRASE);
    expect(deriveKeys).toHaveBeenCalledTimes(1);
  });

  it('refuses tampered ciphertext with an integrity error instead of returning garbage', () => {
    const store = storeWith(PASSPHRASE);
    store.save(binance);
    store.save(okx);
    const file = JSON.parse(fileBytes().toString('utf8'));
    const ciphertext = Buffer.from(file.keys.binance.ciphertext, 'base64');
    ciphertext[3] ^= 0x01;
    file.keys.binance.ciphertext = ciphertext.toString('base64');
    writeFileSync(join(dir, 'keys.json'), JSON.stringify(file));
    const fresh = storeWith(PASSPHRASE);
    expect(() => fresh.read('binance')).toThrow(/stored keys for binance failed their integrity check/);
    expect(fresh.read('okx')?.secret).toBe(okx.secret);
  });

  it('refuses an entry moved under another exchange name', () => {
    const store = storeWith(PASSPHRASE);
    store.save(binance);
    const file = JSON.parse(fileBytes().toString('utf8'));
    file.keys.kraken = file.keys.binance;
    writeFileSync(join(dir, 'keys.json'), JSON.stringify(file));
    expect(() => storeWith(PASSPHRASE).read('kraken')).toThrow(/integrity check/);
  });

  it('without a passphrase reports storage unavailable and refuses to save with the sentence', () => {
    const store = storeWith(undefined);
    expect(store.status('binance')).toEqual({
      exchangeId: 'binance',
      set: false,
      maskedKey: null,
      storage: 'unavailable',
      needsConsent: false,
      unavailableReason: NO_PASSPHRASE,
    });
    expect(() => store.save(binance)).toThrow(NO_PASSPHRASE);
    expect(storeWith('').status('binance').storage).toBe('unavailable');
    expect(existsSync(join(dir, 'keys.json'))).toBe(false);
  });

  it('without a passphrase refuses to read keys a previous run stored', () => {
    storeWith(PASSPHRASE).save(binance);
    expect(() => storeWith(undefined).read('binance')).toThrow(NO_PASSPHRASE);
    expect(storeWith(undefined).read('okx')).toBeNull();
  });

  it('reports an exchange without keys as not set, and reads it as null', () => {
    const store = storeWith(PASSPHRASE);
    store.save(binance);
    expect(store.status('kraken')).toEqual({ exchangeId: 'kraken', set: false, maskedKey: null, storage: 'passphrase', needsConsent: false });
    expect(store.read('kraken')).toBeNull();
  });

  it('replaces the keys of an exchange when saved again', () => {
    const store = storeWith(PASSPHRASE);
    store.save(binance);
    store.save({ ...binance, apiKey: 'REPLACEDkey0123456789abcdefQRST', secret: 'replaced-secret-0123456789' });
    expect(storeWith(PASSPHRASE).read('binance')).toEqual({ apiKey: 'REPLACEDkey0123456789abcdefQRST', secret: 'replaced-secret-0123456789' });
    expect(store.status('binance').maskedKey).toBe('REPL…QRST');
  });

  it('removes only the given exchange, and the file with the last one', () => {
    const store = storeWith(PASSPHRASE);
    store.save(binance);
    store.save(okx);
    expect(store.remove('binance')).toMatchObject({ exchangeId: 'binance', set: false, maskedKey: null });
    expect(store.read('binance')).toBeNull();
    expect(storeWith(PASSPHRASE).read('okx')?.password).toBe(okx.password);
    store.remove('okx');
    expect(existsSync(join(dir, 'keys.json'))).toBe(false);
    store.save(binance);
    expect(storeWith(PASSPHRASE).read('binance')?.secret).toBe(binance.secret);
  });

  it('reports a damaged file as unavailable storage, refuses to use it and leaves it in place', () => {
    writeFileSync(join(dir, 'keys.json'), '{"version": 1,');
    const store = storeWith(PASSPHRASE);
    expect(store.status('binance')).toMatchObject({ storage: 'unavailable', unavailableReason: expect.stringMatching(/is damaged/) });
    expect(() => store.read('binance')).toThrow(/is damaged/);
    expect(() => store.save(binance)).toThrow(/is damaged/);
    expect(readFileSync(join(dir, 'keys.json'), 'utf8')).toBe('{"version": 1,');
  });

  it('refuses a file whose scrypt cost was lowered below the minimum', () => {
    storeWith(PASSPHRASE).save(binance);
    const file = JSON.parse(fileBytes().toString('utf8'));
    file.kdf.N = 2 ** 10;
    writeFileSync(join(dir, 'keys.json'), JSON.stringify(file));
    expect(() => storeWith(PASSPHRASE).read('binance')).toThrow(/kdf\.N/);
  });

  it('remembers the keys it held so a redacting log can hide them', () => {
    storeWith(PASSPHRASE).save(okx);
    const store = storeWith(PASSPHRASE);
    expect([...store.knownSecrets()]).toEqual([]);
    store.read('okx');
    expect([...store.knownSecrets()].sort()).toEqual([okx.apiKey, okx.password, okx.secret].sort());
  });

  it('rejects an exchange id that is not one, like __proto__', () => {
    expect(() => storeWith(PASSPHRASE).read('__proto__')).toThrow(/exchange id/);
  });
});
