// The window's renderer crashed or hung: the engine (in the main process) kept its state, so the window
// is reloaded and says what happened. A renderer that keeps crashing cannot show the desk; rather than
// trade unseen, trading is halted.

/** The window's webContents, as far as the watchdog needs it. */
export interface WatchedContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
  on(event: 'unresponsive' | 'responsive' | 'did-finish-load', listener: () => void): unknown;
  isDestroyed(): boolean;
  reload(): void;
  forcefullyCrashRenderer(): void;
}

export interface WatchdogDeps {
  contents: WatchedContents;
  now: () => number;
  /** Halts trading, with the reason. */
  halt: (reason: string) => Promise<void>;
  /** Shows the trader a notice once the reloaded page is up. */
  tell: (level: 'info' | 'error', text: string) => void;
  /** The window is not coming back: a native error box. */
  giveUp: (text: string) => void;
  log: (line: string) => void;
}

/** Crashes within this window count together. */
export const CRASH_WINDOW_MS = 5 * 60_000;
/** This many in the window and the renderer is not reloaded again: trading halts. */
export const MAX_CRASHES = 3;
/** A renderer that does not answer for this long is restarted. */
export const HANG_GRACE_MS = 15_000;

export function watchRenderer(deps: WatchdogDeps): void {
  const { contents } = deps;
  const crashes: number[] = [];
  let pendingNotice: { level: 'info' | 'error'; text: string } | null = null;
  let hang: ReturnType<typeof setTimeout> | null = null;
  let gaveUp = false;

  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || contents.isDestroyed()) return;
    const now = deps.now();
    crashes.push(now);
    while (crashes.length > 0 && now - crashes[0]! > CRASH_WINDOW_MS) crashes.shift();
    deps.log(`The window's renderer stopped (${details.reason}, exit code ${details.exitCode}); ${crashes.length} in the last five minutes.`);
    if (crashes.length >= MAX_CRASHES) {
      if (gaveUp) return;
      gaveUp = true;
      const reason = `The window crashed ${crashes.length} times in five minutes (${details.reason}); trading is halted rather than left running unseen.`;
      void deps.halt(reason).finally(() => deps.giveUp(`${reason} Restart HFT Desk; the account, orders and positions are in the journal.`));
      return;
    }
    pendingNotice = { level: 'error', text: `The window stopped (${details.reason}) and was reloaded. The engine kept running: orders, positions and strategies are as they were.` };
    contents.reload();
  });

  contents.on('did-finish-load', () => {
    if (pendingNotice === null) return;
    deps.tell(pendingNotice.level, pendingNotice.text);
    pendingNotice = null;
  });

  contents.on('unresponsive', () => {
    if (hang !== null) return;
    deps.log(`The window is not responding; it is restarted if it still does not in ${HANG_GRACE_MS / 1000} s.`);
    hang = setTimeout(() => {
      hang = null;
      if (!contents.isDestroyed()) contents.forcefullyCrashRenderer();
    }, HANG_GRACE_MS);
  });

  contents.on('responsive', () => {
    if (hang === null) return;
    clearTimeout(hang);
    hang = null;
    deps.log('The window is responding again.');
  });
}
