// The computer's power as the desk must see it: asleep, nothing trades and every feed is stale until the
// venue has been asked what happened (RuntimeHost.sleep / wake); while live orders work, the app keeps
// the computer from suspending itself.
import type { RuntimeHost } from '../engine-host.ts';

/** Electron's powerMonitor, as far as the desk listens to it. */
export interface PowerEvents {
  on(event: 'suspend' | 'resume', listener: () => void): unknown;
}

/** Electron's powerSaveBlocker. */
export interface SuspendBlocker {
  start(type: 'prevent-app-suspension'): number;
  stop(id: number): void;
}

/** How often the desk looks whether live orders are working. */
export const WORKING_CHECK_MS = 2_000;

export function watchPower(deps: { host: Pick<RuntimeHost, 'sleep' | 'wake' | 'liveOrdersWorking'>; monitor: PowerEvents; blocker: SuspendBlocker; log: (line: string) => void; checkEveryMs?: number }): () => void {
  const { host, monitor, blocker, log } = deps;
  monitor.on('suspend', () => host.sleep());
  monitor.on('resume', () => {
    host.wake().catch((error: unknown) => log(`Waking the desk failed: ${(error as Error).message}`));
  });
  let blocking: number | null = null;
  const check = (): void => {
    const working = host.liveOrdersWorking();
    if (working && blocking === null) {
      blocking = blocker.start('prevent-app-suspension');
      log('Live orders are working: the computer is kept from sleeping until none is.');
    } else if (!working && blocking !== null) {
      blocker.stop(blocking);
      blocking = null;
      log('No live order is working: the computer may sleep again.');
    }
  };
  check();
  const timer = setInterval(check, deps.checkEveryMs ?? WORKING_CHECK_MS);
  return () => {
    clearInterval(timer);
    if (blocking !== null) blocker.stop(blocking);
  };
}
