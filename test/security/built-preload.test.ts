// The built preload (out/preload/index.cjs) in a sandboxed preload's shoes: what it may load, and all
// it hands the page.
import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IPC_COMMAND_CHANNEL, IPC_EVENT_CHANNEL } from '../../src/shared/channels.ts';
import type { EngineApi, EngineEvent } from '../../src/shared/contract.ts';
import { BUILT_PRELOAD, requireBuild } from './support/built-main.ts';
import { loadSandboxedPreload, type LoadedPreload } from './support/sandboxed-preload.ts';

const DELTA: EngineEvent = { event: 'state.delta', payload: { seq: 1, ts: 0 } };

describe('built preload', () => {
  let preload: LoadedPreload;
  let api: EngineApi;

  beforeAll(() => requireBuild());

  beforeEach(() => {
    preload = loadSandboxedPreload(BUILT_PRELOAD);
    api = preload.mainWorld.get('api') as EngineApi;
  });

  it('loads under the sandbox, requiring nothing but electron', () => {
    expect(preload.required).toEqual(['electron']);
  });

  it("exposes one key on the page's window, api, so no ipcRenderer, require or process reaches the page", () => {
    expect([...preload.mainWorld.keys()]).toEqual(['api']);
  });

  it("gives window.api exactly the contract's functions, invoke and onEvent", () => {
    expect(Reflect.ownKeys(api).sort()).toEqual(['invoke', 'onEvent']);
    expect([typeof api.invoke, typeof api.onEvent]).toEqual(['function', 'function']);
  });

  it('sends every command on the command channel, whatever name the page passes', async () => {
    const names = fc.oneof(fc.string(), fc.constantFrom(IPC_EVENT_CHANNEL, 'electron-store-get-data', '__proto__', 'hft:command'));
    await fc.assert(
      fc.asyncProperty(names, fc.jsonValue(), async (command, payload) => {
        preload.ipcRenderer.invoked.length = 0;
        await (api.invoke as (command: string, payload: unknown) => Promise<unknown>)(command, payload);
        expect(preload.ipcRenderer.invoked).toEqual([{ channel: IPC_COMMAND_CHANNEL, args: [{ command, payload }] }]);
      }),
      { numRuns: 100 },
    );
  });

  it("hands the page the main process's reply as it is", async () => {
    preload.ipcRenderer.reply = { ok: false, error: { code: 'REFUSED', message: 'no' } };
    expect(await api.invoke('risk.killSwitch', {})).toEqual(preload.ipcRenderer.reply);
  });

  it('gives an event listener the engine event only, never the IPC event that carries ipcRenderer', () => {
    const received: unknown[][] = [];
    api.onEvent((...args: unknown[]) => received.push(args));
    preload.ipcRenderer.emit(IPC_EVENT_CHANNEL, { sender: preload.ipcRenderer, senderId: 0, ports: [] }, DELTA);
    expect(received).toEqual([[DELTA]]);
  });

  it('listens on the event channel only, and onEvent returns an unsubscribe function rather than ipcRenderer', () => {
    const received: EngineEvent[] = [];
    const unsubscribe = api.onEvent((event) => received.push(event));
    expect(preload.ipcRenderer.eventNames()).toEqual([IPC_EVENT_CHANNEL]);
    expect(unsubscribe).not.toBe(preload.ipcRenderer);
    unsubscribe();
    preload.ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, DELTA);
    expect(received).toEqual([]);
    expect(preload.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });
});
