// The desktop app end to end: launches the built app (out/main/index.js) in real Electron.
// Runs wherever the Electron binary is installed; skipped, with the reason printed, where it is not.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { build, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builderConfig } from '../../scripts/packaging/builder-config.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

/**
 * The binary the electron package would run. Mirrors its index.js instead of requiring it, because
 * requiring 'electron' from Node starts a download when the binary is missing.
 */
function findElectronBinary(): { path: string } | { missing: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: `Electron binary not installed (no ${pathFile})` };
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist'), readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? { path: binary } : { missing: `Electron binary not installed (no ${binary})` };
}

const electron = findElectronBinary();
if ('missing' in electron) console.warn(`Electron e2e skipped: ${electron.missing}`);

describe.skipIf('missing' in electron)('desktop app', () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  beforeAll(async () => {
    if (!('path' in electron)) return;
    if (!existsSync(join(repoRoot, 'out/main/index.js'))) throw new Error('No built app: run `npx electron-vite build` first.');
    userData = mkdtempSync(join(tmpdir(), 'hft-e2e-userdata-'));
    // The built renderer, not a dev server, and a throwaway profile so no real journal is touched.
    const env = Object.fromEntries(
      Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'ELECTRON_RENDERER_URL'),
    );
    app = await _electron.launch({ executablePath: electron.path, args: ['.', `--user-data-dir=${userData}`], cwd: repoRoot, env });
    page = await app.firstWindow();
  });

  afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('shows the PAPER mode badge', async () => {
    await expect.poll(() => page.getByTestId('mode-badge').innerText(), { timeout: 15_000 }).toBe('PAPER');
  });

  it('exposes only invoke and onEvent as window.api, and no Node globals', async () => {
    const exposed = await page.evaluate(() => {
      const scope = globalThis as unknown as Record<string, unknown>;
      const globals = ['require', 'process', 'module', 'Buffer', 'global', 'ipcRenderer'].map((name) => typeof scope[name]);
      return { api: Object.keys(scope.api ?? {}).sort(), globals };
    });
    expect(exposed).toEqual({ api: ['invoke', 'onEvent'], globals: Array(6).fill('undefined') });
  });

  it('opens no popup and refuses eval', async () => {
    const outcome = await page.evaluate(async () => {
      const popup = window.open('https://evil.example/');
      // From a timer: DevTools lets code it evaluates directly use eval, the page's own code may not.
      const evalError = await new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            (0, eval)('1');
            resolve('eval ran');
          } catch (error) {
            resolve((error as Error).name);
          }
        }),
      );
      return { popup: popup === null, evalError };
    });
    expect(outcome).toEqual({ popup: true, evalError: 'EvalError' });
    expect(app.windows()).toHaveLength(1);
  });

  it('answers a command from the page over IPC', async () => {
    const mode = await page.evaluate(async () => {
      const api = (globalThis as unknown as { api: { invoke(command: string, payload: object): Promise<unknown> } }).api;
      const result = (await api.invoke('state.snapshot', {})) as { ok: boolean; value?: { settings: { mode: string } } };
      return result.ok ? result.value?.settings.mode : 'failed';
    });
    expect(mode).toBe('paper');
  });

  it('stays on its own page when the page tries to navigate away', async () => {
    const appUrl = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://evil.example/';
    });
    // A navigation that went through would have replaced the page, and the badge with it.
    await expect.poll(() => page.getByTestId('mode-badge').innerText(), { timeout: 5_000 }).toBe('PAPER');
    expect(page.url()).toBe(appUrl);
  });

  it('has the Trading menu with its accelerators, and halts from it', async () => {
    const trading = await app.evaluate(({ Menu }) => {
      const menu = Menu.getApplicationMenu()?.items.find((item) => item.label === 'Trading');
      return menu?.submenu?.items.filter((item) => item.type !== 'separator').map((item) => `${item.label} ${item.accelerator ?? ''}`) ?? [];
    });
    expect(trading).toEqual(['Halt trading CmdOrCtrl+Shift+H', 'Resume trading… CmdOrCtrl+Shift+R', 'Kill switch… CmdOrCtrl+Shift+K']);
    await app.evaluate(({ Menu }) => {
      const menu = Menu.getApplicationMenu()?.items.find((item) => item.label === 'Trading');
      menu?.submenu?.items.find((item) => item.label === 'Halt trading')?.click();
    });
    await expect.poll(() => page.getByTestId('risk-state').innerText(), { timeout: 5_000 }).toBe('HALTED');
  });

  it('writes its log file in the logs folder', async () => {
    const logs = await app.evaluate(({ app: electronApp }) => electronApp.getPath('logs'));
    await expect.poll(() => existsSync(join(logs, 'main.log'))).toBe(true);
    expect(readFileSync(join(logs, 'main.log'), 'utf8')).toMatch(/HFT Desk .* starting: data in /);
  });
});

// The unpacked Linux build is what this machine can pack and run; other systems run the source build above.
const packagedSkipped = 'missing' in electron || process.platform !== 'linux';
if (!('missing' in electron) && packagedSkipped) console.warn(`Packaged-app e2e skipped: it packs and runs the Linux build, and this is ${process.platform}`);

describe.skipIf(packagedSkipped)('the packaged desktop app', () => {
  let app: ElectronApplication | undefined;
  let work: string;

  afterAll(async () => {
    await app?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs around the real Electron runtime and starts from its app.asar in paper mode', { timeout: 180_000 }, async () => {
    if (!('path' in electron)) return;
    work = mkdtempSync(join(tmpdir(), 'hft-e2e-packaged-'));
    const config = builderConfig({});
    await build({
      projectDir: repoRoot,
      targets: Platform.LINUX.createTarget('dir'),
      config: { ...config, electronDist: dirname(electron.path), directories: { ...config.directories, output: join(work, 'dist') } },
      publish: 'never',
    });
    const userData = join(work, 'user-data');
    app = await _electron.launch({ executablePath: join(work, 'dist', 'linux-unpacked', 'hft-desk'), args: [`--user-data-dir=${userData}`] });
    const page = await app.firstWindow();
    await expect.poll(() => page.getByTestId('mode-badge').innerText(), { timeout: 20_000 }).toBe('PAPER');
    expect(await app.evaluate(({ app: electronApp }) => electronApp.isPackaged)).toBe(true);
  });
});
