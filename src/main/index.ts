// Electron entry: one instance, one runtime, one sandboxed window talking to it over IPC.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, safeStorage } from 'electron';
import Store from 'electron-store';
import type { EngineHost } from './engine-host.ts';
import { connectIpc } from './ipc.ts';
import { createRuntime } from './runtime.ts';
import { logUnhandledRejections } from './process-guards.ts';
import { createRedactingLog } from './secrets/redact.ts';
import { SafeStorageSecretStore } from './secrets/safe-storage-secret-store.ts';
import { ElectronSettingsStore } from './settings/electron-settings-store.ts';
import { createMainWindow } from './window.ts';

const log = (line: string): void => console.log(line);

/** A packaged app never follows ELECTRON_RENDERER_URL: only electron-vite dev sets it. */
function rendererUrl(): string {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devUrl) return devUrl;
  return pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  // Ciphertext only in keys.json: safeStorage (the OS keychain) holds what decrypts it. Created after
  // 'ready', since on Linux the keyring backend is chosen then.
  const secrets = new SafeStorageSecretStore({
    cipher: safeStorage,
    store: new Store({ name: 'keys', cwd: dataDir, configFileMode: 0o600, accessPropertiesByDotNotation: false }),
  });
  const safeLog = createRedactingLog(log, secrets);
  logUnhandledRejections(safeLog);
  const host = await createRuntime({ dataDir, settingsStore: new ElectronSettingsStore(dataDir), secrets, log: safeLog });
  const appUrl = rendererUrl();
  const window = createMainWindow({ preloadPath: join(import.meta.dirname, '../preload/index.cjs'), appUrl });
  const disconnect = connectIpc({ host, window, appUrl, log: safeLog });

  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  stopOnQuit(host, disconnect);
}

/** Holds the quit until the engine has stopped, so the journal is closed cleanly. */
function stopOnQuit(host: EngineHost, disconnect: () => void): void {
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
