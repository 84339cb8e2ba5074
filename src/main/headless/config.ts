import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { join } from 'node:path';

export interface HeadlessConfig {
  port: number;
  bindAddress: string;
  token: string;
  dataDir: string;
  /** From HFT_KEY_PASSPHRASE: encrypts API keys in <dataDir>/keys.json. Never printed. */
  keyPassphrase: string | undefined;
  /** Sentences to print before starting, e.g. a bind address reachable from other machines. */
  warnings: string[];
}

export const DEFAULT_PORT = 7420;
/** Each character of a typed passphrase adds few bits; below this, scrypt alone cannot make guessing slow. */
const SHORTEST_GOOD_PASSPHRASE = 12;

/** Reads HFT_PORT, HFT_BIND, HFT_TOKEN, HFT_DATA_DIR and HFT_KEY_PASSPHRASE; throws a sentence for a value it cannot use. */
export function readHeadlessConfig(env: Record<string, string | undefined>, homeDir: string): HeadlessConfig {
  const warnings: string[] = [];
  const port = env.HFT_PORT ? Number(env.HFT_PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`HFT_PORT must be a port number from 0 to 65535, not "${env.HFT_PORT}".`);
  }
  const bindAddress = env.HFT_BIND || '127.0.0.1';
  if (!isLoopback(bindAddress)) {
    warnings.push(
      `WARNING: HFT_BIND=${bindAddress} lets other machines reach this trading engine, over plain HTTP. ` +
        'Anyone who learns the token can trade. Prefer an SSH tunnel, or put TLS in front of it.',
    );
  }
  const token = env.HFT_TOKEN || randomBytes(24).toString('base64url');
  if (env.HFT_TOKEN && env.HFT_TOKEN.length < 16) {
    warnings.push('WARNING: HFT_TOKEN is shorter than 16 characters and can be guessed; leave it unset for a random one.');
  }
  const dataDir = env.HFT_DATA_DIR || join(homeDir, '.hft-desk');
  const keyPassphrase = env.HFT_KEY_PASSPHRASE || undefined;
  if (!keyPassphrase) {
    warnings.push('Note: HFT_KEY_PASSPHRASE is not set, so exchange API keys cannot be stored; paper mode needs none.');
  } else if (keyPassphrase.length < SHORTEST_GOOD_PASSPHRASE) {
    warnings.push(
      `WARNING: HFT_KEY_PASSPHRASE is shorter than ${SHORTEST_GOOD_PASSPHRASE} characters: anyone who copies keys.json could guess it.`,
    );
  }
  return { port, bindAddress, token, dataDir, keyPassphrase, warnings };
}

export function isLoopback(address: string): boolean {
  if (address === 'localhost' || address === '::1') return true;
  return isIP(address) === 4 && address.startsWith('127.');
}
