import { BrowserWindow } from 'electron';
import { isAppUrl } from './ipc-guard.ts';
import type { Rectangle } from './desktop/window-state.ts';
import { MIN_SIZE } from './desktop/window-state.ts';

export interface MainWindowOptions {
  preloadPath: string;
  /** The renderer page: the dev server URL or the built index.html as a file: URL. */
  appUrl: string;
  /** Where it opens (desktop/window-state.ts has made sure that is on a display). */
  bounds: Rectangle;
  maximized: boolean;
}

/** The one permission the page gets: desktop notifications of fills, halts and the like. */
export const PERMITTED = new Set(['notifications']);

/** A sandboxed window that shows only the app: no popups, no navigating away, no permission but notifications. */
export function createMainWindow({ preloadPath, appUrl, bounds, maximized }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
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

  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, permission, callback) => callback(PERMITTED.has(permission)));
  contents.session.setPermissionCheckHandler((_contents, permission) => PERMITTED.has(permission));

  void window.loadURL(appUrl);
  return window;
}
