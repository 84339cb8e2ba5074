// `npm run headless` in a child process, as a trader starts it: nothing of the desk's own environment
// but what the test gives, the address read from what it prints.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const MAIN = resolve(import.meta.dirname, '../../src/main/headless/main.ts');

export interface HeadlessProcess {
  /** The address it printed, token included. */
  url: URL;
  /** What it wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then its exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, for a finally block: does nothing once it has exited. */
  kill(): void;
}

export async function startHeadlessProcess(env: Record<string, string>): Promise<HeadlessProcess> {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('HFT_'));
  const child = spawn(process.execPath, [MAIN], { env: { ...Object.fromEntries(inherited), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  try {
    const url = await new Promise<URL>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
        const printed = /HFT Desk headless: (\S+)/.exec(stdout);
        if (printed) done(new URL(printed[1]!));
      });
      void exited.then((code) => fail(new Error(`headless exited with ${code}: ${stderr}`)));
    });
    return {
      url,
      stderr: () => stderr,
      stop: () => {
        child.kill('SIGTERM');
        return exited;
      },
      kill: () => void child.kill('SIGKILL'),
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
