// The decisions behind Electron IPC, kept free of Electron so they are unit-tested.
import type { CommandError } from '../shared/contract.ts';

/** True when url shows the app's own page: the same file for file://, the same origin for the dev server. */
export function isAppUrl(url: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  // file: URLs all share the opaque origin "null", so the page itself must match.
  if (app.protocol === 'file:') return target.protocol === 'file:' && target.host === app.host && target.pathname === app.pathname;
  return target.origin === app.origin;
}

export interface IpcSender {
  /** event.senderFrame?.url; null when the frame navigated away or was destroyed before the message was handled. */
  frameUrl: string | null;
  /** The message came from the main window's webContents and from its top frame, not a subframe. */
  isMainWindowTopFrame: boolean;
}

/** Only the main window's top frame, showing the app's own page, may command the engine. */
export function isTrustedSender(sender: IpcSender, appUrl: string): boolean {
  return sender.isMainWindowTopFrame && sender.frameUrl !== null && isAppUrl(sender.frameUrl, appUrl);
}

export type IpcCommand = { ok: true; command: string; payload: unknown } | { ok: false; error: CommandError };

/** The preload sends {command, payload}; anything else is answered with INVALID_PAYLOAD. */
export function readIpcCommand(message: unknown): IpcCommand {
  if (typeof message === 'object' && message !== null && !Array.isArray(message)) {
    const { command, payload } = message as Record<string, unknown>;
    if (typeof command === 'string' && command.length > 0) return { ok: true, command, payload };
  }
  return { ok: false, error: { code: 'INVALID_PAYLOAD', message: 'An IPC command must be {command, payload}.' } };
}
