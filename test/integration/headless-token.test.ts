// `npm run headless` as a trader restarts it: the token is kept in the data folder, so the address an
// open tab was given still works; HFT_NEW_TOKEN=1 replaces it, and the old one is then refused.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_FILE } from '../../src/main/headless/token-file.ts';
import { startHeadlessProcess } from '../support/headless-process.ts';

let dataDir: string;
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts the headless desk on the test's data folder, answers `probe` against its address, then stops it. */
async function withHeadless<T>(extraEnv: Record<string, string>, probe: (url: URL) => Promise<T>): Promise<T> {
  const headless = await startHeadlessProcess({ HFT_PORT: '0', HFT_DATA_DIR: dataDir, ...extraEnv });
  try {
    const answer = await probe(headless.url);
    expect(await headless.stop()).toBe(0);
    return answer;
  } finally {
    headless.kill();
  }
}

const tokenStatus = async (url: URL, token: string): Promise<number> => (await fetch(new URL(`/token-check?token=${token}`, url))).status;

describe('the headless token across restarts', () => {
  it('keeps the printed token across a restart, replaces it on HFT_NEW_TOKEN=1 and then refuses the old one', { timeout: 60_000 }, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hft-headless-token-'));
    const first = await withHeadless({}, async (url) => url.searchParams.get('token')!);
    expect(first).toMatch(/^[\w-]{32}$/);
    expect(statSync(join(dataDir, TOKEN_FILE)).mode & 0o777).toBe(0o600);

    const again = await withHeadless({}, async (url) => ({ token: url.searchParams.get('token'), status: await tokenStatus(url, first) }));
    expect(again).toEqual({ token: first, status: 204 });

    const rotated = await withHeadless({ HFT_NEW_TOKEN: '1' }, async (url) => ({ token: url.searchParams.get('token')!, old: await tokenStatus(url, first) }));
    expect(rotated.token).not.toBe(first);
    expect(rotated.old).toBe(401);
  });
});
