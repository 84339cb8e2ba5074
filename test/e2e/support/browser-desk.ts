// The whole desk as a user meets it: the real runtime (engine, simulated market, paper broker,
// journal) behind the headless host, and the built UI in headless Chromium.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ExchangeGateway } from '../../../src/main/desk.ts';
import type { EngineHost } from '../../../src/main/engine-host.ts';
import { startHeadlessServer, type HeadlessServer } from '../../../src/main/headless/server.ts';
import { createRuntime } from '../../../src/main/runtime.ts';
import { PassphraseSecretStore } from '../../../src/main/secrets/passphrase-secret-store.ts';
import { FileSettingsStore } from '../../../src/main/settings/file-settings-store.ts';
import { TEST_KDF } from '../../support/test-kdf.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const RESULTS_DIR = join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TOKEN = 'e2e-token-5b1f0c9a';

export interface BrowserDesk {
  page: Page;
  host: EngineHost;
  url: string;
  /** The desk's data folder: settings, keys, journals. */
  dataDir: string;
  close(): Promise<void>;
}

export async function openBrowserDesk(settings: Partial<Settings> = {}, exchanges?: ExchangeGateway): Promise<BrowserDesk> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`No built UI in ${RENDERER_DIR}: run "npm run build" first (npm test does).`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  const dataDir = mkdtempSync(join(tmpdir(), 'hft-desk-e2e-'));
  const store = new FileSettingsStore(dataDir);
  store.save({ ...DEFAULT_SETTINGS, ...settings });
  const secrets = new PassphraseSecretStore({ dataDir, passphrase: 'e2e-key-passphrase', kdf: TEST_KDF });
  const host = await createRuntime({ dataDir, settingsStore: store, secrets, exchanges, log: () => {} });
  let server: HeadlessServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startHeadlessServer({ host, rendererDir: RENDERER_DIR, port: 0, token: TOKEN, log: () => {} });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const url = `${server.url}?token=${TOKEN}`;
    await page.goto(url);
    const openedServer = server;
    const openedBrowser = browser;
    return {
      page,
      host,
      url,
      dataDir,
      async close() {
        await openedBrowser.close();
        await openedServer.close();
        await host.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    await server?.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export function screenshotPath(name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return join(RESULTS_DIR, name);
}
