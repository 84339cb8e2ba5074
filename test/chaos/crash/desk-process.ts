// One life of the crash child: started, listened to, killed or stopped, and waited for.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ChildConfig, ChildMessage } from './crash-protocol.ts';

const CHILD = new URL('./crash-child.ts', import.meta.url).pathname;
const STDERR_LINES_KEPT = 40;

export class DeskProcess {
  private readonly child: ChildProcess;
  private readonly stderr: string[] = [];
  private readonly waiters: { match: (m: ChildMessage) => boolean; resolve: (m: ChildMessage) => void }[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Fill keys (`orderId tradeId`) the child's UI was shown in this life. */
  readonly shownFills = new Set<string>();
  readonly riskEvents: { code: string; message: string }[] = [];
  alive = true;

  constructor(config: ChildConfig) {
    this.child = spawn(process.execPath, [CHILD, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.onMessage(JSON.parse(line) as ChildMessage));
    createInterface({ input: this.child.stderr! }).on('line', (line) => {
      this.stderr.push(line);
      if (this.stderr.length > STDERR_LINES_KEPT) this.stderr.shift();
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.alive = false;
        resolve({ code, signal });
      });
    });
  }

  private onMessage(message: ChildMessage): void {
    if (message.type === 'fills') for (const f of message.fills) this.shownFills.add(`${f.orderId} ${f.tradeId}`);
    if (message.type === 'risk') this.riskEvents.push({ code: message.code, message: message.message });
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(message)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    }
  }

  /** Resolves with the first message of the type; fails if the child dies or takes too long. */
  async next<T extends ChildMessage['type']>(type: T, timeoutMs: number): Promise<Extract<ChildMessage, { type: T }>> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const message = new Promise<ChildMessage>((resolve) => this.waiters.push({ match: (m) => m.type === type, resolve }));
    const failure = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no '${type}' from the desk within ${timeoutMs} ms${this.tail()}`)), timeoutMs);
      void this.exited.then((exit) => reject(new Error(`the desk exited (${exit.signal ?? exit.code}) before '${type}'${this.tail()}`)));
    });
    try {
      return (await Promise.race([message, failure])) as Extract<ChildMessage, { type: T }>;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Synchronous, so a venue hook can kill the desk at the exact point it is passing. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.alive) this.child.kill(signal);
  }

  tail(): string {
    return this.stderr.length === 0 ? '' : `; its last log lines:\n${this.stderr.slice(-12).join('\n')}`;
  }
}
