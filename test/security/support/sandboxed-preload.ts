// Runs the built preload (out/preload/index.cjs) the way Electron runs a sandboxed one: in a context of
// its own, with the limited require a sandboxed preload gets, against a recording contextBridge and
// ipcRenderer. What the preload exposes is what the page's window would receive.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createContext, runInContext } from 'node:vm';

/** What Electron's sandboxed preload require() can load; anything else throws, as in Electron. */
const SANDBOX_NODE_MODULES = new Set(['events', 'timers', 'url', 'node:events', 'node:timers', 'node:url']);

export interface RecordingIpcRenderer extends EventEmitter {
  invoked: Array<{ channel: string; args: unknown[] }>;
  /** What the main process answers to every invoke. */
  reply: unknown;
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

export interface LoadedPreload {
  /** Every key exposed on the page's window, with its value. */
  mainWorld: Map<string, unknown>;
  ipcRenderer: RecordingIpcRenderer;
  /** Modules the preload asked require() for. */
  required: string[];
}

export function loadSandboxedPreload(file: string): LoadedPreload {
  const mainWorld = new Map<string, unknown>();
  const required: string[] = [];
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoked: [] as Array<{ channel: string; args: unknown[] }>,
    reply: undefined as unknown,
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      ipcRenderer.invoked.push({ channel, args });
      return Promise.resolve(ipcRenderer.reply);
    },
  });
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown): void {
      if (mainWorld.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
      mainWorld.set(key, api);
    },
  };
  const electron = { contextBridge, ipcRenderer, webFrame: {}, crashReporter: {}, nativeImage: {}, webUtils: {} };
  const nodeRequire = createRequire(import.meta.url);
  const sandboxRequire = (id: string): unknown => {
    required.push(id);
    if (id === 'electron' || id === 'electron/renderer') return electron;
    if (SANDBOX_NODE_MODULES.has(id)) return nodeRequire(id);
    throw new Error(`module not found: ${id}`);
  };

  const module = { exports: {} };
  const wrapper = `(function (exports, require, module, __filename, __dirname) {\n${readFileSync(file, 'utf8')}\n})`;
  // The preload's own globals: no Node beyond what the sandbox polyfills.
  const context = createContext({ Buffer, setImmediate, clearImmediate, process: { type: 'renderer', sandboxed: true, contextIsolated: true } });
  const run = runInContext(wrapper, context, { filename: file }) as (...args: unknown[]) => void;
  run(module.exports, sandboxRequire, module, file, '.');
  return { mainWorld, ipcRenderer, required };
}
