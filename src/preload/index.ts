// Sandboxed preload (built as CJS): window.api is the EngineApi and nothing more; no ipcRenderer leaks.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_COMMAND_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/channels.ts';
import type { EngineApi, EngineEvent } from '../shared/contract.ts';

const api: EngineApi = {
  invoke: (command, payload) => ipcRenderer.invoke(IPC_COMMAND_CHANNEL, { command, payload }),
  onEvent(listener) {
    // Wrapped so the page never sees the IpcRendererEvent (it carries the sender).
    const forward = (_event: IpcRendererEvent, engineEvent: EngineEvent): void => listener(engineEvent);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
