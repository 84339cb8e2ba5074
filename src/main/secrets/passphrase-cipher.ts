import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * scrypt cost, stored in the key file so it can be raised later without locking out older files.
 * N = 2^17, r = 8, p = 1 is OWASP's recommendation for scrypt: each guess costs 128 MiB of memory
 * (128 * N * r bytes) and about half a second of one core, which makes trying a passphrase list
 * against a stolen keys.json slow and memory-bound (GPUs and ASICs gain little). The host pays it once
 * per process, since the derived key is cached. p = 1 because parallelism would help attackers as much.
 */
export const DEFAULT_KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
/** Bounds accepted from a file: below, a tampered file could make guessing cheap; above, hang the host. */
export const MIN_LOG2_N = 15;
export const MAX_LOG2_N = 20;

export interface KdfParams {
  N: number;
  r: number;
  p: number;
}

export interface DerivedKeys {
  /** AES-256-GCM key for the entries. */
  encryptionKey: Buffer;
  /**
   * Stored in the file to tell a wrong passphrase apart from a damaged entry, and checkable with no
   * entries at all. It is an independent HKDF output, so it reveals nothing about the encryption key;
   * it only lets an attacker test passphrase guesses, which a GCM tag already allows.
   */
  check: Buffer;
}

const SALT_BYTES = 16;
const IV_BYTES = 12; // GCM's native nonce size: random 96-bit IVs are safe for far more entries than we write
const TAG_BYTES = 16;

export const newSalt = (): Buffer => randomBytes(SALT_BYTES);

/** Synchronous on purpose: the SecretStore port is synchronous, and this runs once per process. */
export function deriveKeys(passphrase: string, salt: Buffer, params: KdfParams): DerivedKeys {
  const master = scryptSync(passphrase.normalize('NFC'), salt, 32, {
    ...params,
    maxmem: 256 * params.N * params.r, // twice the need: Node's 32 MiB default refuses even N = 2^15
  });
  const encryptionKey = Buffer.from(hkdfSync('sha256', master, salt, 'hft-desk keys v1 encryption', 32));
  const check = Buffer.from(hkdfSync('sha256', master, salt, 'hft-desk keys v1 passphrase check', 32));
  master.fill(0);
  return { encryptionKey, check };
}

export function checkMatches(expected: Buffer, actual: Buffer): boolean {
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface SealedEntry {
  iv: string;
  tag: string;
  ciphertext: string;
}

/** Binds an entry to its exchange: moving ciphertext between exchanges fails the tag check. */
const aadFor = (exchangeId: string): Buffer => Buffer.from(`hft-desk keys v1 ${exchangeId}`, 'utf8');

export function seal(key: Buffer, exchangeId: string, plaintext: string): SealedEntry {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadFor(exchangeId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** Throws when the tag does not match: the entry was altered, or encrypted under another key. */
export function open(key: Buffer, exchangeId: string, entry: SealedEntry): string {
  const iv = Buffer.from(entry.iv, 'base64');
  const tag = Buffer.from(entry.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('bad IV or tag length');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aadFor(exchangeId));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(entry.ciphertext, 'base64')), decipher.final()]).toString('utf8');
}
