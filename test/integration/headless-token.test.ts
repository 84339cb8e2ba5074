// `npm run headless` as a trader restarts it: the token is kept in the data folder, so the address an
// open tab was given still works; HFT_NEW_TOKEN=1 replaces it, and the old one is then refused.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_FILE } from '../../src/main/headless/token-file.ts';

const MAIN = resolve(import.meta.dirname, '../../src/main/headless/main.ts');

let dataDir: string;
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts the headless desk, reads the address it prints, answers `probe` against it, then stops it. */
async function withHeadless<T>(extraEnv: Record<string, string>, probe: (url: URL) => Promise<T>): Promise<T> {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('HFT_'));
  const env = { ...Object.fromEntries(inherited), HFT_PORT: '0', HFT_DATA_DIR: dataDir, ...extraEnv };
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  try {
    const url = await new Promise<URL>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
        const printed = /HFT Desk headless: (\S+)/.exec(stdout);
        if (printed) done(new URL(printed[1]!));
      });
      void exited.then((code) => fail(new Error(`headless exited with ${code}: ${stderr}`)));
    });
    const answer = await probe(url);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    return answer;
  } finally {
    child.kill('SIGKILL');
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
