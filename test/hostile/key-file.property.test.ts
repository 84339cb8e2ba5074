// Hostile keys.json: whatever the headless host finds in its key file, it answers with the right keys,
// no keys, or a sentence saying what is wrong; it never hands out a wrong key, and it never writes over
// a file it could not read.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PassphraseSecretStore } from '../../src/main/secrets/passphrase-secret-store.ts';
import type { Credentials } from '../../src/main/secrets/secret-store.ts';
import type { ApiKeys } from '../../src/shared/exchange.ts';
import { propertyRuns } from '../support/property-runs.ts';
import { TEST_KDF } from '../support/test-kdf.ts';
import { hostileDocuments, prototypePolluted, type HostileDocument } from './hostile-documents.ts';

// scrypt at its lowest accepted cost still takes most of a second on a busy machine, and a tampered file
// can name a costlier one. A keyed hash of the same inputs stands in: equal inputs give equal keys, any
// other passphrase, salt or cost gives others, which is all the file handling under test relies on.
vi.mock('../../src/main/secrets/passphrase-cipher.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/main/secrets/passphrase-cipher.ts')>();
  const derive = (label: string, passphrase: string, salt: Buffer, p: { N: number; r: number; p: number }): Buffer =>
    createHash('sha256').update(`${label}\0${passphrase}\0${salt.toString('base64')}\0${p.N}\0${p.r}\0${p.p}`).digest();
  return {
    ...original,
    deriveKeys: (passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }) => ({
      encryptionKey: derive('encryption', passphrase, salt, params),
      check: derive('check', passphrase, salt, params),
    }),
  };
});

const PASSPHRASE = 'correct horse battery staple';
const BINANCE: ApiKeys = { exchangeId: 'binance', apiKey: 'BINANCEkey0123456789abcdefWXYZ', secret: 'binance-secret-9f8e7d6c5b4a3210' };
const OKX: ApiKeys = { exchangeId: 'okx', apiKey: 'okx-key-1234567890abcd', secret: 'okx-secret-abcdefghijkl', password: 'okx-pass-phrase' };
const KRAKEN: ApiKeys = { exchangeId: 'kraken', apiKey: 'KRAKENkey0123456789abcdefWXYZ', secret: 'kraken-secret-base64+/==' };
const SAVED: Record<string, Credentials> = {
  binance: { apiKey: BINANCE.apiKey, secret: BINANCE.secret },
  okx: { apiKey: OKX.apiKey, secret: OKX.secret, password: OKX.password! },
};

const root = mkdtempSync(join(tmpdir(), 'hft-hostile-keys-'));
let runs = 0;
let validFile: Record<string, unknown>;

const storeIn = (dir: string): PassphraseSecretStore => new PassphraseSecretStore({ dataDir: dir, passphrase: PASSPHRASE, kdf: TEST_KDF });

beforeAll(() => {
  const dir = join(root, 'valid');
  const store = storeIn(dir);
  store.save(BINANCE);
  store.save(OKX);
  validFile = JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8')) as Record<string, unknown>;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A refusal must say what is wrong in words a trader can act on. */
const CLEAR_REFUSAL = /is damaged|failed their integrity check|does not match the stored keys|belong to another exchange|were replaced/;

/** What a call did: its value, or the sentence it refused with. */
function attempt<T>(call: () => T): { value: T } | { error: string } {
  try {
    return { value: call() };
  } catch (error) {
    expect(error, 'refusals are Errors').toBeInstanceOf(Error);
    return { error: (error as Error).message };
  }
}

function entriesOf(bytes: Buffer): Record<string, unknown> {
  return (JSON.parse(bytes.toString('utf8')) as { keys: Record<string, unknown> }).keys;
}

function checkKeyFile(doc: HostileDocument): void {
  const dir = join(root, String(runs++));
  const file = join(dir, 'keys.json');
  mkdirSync(dir);
  writeFileSync(file, doc.bytes);
  const store = storeIn(dir);

  for (const exchangeId of ['binance', 'okx']) {
    const status = store.status(exchangeId);
    if (status.storage === 'unavailable') expect(status.unavailableReason).toMatch(CLEAR_REFUSAL);
    const read = attempt(() => store.read(exchangeId));
    if ('error' in read) expect(read.error).toMatch(CLEAR_REFUSAL);
    // The one key it may hand out is the one that was saved.
    else if (read.value !== null) expect(read.value).toEqual(SAVED[exchangeId]);
  }

  const saved = attempt(() => store.save(KRAKEN));
  if ('error' in saved) {
    expect(saved.error).toMatch(CLEAR_REFUSAL);
    expect(readFileSync(file).equals(doc.bytes), 'a refused save leaves the file byte for byte').toBe(true);
  } else {
    // Only a file the passphrase unlocked is rewritten, and every entry it held is kept as it was.
    const before = entriesOf(doc.bytes);
    const after = entriesOf(readFileSync(file));
    for (const [exchangeId, entry] of Object.entries(before)) expect(after[exchangeId]).toEqual(entry);
    expect(storeIn(dir).read('kraken')).toEqual({ apiKey: KRAKEN.apiKey, secret: KRAKEN.secret });
  }

  const removed = attempt(() => store.remove('binance'));
  if ('error' in removed && 'error' in saved) expect(readFileSync(file).equals(doc.bytes)).toBe(true);
  expect(readdirSync(dir).filter((name) => name !== 'keys.json'), 'no temporary file is left').toEqual([]);
  expect(prototypePolluted()).toBe(false);
}

describe('PassphraseSecretStore with a hostile keys.json', () => {
  it('hands out the saved keys or none, refuses with a clear sentence, and never rewrites a file it cannot read', () => {
    fc.assert(fc.property(hostileDocuments(validFile), checkKeyFile), { numRuns: propertyRuns(120) });
  });

  it('refuses a keys.json with a planted "__proto__" entry, which would vanish at the next save', () => {
    // A computed key makes "__proto__" an own property, as JSON.parse does.
    const planted = Buffer.from(JSON.stringify({ ...validFile, keys: { ['__proto__']: { polluted: 'yes' }, ...(validFile.keys as object) } }));
    const dir = join(root, String(runs++));
    mkdirSync(dir);
    writeFileSync(join(dir, 'keys.json'), planted);
    const store = storeIn(dir);
    expect(store.status('binance').unavailableReason).toMatch(/keys\.__proto__: a "__proto__" key has no place in a key file/);
    expect(() => store.save(KRAKEN)).toThrow(/is damaged/);
    expect(readFileSync(join(dir, 'keys.json')).equals(planted)).toBe(true);
    expect(prototypePolluted()).toBe(false);
  });

  it('reads back every key it saved, from a fresh instance', () => {
    const keys = fc.record({
      exchangeId: fc.stringMatching(/^[a-z0-9]{2,32}$/),
      apiKey: fc.string({ minLength: 8, maxLength: 64 }).filter((s) => s.trim().length >= 8 && s === s.trim()),
      secret: fc.string({ minLength: 8, maxLength: 64 }).filter((s) => s.trim().length >= 8 && s === s.trim()),
    });
    fc.assert(
      fc.property(keys, (apiKeys) => {
        const dir = join(root, String(runs++));
        storeIn(dir).save(apiKeys);
        expect(storeIn(dir).read(apiKeys.exchangeId)).toEqual({ apiKey: apiKeys.apiKey, secret: apiKeys.secret });
      }),
      { numRuns: propertyRuns(30) },
    );
  });
});
