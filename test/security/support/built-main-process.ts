// Child process: runs the built main bundle (out/main/index.js) with `electron` resolved to the fake,
// then answers probes from the test over the IPC channel. A process of its own keeps the engine it
// starts, and the module hook, out of the test worker.
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';
import { IPC_COMMAND_CHANNEL } from '../../../src/shared/channels.ts';
import type { WindowOpenResult } from './fake-electron-main.ts';

const FAKE_ELECTRON = new URL('./fake-electron-main.ts', import.meta.url).href;

registerHooks({
  resolve: (specifier, context, nextResolve) =>
    specifier === 'electron' ? { url: FAKE_ELECTRON, shortCircuit: true } : nextResolve(specifier, context),
});

/** Who sends an IPC command: the app window or another webContents, from which frame, showing which URL. */
export interface IpcSenderSpec {
  contents: 'app-window' | 'other';
  frame: 'top' | 'subframe' | 'gone';
  frameUrl?: string;
}

export interface Recording {
  calls: string[];
  windows: Array<{ options: Record<string, unknown>; loadedUrls: string[] }>;
  invokeChannels: string[];
}

/** What the test can ask; each probe drives a handler the app registered, as Electron would call it. */
export interface MainProbes {
  recording(): Recording;
  openWindow(url: string): WindowOpenResult;
  navigate(url: string): { prevented: boolean };
  attachWebview(src: string): { prevented: boolean };
  requestPermission(permission: string, origin: string): Promise<boolean>;
  checkPermission(permission: string, origin: string): boolean;
  invoke(sender: IpcSenderSpec, message: unknown): Promise<unknown>;
  /** The application menu: each top menu's label (or role) and its items' labels, roles and accelerators. */
  menu(): Array<{ name: string; items: Array<{ label?: string; role?: string; accelerator?: string }> }>;
  /** Clicks a menu item by its top menu and label. */
  clickMenu(top: string, label: string): void;
  /** The answers the next message boxes give (button indexes). */
  answerDialogs(responses: number[]): void;
  dialogs(): { asked: Array<{ message: string; buttons: string[] }>; errors: string[] };
  /** Events the app sent the page that are the app's own (app.command, app.notice). */
  appEvents(): unknown[];
  /** Emits an event on the window's webContents, as Electron would. */
  emitContents(event: string, ...args: unknown[]): { reloads: number; crashesForced: number };
  power(event: 'suspend' | 'resume'): void;
  blockers(): number;
  closeWindow(): boolean;
  openedPaths(): string[];
}

export type ProbeRequest = { id: number; probe: keyof MainProbes; args: unknown[] } | { id: number; quit: true };
export type ProbeReply = { ready: true } | { id: number; value: unknown } | { id: number; error: string };

const electron = await import('./fake-electron-main.ts');
const { app, BrowserWindow, FakeWebContents, ipcMain, preventable, calls, Menu, dialog, powerMonitor, powerSaveBlocker, shell } = electron;

const appWindow = (): InstanceType<typeof BrowserWindow> => {
  const [window] = BrowserWindow.created;
  if (!window) throw new Error('The app created no window.');
  return window;
};

const probes: MainProbes = {
  recording: () => ({
    calls: [...calls],
    windows: BrowserWindow.created.map((window) => ({ options: window.options, loadedUrls: window.loadedUrls })),
    invokeChannels: [...ipcMain.handlers.keys()],
  }),

  openWindow(url) {
    const handler = appWindow().webContents.windowOpenHandler;
    if (!handler) return { action: 'allow' };
    return handler({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } });
  },

  navigate(url) {
    const event = preventable({ url, isSameDocument: false, isMainFrame: true, frame: null, initiator: null });
    appWindow().webContents.emit('will-navigate', event, url);
    return { prevented: event.defaultPrevented };
  },

  attachWebview(src) {
    const event = preventable({});
    appWindow().webContents.emit('will-attach-webview', event, { nodeIntegration: false }, { src });
    return { prevented: event.defaultPrevented };
  },

  requestPermission(permission, origin) {
    const contents = appWindow().webContents;
    const handler = contents.session.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(contents, permission, resolve, { requestingUrl: origin, isMainFrame: true }));
  },

  checkPermission(permission, origin) {
    const contents = appWindow().webContents;
    const handler = contents.session.permissionCheckHandler;
    return handler ? handler(contents, permission, origin, { isMainFrame: true }) : true;
  },

  async invoke(spec, message) {
    const handler = ipcMain.handlers.get(IPC_COMMAND_CHANNEL);
    if (!handler) throw new Error(`No handler registered for '${IPC_COMMAND_CHANNEL}'`);
    const sender = spec.contents === 'app-window' ? appWindow().webContents : new FakeWebContents();
    const url = spec.frameUrl ?? '';
    const top = { url, parent: null };
    const senderFrame = spec.frame === 'gone' ? null : spec.frame === 'top' ? top : { url, parent: top };
    return handler({ sender, senderFrame, processId: 1, frameId: 1 }, message);
  },

  menu() {
    return (Menu.applicationMenu?.template ?? []).map((top) => ({
      name: top.label ?? top.role ?? '',
      items: (top.submenu ?? []).filter((item) => item.type !== 'separator').map(({ label, role, accelerator }) => ({ label, role, accelerator })),
    }));
  },

  clickMenu(top, label) {
    const menu = (Menu.applicationMenu?.template ?? []).find((m) => (m.label ?? m.role) === top);
    const item = menu?.submenu?.find((i) => i.label === label);
    if (!item?.click) throw new Error(`No menu item ${top} > ${label}`);
    item.click();
  },

  answerDialogs(responses) {
    dialog.answers.push(...responses);
  },

  dialogs: () => ({ asked: [...dialog.asked], errors: [...dialog.errors] }),

  appEvents: () =>
    appWindow()
      .webContents.sent.map((message) => message.payload as { event: string })
      .filter((event) => event.event.startsWith('app.')),

  emitContents(event, ...args) {
    const contents = appWindow().webContents;
    contents.emit(event, ...args);
    return { reloads: contents.reloads, crashesForced: contents.crashesForced };
  },

  power(event) {
    powerMonitor.emit(event);
  },

  blockers: () => powerSaveBlocker.active.size,

  closeWindow: () => appWindow().close(),

  openedPaths: () => [...shell.opened],
};

const send = (reply: ProbeReply): void => {
  process.send?.(reply);
};

process.on('message', (request: ProbeRequest) => {
  if ('quit' in request) {
    app.quit();
    return;
  }
  const probe = probes[request.probe] as (...args: unknown[]) => unknown;
  Promise.resolve()
    .then(() => probe(...request.args))
    .then(
      (value) => send({ id: request.id, value }),
      (error: unknown) => send({ id: request.id, error: String((error as Error).message ?? error) }),
    );
});

// An orphan would keep its engine running: leave with the test that started it.
process.on('disconnect', () => process.exit(1));

const builtMain = process.env.BUILT_MAIN;
if (!builtMain) throw new Error('BUILT_MAIN names the bundle to run.');
await import(pathToFileURL(builtMain).href);
// The app is up once start() has run to its end, which is where it hooks 'will-quit'.
while (app.listenerCount('will-quit') === 0) await new Promise((resolve) => setTimeout(resolve, 10));
send({ ready: true });
