import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { headlessToken, TOKEN_FILE } from './token-file.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hft-token-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = () => statSync(join(dir, TOKEN_FILE)).mode & 0o777;

describe('the headless token file', () => {
  it('makes a random token on the first start, readable by its owner only', () => {
    const { token, created } = headlessToken(dir, { rotate: false });
    expect(created).toBe(true);
    expect(Buffer.from(token, 'base64url')).toHaveLength(24);
    expect(readFileSync(join(dir, TOKEN_FILE), 'utf8').trim()).toBe(token);
    expect(mode()).toBe(0o600);
  });

  it('keeps the token across restarts, so an open tab reconnects, and narrows a widened file again', () => {
    const first = headlessToken(dir, { rotate: false }).token;
    chmodSync(join(dir, TOKEN_FILE), 0o644);
    expect(headlessToken(dir, { rotate: false })).toEqual({ token: first, created: false });
    expect(mode()).toBe(0o600);
  });

  it('makes a new token when asked to rotate, or when the file holds no token', () => {
    const first = headlessToken(dir, { rotate: false }).token;
    const rotated = headlessToken(dir, { rotate: true });
    expect(rotated.created).toBe(true);
    expect(rotated.token).not.toBe(first);
    writeFileSync(join(dir, TOKEN_FILE), 'short\n');
    expect(headlessToken(dir, { rotate: false }).created).toBe(true);
  });
});
