// Electron entry: one instance, one runtime, one sandboxed window talking to it over IPC; around them
// the log file, the menu, the window's place, a watchdog on the renderer, the computer's power and updates.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, dialog, Menu, powerMonitor, powerSaveBlocker, safeStorage, screen, shell, type BrowserWindow } from 'electron';
import electronLog from 'electron-log/node';
import electronUpdater from 'electron-updater';
import Store from 'electron-store';
import type { EngineEvent } from '../shared/contract.ts';
import { IPC_EVENT_CHANNEL } from '../shared/channels.ts';
import { menuTemplate } from './desktop/app-menu.ts';
import { logToFile } from './desktop/log-file.ts';
import { menuActions, type Question } from './desktop/menu-actions.ts';
import { watchPower } from './desktop/power.ts';
import { quitGuard } from './desktop/quit-guard.ts';
import { watchRenderer } from './desktop/renderer-watchdog.ts';
import { UpdateChannel, type Updater } from './desktop/updates.ts';
import { parseSavedWindow, restoredBounds } from './desktop/window-state.ts';
import type { RuntimeHost } from './engine-host.ts';
import { connectIpc } from './ipc.ts';
import { createRuntime } from './runtime.ts';
import { logUnhandledRejections } from './process-guards.ts';
import { createRedactingLog } from './secrets/redact.ts';
import { SafeStorageSecretStore } from './secrets/safe-storage-secret-store.ts';
import { ElectronSettingsStore } from './settings/electron-settings-store.ts';
import { createMainWindow } from './window.ts';

/** A packaged app never follows ELECTRON_RENDERER_URL: only electron-vite dev sets it. */
function rendererUrl(): string {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devUrl) return devUrl;
  return pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const logsDir = app.getPath('logs');
  // Ciphertext only in keys.json: safeStorage (the OS keychain) holds what decrypts it. Created after
  // 'ready', since on Linux the keyring backend is chosen then.
  const secrets = new SafeStorageSecretStore({
    cipher: safeStorage,
    store: new Store({ name: 'keys', cwd: dataDir, configFileMode: 0o600, accessPropertiesByDotNotation: false }),
  });
  // The only way to the log file: through redaction.
  const log = createRedactingLog(logToFile(electronLog, logsDir), secrets);
  logUnhandledRejections(log);
  log(`HFT Desk ${app.getVersion()} starting: data in ${dataDir}, logs in ${logsDir}.`);
  const host = await createRuntime({ dataDir, settingsStore: new ElectronSettingsStore(dataDir), secrets, log });
  const appUrl = rendererUrl();

  const placement = new Store<Record<string, unknown>>({ name: 'window-state', cwd: dataDir });
  const saved = parseSavedWindow(placement.get('window'));
  const window = createMainWindow({
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    appUrl,
    bounds: restoredBounds(saved, screen.getAllDisplays(), screen.getPrimaryDisplay()),
    maximized: saved?.maximized ?? false,
  });
  const disconnect = connectIpc({ host, window, appUrl, log });
  const toWindow = (event: EngineEvent): void => {
    if (!window.webContents.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event);
  };
  const tell = (level: 'info' | 'error', text: string): void => toWindow({ event: 'app.notice', payload: { level, text } });
  const confirm = async (question: Question): Promise<boolean> => {
    const { response } = await dialog.showMessageBox(window, { type: 'question', title: question.title, message: question.message, detail: question.detail, buttons: ['Cancel', question.confirmLabel], defaultId: 0, cancelId: 0 });
    return response === 1;
  };

  const updates = new UpdateChannel({ updater: electronUpdater.autoUpdater as unknown as Updater, packaged: app.isPackaged, liveOrdersWorking: () => host.liveOrdersWorking(), tell, log });
  // The update settings as they are and as they change.
  const stopFollowingSettings = host.subscribe((event) => {
    const settings = event.event === 'state.snapshot' ? event.payload.settings : event.event === 'state.delta' ? event.payload.settings : undefined;
    if (settings) updates.configure(settings.updates);
  });
  const run = menuActions({
    host,
    confirm,
    tell,
    toScreen: (command) => toWindow({ event: 'app.command', payload: { command } }),
    openLogsFolder: () => void shell.openPath(logsDir),
    installUpdate: () => updates.install(),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ packaged: app.isPackaged, platform: process.platform, run: (command) => void run(command) })));
  watchRenderer({
    contents: window.webContents,
    now: Date.now,
    halt: async (reason) => void (await host.handle('risk.halt', { reason })),
    tell,
    giveUp: (text) => dialog.showErrorBox('HFT Desk', text),
    log,
  });
  const stopPower = watchPower({ host, monitor: powerMonitor, blocker: powerSaveBlocker, log });
  keepPlacement(window, placement);
  const mayClose = quitGuard({ liveOrdersWorking: () => host.liveOrdersWorking(), confirm, retry: () => window.close() });
  window.on('close', (event) => {
    if (!mayClose()) event.preventDefault();
  });

  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  stopOnQuit(host, () => {
    stopPower();
    stopFollowingSettings();
    updates.stop();
    disconnect();
  }, log);
}

/** Where the window is and whether it is maximised, saved as it closes. */
function keepPlacement(window: BrowserWindow, placement: Store<Record<string, unknown>>): void {
  window.on('close', () => placement.set('window', { bounds: window.getNormalBounds(), maximized: window.isMaximized() }));
}

/** Holds the quit until the engine has stopped, so the journal is closed cleanly. */
function stopOnQuit(host: RuntimeHost, disconnect: () => void, log: (line: string) => void): void {
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    disconnect();
    host
      .stop()
      .catch((error: unknown) => log(`Stopping the engine failed: ${(error as Error).message}`))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
}

if (!app.requestSingleInstanceLock()) {
  // Two instances would share one journal and one account: the second one leaves.
  app.quit();
} else {
  app.enableSandbox();
  // An engine with no window would keep trading unseen, so closing the window quits on every platform.
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error(`HFT Desk could not start: ${(error as Error).message}`);
      app.exit(1);
    });
}
