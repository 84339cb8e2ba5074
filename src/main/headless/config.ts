import { isIP } from 'node:net';
import { join } from 'node:path';

export interface HeadlessConfig {
  port: number;
  bindAddress: string;
  /** From HFT_TOKEN; undefined: the one kept in the data folder (token-file.ts). */
  token: string | undefined;
  /** HFT_NEW_TOKEN=1: replace the kept token (open tabs must be opened again). */
  rotateToken: boolean;
  dataDir: string;
  /** From HFT_KEY_PASSPHRASE: encrypts API keys in <dataDir>/keys.json. Never printed. */
  keyPassphrase: string | undefined;
  /** Sentences to print before starting, e.g. a bind address reachable from other machines. */
  warnings: string[];
}

export const DEFAULT_PORT = 7420;
/** Each character of a typed passphrase adds few bits; below this, scrypt alone cannot make guessing slow. */
const SHORTEST_GOOD_PASSPHRASE = 12;

/** RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens. */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** Characters a URL carries as they are, so the printed address hands the browser the token unchanged. */
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;

/** A value from the environment, quoted and cut short, so control characters cannot forge output lines. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

/** Reads HFT_PORT, HFT_BIND, HFT_TOKEN, HFT_NEW_TOKEN, HFT_DATA_DIR and HFT_KEY_PASSPHRASE; throws a sentence for a value it cannot use. */
export function readHeadlessConfig(env: Record<string, string | undefined>, homeDir: string): HeadlessConfig {
  const warnings: string[] = [];
  // Digits only: Number() would read " " as port 0 (any free port) and "0x1F90" as 8080.
  const portText = env.HFT_PORT?.trim();
  const port = portText ? Number(portText) : DEFAULT_PORT;
  if (portText && (!/^\d{1,5}$/.test(portText) || port > 65_535)) {
    throw new Error(`HFT_PORT must be a port number from 0 to 65535, not ${quoted(portText)}.`);
  }
  const bindAddress = env.HFT_BIND?.trim() || '127.0.0.1';
  if (isIP(bindAddress) === 0 && !HOST_NAME.test(bindAddress)) {
    throw new Error(`HFT_BIND must be an IP address or a host name, such as 127.0.0.1 or 0.0.0.0, not ${quoted(bindAddress)}.`);
  }
  if (env.HFT_TOKEN && !URL_SAFE.test(env.HFT_TOKEN)) {
    // The value is a secret: it is not repeated.
    throw new Error('HFT_TOKEN may hold only letters, digits and - . _ ~, since it is part of the address to open; leave it unset for one kept in the data folder.');
  }
  if (!isLoopback(bindAddress)) {
    warnings.push(
      `WARNING: HFT_BIND=${bindAddress} lets other machines reach this trading engine, over plain HTTP. ` +
        'Anyone who learns the token can trade. Prefer an SSH tunnel, or put TLS in front of it.',
    );
  }
  const token = env.HFT_TOKEN || undefined;
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
  return { port, bindAddress, token, rotateToken: env.HFT_NEW_TOKEN === '1', dataDir, keyPassphrase, warnings };
}

export function isLoopback(address: string): boolean {
  if (address === 'localhost' || address === '::1') return true;
  return isIP(address) === 4 && address.startsWith('127.');
}
