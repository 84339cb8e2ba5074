import { BrowserWindow } from 'electron';
import { isAppUrl } from './ipc-guard.ts';

export interface MainWindowOptions {
  preloadPath: string;
  /** The renderer page: the dev server URL or the built index.html as a file: URL. */
  appUrl: string;
}

/** A sandboxed window that shows only the app: no popups, no navigating away, no permissions. */
export function createMainWindow({ preloadPath, appUrl }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1600,
    height: 1000,
    minWidth: 1024,
    minHeight: 640,
    title: 'HFT Desk',
    backgroundColor: '#0b0e13',
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const contents = window.webContents;

  window.once('ready-to-show', () => window.show());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);

  void window.loadURL(appUrl);
  return window;
}
