// Starts the built Electron main bundle in a child process on the fake Electron, and probes it.
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MainProbes, ProbeReply, ProbeRequest } from './built-main-process.ts';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const BUILT_MAIN = join(ROOT, 'out/main/index.js');
export const BUILT_PRELOAD = join(ROOT, 'out/preload/index.cjs');
export const BUILT_RENDERER_PAGE = join(ROOT, 'out/renderer/index.html');

const START_TIMEOUT_MS = 20_000;
const QUIT_TIMEOUT_MS = 10_000;

export interface BuiltMain {
  /** The app's user data folder (removed when it exits). */
  readonly dataDir: string;
  probe<K extends keyof MainProbes>(name: K, ...args: Parameters<MainProbes[K]>): Promise<Awaited<ReturnType<MainProbes[K]>>>;
  /** Quits the app as Electron would on the last window closing; resolves with the exit code. */
  quit(): Promise<number | null>;
}

export interface BuiltMainOptions {
  packaged: boolean;
  /** What electron-vite dev would put in ELECTRON_RENDERER_URL; unset when omitted. */
  rendererUrl?: string;
}

export function requireBuild(): void {
  for (const file of [BUILT_MAIN, BUILT_PRELOAD, BUILT_RENDERER_PAGE]) {
    if (!existsSync(file)) throw new Error(`No ${file}: run \`npx electron-vite build\` first (npm test does).`);
  }
}

export async function startBuiltMain(options: BuiltMainOptions): Promise<BuiltMain> {
  requireBuild();
  const userData = mkdtempSync(join(tmpdir(), 'hft-security-userdata-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BUILT_MAIN,
    FAKE_ELECTRON_USER_DATA: userData,
    FAKE_ELECTRON_PACKAGED: options.packaged ? '1' : '0',
  };
  delete env.ELECTRON_RENDERER_URL;
  if (options.rendererUrl) env.ELECTRON_RENDERER_URL = options.rendererUrl;

  const child = fork(join(import.meta.dirname, 'built-main-process.ts'), [], { env, execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  void exited.then(() => rmSync(userData, { recursive: true, force: true }));

  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  const ready = new Promise<void>((resolveReady, rejectReady) => {
    const timer = setTimeout(() => rejectReady(new Error(`The built main did not start in time:\n${output}`)), START_TIMEOUT_MS);
    void exited.then((code) => {
      clearTimeout(timer);
      rejectReady(new Error(`The built main exited with ${code}:\n${output}`));
      for (const call of pending.values()) call.reject(new Error(`The built main exited with ${code}:\n${output}`));
    });
    child.on('message', (reply: ProbeReply) => {
      if ('ready' in reply) {
        clearTimeout(timer);
        resolveReady();
        return;
      }
      const call = pending.get(reply.id);
      pending.delete(reply.id);
      if ('error' in reply) call?.reject(new Error(reply.error));
      else call?.resolve(reply.value);
    });
  });
  await ready.catch((error: unknown) => {
    child.kill();
    throw error;
  });

  const request = (message: ProbeRequest): void => {
    child.send(message);
  };
  return {
    dataDir: userData,
    probe(name, ...args) {
      const id = nextId++;
      return new Promise((resolveProbe, reject) => {
        pending.set(id, { resolve: resolveProbe as (value: unknown) => void, reject });
        request({ id, probe: name, args });
      });
    },
    async quit() {
      request({ id: nextId++, quit: true });
      const timer = setTimeout(() => child.kill(), QUIT_TIMEOUT_MS);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
