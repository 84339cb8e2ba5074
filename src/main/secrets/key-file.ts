import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { exchangeIdSchema } from '../../shared/exchange.ts';
import { MAX_LOG2_N, MIN_LOG2_N } from './passphrase-cipher.ts';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

const entrySchema = z
  .object({ iv: base64, tag: base64, ciphertext: base64, maskedKey: z.string().max(16) })
  .strict();

/** keys.json: the salt and cost of the passphrase, a passphrase check, and one sealed entry per exchange. */
const keyFileSchema = z
  .object({
    version: z.literal(1),
    kdf: z
      .object({
        name: z.literal('scrypt'),
        N: z.number().int().refine((n) => Number.isInteger(Math.log2(n)) && n >= 2 ** MIN_LOG2_N && n <= 2 ** MAX_LOG2_N, {
          message: `must be a power of two from 2^${MIN_LOG2_N} to 2^${MAX_LOG2_N}`,
        }),
        r: z.number().int().min(8).max(32),
        p: z.number().int().min(1).max(4),
        salt: base64,
      })
      .strict(),
    check: base64,
    keys: z.record(exchangeIdSchema, entrySchema),
  })
  .strict();

export type KeyFile = z.infer<typeof keyFileSchema>;
export type KeyFileEntry = z.infer<typeof entrySchema>;

/** The file, or null when there is none. Throws a sentence for a file it cannot use; never rewrites it. */
export function readKeyFile(path: string): KeyFile | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let problem: string;
  try {
    const raw = JSON.parse(text) as unknown;
    const planted = protoKeyPath(raw);
    if (planted !== null) {
      problem = `${planted}: a "__proto__" key has no place in a key file`;
    } else {
      const parsed = keyFileSchema.safeParse(raw);
      if (parsed.success) return parsed.data;
      problem = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ');
    }
  } catch (error) {
    problem = `not valid JSON: ${(error as Error).message}`;
  }
  throw new Error(`The key file ${path} is damaged (${problem}). Move it away and enter the API keys again.`);
}

/**
 * Where the first own "__proto__" key is ('keys.__proto__'), or null. zod skips such keys without a
 * word, so a planted one would pass the schema and silently vanish at the next write.
 */
function protoKeyPath(value: unknown, path: string[] = []): string | null {
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    if (key === '__proto__') return [...path, key].join('.');
    const found = protoKeyPath(child, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Temp file + fsync + rename, so a crash mid-write leaves the previous file whole; the temp file is
 * created 0600, so the keys are never readable by other users, not even for a moment.
 */
export function writeKeyFile(path: string, file: KeyFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.tmp-${process.pid}`;
  try {
    const fd = openSync(temp, 'w', 0o600);
    try {
      fchmodSync(fd, 0o600); // a stale temp file from a crash keeps its old mode through open()
      writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function deleteKeyFile(path: string): void {
  rmSync(path, { force: true });
}
