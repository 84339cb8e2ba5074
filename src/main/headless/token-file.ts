// The headless desk's token, kept in <dataDir>/headless-token (owner read and write only) so that a
// restart keeps it and an open tab reconnects. A new one is made on the first start, when asked for
// (HFT_NEW_TOKEN=1: every open tab then has to be opened again from the printed address), or when the
// file holds something that is not a token.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_FILE = 'headless-token';
const TOKEN = /^[A-Za-z0-9_-]{32,}$/;

export function headlessToken(dataDir: string, options: { rotate: boolean }): { token: string; created: boolean } {
  const path = join(dataDir, TOKEN_FILE);
  if (!options.rotate) {
    const saved = readSaved(path);
    if (saved !== null) {
      chmodSync(path, 0o600); // a copy or a restore may have widened it
      return { token: saved, created: false };
    }
  }
  const token = randomBytes(24).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // mode applies only when the file is created
  return { token, created: true };
}

function readSaved(path: string): string | null {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return TOKEN.test(text) ? text : null;
  } catch {
    return null;
  }
}
