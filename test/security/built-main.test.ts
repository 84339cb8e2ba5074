// The built Electron main process (out/main/index.js) on a fake Electron: the window it opens, the
// guards it installs on that window, and who its IPC handler listens to.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult, CommandName } from '../../src/shared/contract.ts';
import type { EngineSnapshot } from '../../src/shared/state.ts';
import type { IpcSenderSpec } from './support/built-main-process.ts';
import { BUILT_PRELOAD, BUILT_RENDERER_PAGE, startBuiltMain, type BuiltMain } from './support/built-main.ts';

const APP_URL = pathToFileURL(BUILT_RENDERER_PAGE).href;
const FROM_APP_WINDOW: IpcSenderSpec = { contents: 'app-window', frame: 'top', frameUrl: APP_URL };

const FOREIGN_URLS = [
  'https://evil.example/',
  'http://127.0.0.1:7420/?token=x',
  'file:///etc/passwd',
  pathToFileURL(BUILT_RENDERER_PAGE.replace(/index\.html$/, 'other.html')).href,
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
];

describe('built main process, packaged', () => {
  let main: BuiltMain;

  beforeAll(async () => {
    // A packaged app must not follow ELECTRON_RENDERER_URL: only electron-vite dev sets it.
    main = await startBuiltMain({ packaged: true, rendererUrl: 'https://evil.example/' });
  });

  afterAll(async () => {
    if (main) expect(await main.quit()).toBe(0);
  });

  const invoke = (sender: IpcSenderSpec, message: unknown) => main.probe('invoke', sender, message) as Promise<CommandResult<CommandName>>;

  async function riskState(): Promise<string> {
    const result = await invoke(FROM_APP_WINDOW, { command: 'state.snapshot', payload: {} });
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as EngineSnapshot).risk.state;
  }

  it('enables the sandbox for all renderers before it opens its one window', async () => {
    expect((await main.probe('recording')).calls).toEqual(['app.enableSandbox', 'new BrowserWindow']);
  });

  it('opens the window sandboxed and context-isolated, without Node, webviews or relaxed web security', async () => {
    const [window] = (await main.probe('recording')).windows;
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    // Electron's defaults for the rest are the safe ones; the window must not override them.
    expect(prefs.webSecurity ?? true).toBe(true);
    expect(prefs.webviewTag ?? false).toBe(false);
    expect(prefs.allowRunningInsecureContent ?? false).toBe(false);
    expect(prefs.experimentalFeatures ?? false).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames ?? false).toBe(false);
    expect(prefs.nodeIntegrationInWorker ?? false).toBe(false);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it('gives the window the built preload, which exists', async () => {
    const [window] = (await main.probe('recording')).windows;
    expect((window.options.webPreferences as { preload: string }).preload).toBe(BUILT_PRELOAD);
    expect(existsSync(BUILT_PRELOAD)).toBe(true);
  });

  it('loads the built page from disk, ignoring ELECTRON_RENDERER_URL', async () => {
    const [window] = (await main.probe('recording')).windows;
    expect(window.loadedUrls).toEqual([APP_URL]);
  });

  it.each([...FOREIGN_URLS, APP_URL, 'about:blank'])('denies window.open(%s)', async (url) => {
    expect(await main.probe('openWindow', url)).toEqual({ action: 'deny' });
  });

  it.each(FOREIGN_URLS)('keeps the window from navigating to %s', async (url) => {
    expect(await main.probe('navigate', url)).toEqual({ prevented: true });
  });

  it('lets the window reload its own page, with a query or a hash', async () => {
    for (const url of [APP_URL, `${APP_URL}?reload=1`, `${APP_URL}#/orders`]) {
      expect(await main.probe('navigate', url)).toEqual({ prevented: false });
    }
  });

  it('refuses to attach a webview', async () => {
    expect(await main.probe('attachWebview', 'https://evil.example/')).toEqual({ prevented: true });
  });

  it('grants desktop notifications, the one permission the page needs (fills, halts, breaker trips)', async () => {
    expect(await main.probe('requestPermission', 'notifications', APP_URL)).toBe(true);
    expect(await main.probe('checkPermission', 'notifications', APP_URL)).toBe(true);
  });

  it.each(['media', 'geolocation', 'clipboard-read', 'display-capture', 'openExternal', 'hid', 'serial', 'usb', 'idle-detection', 'midi'])(
    'denies the %s permission, asked or checked',
    async (permission) => {
      expect(await main.probe('requestPermission', permission, APP_URL)).toBe(false);
      expect(await main.probe('checkPermission', permission, APP_URL)).toBe(false);
    },
  );

  it('listens for commands on the contract channel only', async () => {
    expect((await main.probe('recording')).invokeChannels).toEqual(['hft:command']);
  });

  it("answers a command from the window's top frame showing the app", async () => {
    const result = await invoke(FROM_APP_WINDOW, { command: 'state.snapshot', payload: {} });
    expect(result.ok).toBe(true);
    expect((result as { value: EngineSnapshot }).value.settings.mode).toBe('paper');
  });

  it('answers a malformed message or an unknown command from the app window with a typed error', async () => {
    expect(await invoke(FROM_APP_WINDOW, 'risk.halt')).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(await invoke(FROM_APP_WINDOW, { command: 'shell.openExternal', payload: {} })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_COMMAND' },
    });
    expect(await riskState()).toBe('ACTIVE');
  });

  it.each<[string, IpcSenderSpec]>([
    ['another webContents showing the app', { contents: 'other', frame: 'top', frameUrl: APP_URL }],
    ['a subframe of the app window', { contents: 'app-window', frame: 'subframe', frameUrl: APP_URL }],
    ['the app window showing a foreign page', { contents: 'app-window', frame: 'top', frameUrl: 'https://evil.example/' }],
    ['the app window showing another local file', { contents: 'app-window', frame: 'top', frameUrl: FOREIGN_URLS[3] }],
    ['a frame that is already gone', { contents: 'app-window', frame: 'gone' }],
  ])('refuses a command from %s and changes nothing', async (_name, sender) => {
    const refused = await invoke(sender, { command: 'risk.halt', payload: { reason: 'from an untrusted frame' } });
    expect(refused).toEqual({ ok: false, error: { code: 'REFUSED', message: 'Commands are only accepted from the HFT Desk window.' } });
    expect(await riskState()).toBe('ACTIVE');
  });

  it('carries out the same command from the app window, so the refusals above were the guard at work', async () => {
    expect(await invoke(FROM_APP_WINDOW, { command: 'risk.halt', payload: { reason: 'trader' } })).toMatchObject({ ok: true });
    expect(await riskState()).toBe('HALTED');
    expect(await invoke(FROM_APP_WINDOW, { command: 'risk.resume', payload: {} })).toMatchObject({ ok: true });
  });
});

describe('built main process, under electron-vite dev', () => {
  const DEV_URL = 'http://localhost:5173/';
  let main: BuiltMain;

  beforeAll(async () => {
    main = await startBuiltMain({ packaged: false, rendererUrl: DEV_URL });
  });

  afterAll(async () => {
    if (main) expect(await main.quit()).toBe(0);
  });

  it('loads the dev server page and stays on its origin', async () => {
    expect((await main.probe('recording')).windows[0].loadedUrls).toEqual([DEV_URL]);
    expect(await main.probe('navigate', 'http://localhost:5173/index.html?reload=1')).toEqual({ prevented: false });
    for (const url of ['http://localhost:5174/', 'https://localhost:5173/', 'http://localhost.evil.example:5173/', APP_URL]) {
      expect(await main.probe('navigate', url)).toEqual({ prevented: true });
    }
  });

  it('takes commands only from a frame on the dev origin', async () => {
    const fromDev = (frameUrl: string): IpcSenderSpec => ({ contents: 'app-window', frame: 'top', frameUrl });
    const snapshot = { command: 'state.snapshot', payload: {} };
    expect(await main.probe('invoke', fromDev(DEV_URL), snapshot)).toMatchObject({ ok: true });
    expect(await main.probe('invoke', fromDev('http://localhost:5174/'), snapshot)).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
  });
});
