// The desktop app's glue against a real paper runtime, with stand-ins for Electron's objects (a window's
// contents, powerMonitor, powerSaveBlocker), which need the Electron runtime.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppCommand } from '../../shared/contract.ts';
import type { EngineSnapshot } from '../../shared/state.ts';
import type { RuntimeHost } from '../engine-host.ts';
import { createRuntime } from '../runtime.ts';
import { PassphraseSecretStore } from '../secrets/passphrase-secret-store.ts';
import { FileSettingsStore } from '../settings/file-settings-store.ts';
import { KILL_SWITCH_QUESTION, menuActions, RESUME_QUESTION, type Question } from './menu-actions.ts';
import { watchPower } from './power.ts';
import { quitGuard, QUIT_WITH_LIVE_ORDERS } from './quit-guard.ts';
import { CRASH_WINDOW_MS, HANG_GRACE_MS, watchRenderer } from './renderer-watchdog.ts';

let dir: string;
let host: RuntimeHost;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hft-desktop-'));
  host = await createRuntime({ dataDir: dir, settingsStore: new FileSettingsStore(dir), secrets: new PassphraseSecretStore({ dataDir: dir, passphrase: undefined }), log: () => undefined });
});

afterEach(async () => {
  vi.useRealTimers();
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function risk(): Promise<EngineSnapshot['risk']> {
  const result = await host.handle('state.snapshot', {});
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as EngineSnapshot).risk;
}

describe('the menu', () => {
  it('halts at once, and resumes or fires the kill switch only when the trader says yes', async () => {
    const asked: Question[] = [];
    let answer = false;
    const told: string[] = [];
    const screen: AppCommand[] = [];
    const run = menuActions({ host, confirm: async (q) => (asked.push(q), answer), tell: (_level, text) => told.push(text), toScreen: (c) => screen.push(c), openLogsFolder: () => {}, installUpdate: () => {} });

    await run('halt');
    expect((await risk()).state).toBe('HALTED');
    await run('resume');
    expect(asked).toEqual([RESUME_QUESTION]);
    expect((await risk()).state).toBe('HALTED');
    answer = true;
    await run('resume');
    expect((await risk()).state).toBe('ACTIVE');
    await run('kill-switch');
    expect(asked.at(-1)).toEqual(KILL_SWITCH_QUESTION);
    expect(await risk()).toMatchObject({ state: 'HALTED', reasonCode: 'KILL_SWITCH' });
    expect(told).toEqual(['Trading halted from the menu.', 'Trading resumed.', 'Kill switch engaged: orders cancelled, positions closing, trading halted.']);

    await run('view.backtest');
    await run('settings.open');
    expect(screen).toEqual(['view.backtest', 'settings.open']);
  });
});

/** A window's contents as the watchdog sees them: events in, reloads and forced crashes out. */
class StandInContents extends EventEmitter {
  reloads = 0;
  crashesForced = 0;
  isDestroyed = (): boolean => false;
  reload(): void {
    this.reloads++;
  }
  forcefullyCrashRenderer(): void {
    this.crashesForced++;
  }
  crash(reason = 'crashed'): void {
    this.emit('render-process-gone', {}, { reason, exitCode: 133 });
  }
}

describe('the window when its renderer fails', () => {
  function watched(now: () => number) {
    const contents = new StandInContents();
    const told: string[] = [];
    const gaveUp: string[] = [];
    watchRenderer({
      contents,
      now,
      halt: async (reason) => {
        await host.handle('risk.halt', { reason });
      },
      tell: (_level, text) => told.push(text),
      giveUp: (text) => gaveUp.push(text),
      log: () => {},
    });
    return { contents, told, gaveUp };
  }

  it('reloads a crashed renderer and, once the page is up, says the engine kept running', async () => {
    const { contents, told } = watched(() => 1_000);
    contents.crash('oom');
    expect(contents.reloads).toBe(1);
    expect(told).toEqual([]);
    contents.emit('did-finish-load');
    expect(told).toEqual(['The window stopped (oom) and was reloaded. The engine kept running: orders, positions and strategies are as they were.']);
    expect((await risk()).state).toBe('ACTIVE');
  });

  it('halts trading rather than trade unseen when the window crashes three times in five minutes', async () => {
    let now = 0;
    const { contents, gaveUp } = watched(() => now);
    contents.crash();
    now += CRASH_WINDOW_MS + 1; // an old crash no longer counts
    contents.crash();
    now += 1_000;
    contents.crash();
    expect(contents.reloads).toBe(3);
    expect((await risk()).state).toBe('ACTIVE');
    now += 1_000;
    contents.crash();
    await vi.waitFor(() => expect(gaveUp).toHaveLength(1));
    expect(contents.reloads).toBe(3);
    expect(await risk()).toMatchObject({ state: 'HALTED' });
    expect((await risk()).reason).toMatch(/The window crashed 3 times in five minutes/);
  });

  it('restarts a renderer that stops answering for the grace period, and leaves one that answers again', () => {
    vi.useFakeTimers();
    const { contents } = watched(() => Date.now());
    contents.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS - 1);
    contents.emit('responsive');
    vi.advanceTimersByTime(HANG_GRACE_MS);
    expect(contents.crashesForced).toBe(0);
    contents.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS);
    expect(contents.crashesForced).toBe(1);
  });
});

describe('the computer’s power', () => {
  it('puts the desk to sleep and wakes it with the system, and keeps the computer awake only while live orders work', async () => {
    const monitor = new EventEmitter();
    const blocks: string[] = [];
    let working = false;
    const calls: string[] = [];
    const stop = watchPower({
      host: { sleep: () => calls.push('sleep'), wake: async () => void calls.push('wake'), liveOrdersWorking: () => working },
      monitor,
      blocker: { start: () => (blocks.push('start'), 7), stop: (id) => blocks.push(`stop ${id}`) },
      log: () => {},
      checkEveryMs: 10,
    });
    monitor.emit('suspend');
    monitor.emit('resume');
    expect(calls).toEqual(['sleep', 'wake']);
    expect(blocks).toEqual([]);
    working = true;
    await vi.waitFor(() => expect(blocks).toEqual(['start']));
    working = false;
    await vi.waitFor(() => expect(blocks).toEqual(['start', 'stop 7']));
    stop();
  });

  it('sleeps a real paper desk: every symbol stale and a ticket order refused until it wakes', async () => {
    await vi.waitFor(async () => {
      const result = await host.handle('state.snapshot', {});
      expect(result.ok && Object.keys((result.value as EngineSnapshot).tickers).length).toBeGreaterThan(0);
    }, { timeout: 5_000 });
    host.sleep();
    const stale = await risk();
    expect(stale.staleSymbols.length).toBeGreaterThan(0);
    const refused = await host.handle('order.place', { symbol: stale.staleSymbols[0]!, side: 'buy', type: 'market', size: 0.01 });
    expect(refused.ok ? 'sent' : refused.error.code).toBe('STALE_FEED');
    await host.wake();
    await vi.waitFor(async () => expect((await risk()).staleSymbols).toEqual([]), { timeout: 5_000 });
  });
});

describe('quitting', () => {
  it('asks before quitting with live orders working, and quits on a yes', async () => {
    let working = true;
    const asked: Question[] = [];
    let retried = 0;
    let answer: (yes: boolean) => void = () => {};
    const mayClose = quitGuard({ liveOrdersWorking: () => working, confirm: (q) => (asked.push(q), new Promise((resolve) => (answer = resolve))), retry: () => retried++ });
    expect(mayClose()).toBe(false);
    expect(mayClose()).toBe(false); // one question at a time
    expect(asked).toEqual([QUIT_WITH_LIVE_ORDERS]);
    answer(true);
    await vi.waitFor(() => expect(retried).toBe(1));
    expect(mayClose()).toBe(true);

    const calm = quitGuard({ liveOrdersWorking: () => (working = false), confirm: async () => false, retry: () => {} });
    expect(calm()).toBe(true);
  });
});
