// The part of Electron's main-process API the built app calls on start, as a recorder: it keeps what the app
// asks for (window options, handlers, listeners) so tests can read it back and drive those handlers.
// Where the app sets no handler, it answers as Electron does by default (popups and permissions allowed),
// so a missing guard shows up as a failing test.
import { EventEmitter } from 'node:events';

export interface PreventableEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function preventable<T extends object>(fields: T): T & PreventableEvent {
  return {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** The order of the app's security-relevant calls, e.g. that the sandbox is enabled before any window. */
export const calls: string[] = [];

type PermissionRequestHandler = (contents: FakeWebContents, permission: string, callback: (granted: boolean) => void, details: object) => void;
type PermissionCheckHandler = (contents: FakeWebContents | null, permission: string, origin: string, details: object) => boolean;

class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
}

export const session = { defaultSession: new FakeSession() };

export interface WindowOpenDetails {
  url: string;
  frameName: string;
  features: string;
  disposition: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
  referrer: { url: string; policy: string };
}
export type WindowOpenResult = { action: 'deny' } | { action: 'allow'; overrideBrowserWindowOptions?: object };

export class FakeWebContents extends EventEmitter {
  /** Every window shares the default session, as in Electron. */
  readonly session = session.defaultSession;
  windowOpenHandler: ((details: WindowOpenDetails) => WindowOpenResult) | null = null;
  /** What the app sent the page, by channel. */
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  reloads = 0;
  crashesForced = 0;

  setWindowOpenHandler(handler: (details: WindowOpenDetails) => WindowOpenResult): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  isDestroyed(): boolean {
    return false;
  }

  reload(): void {
    this.reloads++;
  }

  forcefullyCrashRenderer(): void {
    this.crashesForced++;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    calls.push('new BrowserWindow');
    BrowserWindow.created.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }

  maximized = false;

  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    const { x = 0, y = 0, width = 800, height = 600 } = this.options as Partial<Record<'x' | 'y' | 'width' | 'height', number>>;
    return { x, y, width, height };
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  maximize(): void {
    this.maximized = true;
  }

  isDestroyed(): boolean {
    return false;
  }

  isMinimized(): boolean {
    return false;
  }

  /** As in Electron: 'close' may be prevented, which keeps the window open. */
  close(): boolean {
    const event = preventable({});
    this.emit('close', event);
    return !event.defaultPrevented;
  }
}

type MenuItem = { label?: string; role?: string; accelerator?: string; type?: string; click?: () => void; submenu?: MenuItem[] };

/** The application menu as the app built it: its template, kept for the test to read and click. */
export const Menu = {
  applicationMenu: null as { template: MenuItem[] } | null,
  buildFromTemplate(template: MenuItem[]): { template: MenuItem[] } {
    return { template };
  },
  setApplicationMenu(menu: { template: MenuItem[] } | null): void {
    Menu.applicationMenu = menu;
  },
};

/** Message boxes answer from a queue the test fills (0, the first button, when empty); error boxes are kept. */
export const dialog = {
  answers: [] as number[],
  asked: [] as Array<{ message: string; buttons: string[] }>,
  errors: [] as string[],
  showMessageBox(_window: unknown, options: { message: string; buttons: string[] }): Promise<{ response: number }> {
    dialog.asked.push({ message: options.message, buttons: options.buttons });
    return Promise.resolve({ response: dialog.answers.shift() ?? 0 });
  },
  showErrorBox(_title: string, content: string): void {
    dialog.errors.push(content);
  },
};

/** One full-HD display. */
const DISPLAY = { workArea: { x: 0, y: 0, width: 1920, height: 1040 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
export const screen = {
  getAllDisplays: () => [DISPLAY],
  getPrimaryDisplay: () => DISPLAY,
};

export const powerMonitor = new EventEmitter();

export const powerSaveBlocker = {
  active: new Set<number>(),
  next: 1,
  start(): number {
    const id = powerSaveBlocker.next++;
    powerSaveBlocker.active.add(id);
    return id;
  },
  stop(id: number): void {
    powerSaveBlocker.active.delete(id);
  },
};

export const shell = {
  opened: [] as string[],
  openPath(path: string): Promise<string> {
    shell.opened.push(path);
    return Promise.resolve('');
  },
};

type InvokeHandler = (event: object, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export const ipcMain = new FakeIpcMain();

class FakeApp extends EventEmitter {
  /** Set by the test: a packaged app, or one started from a checkout (where electron-vite dev may run). */
  readonly isPackaged = process.env.FAKE_ELECTRON_PACKAGED === '1';

  getPath(name: string): string {
    const userData = process.env.FAKE_ELECTRON_USER_DATA;
    if (!userData) throw new Error('FAKE_ELECTRON_USER_DATA names the data folder.');
    if (name === 'userData') return userData;
    // Electron's own default on Linux: a logs folder in the user data folder.
    if (name === 'logs') return `${userData}/logs`;
    throw new Error(`The fake Electron knows only userData and logs, not ${name}.`);
  }

  getVersion(): string {
    return '0.0.0';
  }

  requestSingleInstanceLock(): boolean {
    return true;
  }

  enableSandbox(): void {
    calls.push('app.enableSandbox');
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  /** As in Electron: 'will-quit' may be prevented, which cancels the quit. */
  quit(): void {
    const event = preventable({});
    this.emit('will-quit', event);
    if (event.defaultPrevented) return;
    this.emit('quit');
    process.exit(0);
  }

  exit(code = 0): void {
    process.exit(code);
  }
}

export const app = new FakeApp();

/** This machine has no keychain for the fake, so encryption is unavailable, as on a Linux box without one. */
export const safeStorage = {
  isEncryptionAvailable: (): boolean => false,
  getSelectedStorageBackend: (): string => 'unknown',
  encryptString(): Buffer {
    throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
  },
  decryptString(): string {
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
  },
};

// electron-store imports Electron's default export, as Node does for the real CommonJS module.
export default { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, powerSaveBlocker, safeStorage, screen, session, shell };
