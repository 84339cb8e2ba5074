import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_COMMAND_CHANNEL, IPC_EVENT_CHANNEL, type CommandName, type CommandResult } from '../shared/contract.ts';
import type { EngineHost } from './engine-host.ts';
import { isTrustedSender, readIpcCommand } from './ipc-guard.ts';

export interface IpcOptions {
  host: EngineHost;
  window: BrowserWindow;
  appUrl: string;
  log: (line: string) => void;
}

/**
 * Commands from the window's trusted top frame go to the engine; engine events go to the window.
 * Every page load gets its own subscription, so a reload starts from a fresh snapshot. Returns a disposer.
 */
export function connectIpc({ host, window, appUrl, log }: IpcOptions): () => void {
  const contents = window.webContents;

  ipcMain.handle(IPC_COMMAND_CHANNEL, async (event: IpcMainInvokeEvent, message: unknown): Promise<CommandResult<CommandName>> => {
    const frame = event.senderFrame;
    const sender = { frameUrl: frame?.url ?? null, isMainWindowTopFrame: event.sender === contents && frame?.parent === null };
    if (!isTrustedSender(sender, appUrl)) {
      log(`IPC: refused a command from an untrusted frame (${sender.frameUrl ?? 'frame gone'})`);
      return { ok: false, error: { code: 'REFUSED', message: 'Commands are only accepted from the HFT Desk window.' } };
    }
    const request = readIpcCommand(message);
    if (!request.ok) return request;
    try {
      return await host.handle(request.command, request.payload);
    } catch (error) {
      log(`IPC: ${request.command} failed: ${(error as Error).message}`);
      return { ok: false, error: { code: 'INTERNAL', message: `The engine failed while handling ${request.command}.` } };
    }
  });

  let unsubscribe: (() => void) | null = null;
  const stopEvents = (): void => {
    unsubscribe?.();
    unsubscribe = null;
  };
  const startEvents = (): void => {
    stopEvents();
    unsubscribe = host.subscribe((event) => {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
    });
  };
  contents.on('did-finish-load', startEvents);
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) stopEvents();
  });
  contents.on('render-process-gone', stopEvents);
  contents.on('destroyed', stopEvents);

  return () => {
    stopEvents();
    ipcMain.removeHandler(IPC_COMMAND_CHANNEL);
  };
}
