// The built Electron main process (out/main/index.js) as a desktop app, on the fake Electron of
// test/security/support: its menu and accelerators driving the engine, the log file, a renderer crash,
// the computer going to sleep, and the window's place saved as it closes. The same bundle a user runs;
// only Electron is a stand-in (its runtime cannot be downloaded here; test/e2e/electron.test.ts runs
// the real one where it exists).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName, CommandResult } from '../../src/shared/contract.ts';
import type { EngineSnapshot } from '../../src/shared/state.ts';
import { BUILT_RENDERER_PAGE, startBuiltMain, type BuiltMain } from '../security/support/built-main.ts';

const APP_URL = pathToFileURL(BUILT_RENDERER_PAGE).href;
let main: BuiltMain;

beforeAll(async () => {
  main = await startBuiltMain({ packaged: true });
});

afterAll(async () => {
  if (main) expect(await main.quit()).toBe(0);
});

async function snapshot(): Promise<EngineSnapshot> {
  const result = (await main.probe('invoke', { contents: 'app-window', frame: 'top', frameUrl: APP_URL }, { command: 'state.snapshot', payload: {} })) as CommandResult<CommandName>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value as EngineSnapshot;
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('the desktop app', () => {
  it('has File, Edit, View, Trading and Help menus, without developer tools in a packaged build', async () => {
    const menu = await main.probe('menu');
    expect(menu.map((m) => m.name)).toEqual(['File', 'editMenu', 'View', 'Trading', 'help']);
    expect(menu.flatMap((m) => m.items.map((i) => i.role))).not.toContain('toggleDevTools');
    const trading = menu.find((m) => m.name === 'Trading')!.items;
    expect(trading.map((i) => `${i.label} ${i.accelerator}`)).toEqual(['Halt trading CmdOrCtrl+Shift+H', 'Resume trading… CmdOrCtrl+Shift+R', 'Kill switch… CmdOrCtrl+Shift+K']);
  });

  it('halts from the menu, and resumes only after the trader confirms', async () => {
    await main.probe('clickMenu', 'Trading', 'Halt trading');
    await eventually(async () => (await snapshot()).risk.state === 'HALTED', 'the halt');
    await main.probe('clickMenu', 'Trading', 'Resume trading…'); // the dialog answers Cancel
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await snapshot()).risk.state).toBe('HALTED');
    await main.probe('answerDialogs', [1]);
    await main.probe('clickMenu', 'Trading', 'Resume trading…');
    await eventually(async () => (await snapshot()).risk.state === 'ACTIVE', 'the resume');
    const { asked } = await main.probe('dialogs');
    expect(asked.map((q) => q.message)).toEqual(['Resume trading?', 'Resume trading?']);
  });

  it('switches views and opens Settings in the window from the menu', async () => {
    await main.probe('clickMenu', 'View', 'Backtest');
    await main.probe('clickMenu', 'File', 'Settings…');
    expect(await main.probe('appEvents')).toEqual(
      expect.arrayContaining([
        { event: 'app.command', payload: { command: 'view.backtest' } },
        { event: 'app.command', payload: { command: 'settings.open' } },
      ]),
    );
  });

  it('writes its log to the logs folder and opens that folder from Help', async () => {
    const file = join(main.dataDir, 'logs', 'main.log');
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\] HFT Desk 0\.0\.0 starting: data in /m);
    await main.probe('clickMenu', 'help', 'Open logs folder');
    expect(await main.probe('openedPaths')).toEqual([join(main.dataDir, 'logs')]);
  });

  it('installs no update while updates are off, and says how to switch them on', async () => {
    await main.probe('clickMenu', 'help', 'Install update');
    expect(await main.probe('appEvents')).toContainEqual({ event: 'app.notice', payload: { level: 'info', text: 'Updates are off: switch them on in Settings to look for a new version.' } });
  });

  it('reloads a crashed window and tells it, once loaded, that the engine kept running', async () => {
    const after = await main.probe('emitContents', 'render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(after.reloads).toBe(1);
    await main.probe('emitContents', 'did-finish-load');
    expect(await main.probe('appEvents')).toContainEqual({ event: 'app.notice', payload: { level: 'error', text: 'The window stopped (crashed) and was reloaded. The engine kept running: orders, positions and strategies are as they were.' } });
    expect((await snapshot()).risk.state).toBe('ACTIVE');
  });

  it('marks every feed stale when the computer sleeps, and trades again after it wakes', async () => {
    await main.probe('power', 'suspend');
    const asleep = await snapshot();
    expect(asleep.risk.staleSymbols.length).toBe(asleep.symbols.length);
    await main.probe('power', 'resume');
    await eventually(async () => (await snapshot()).risk.staleSymbols.length === 0, 'fresh market data after waking');
    // Paper orders are not live: nothing keeps the computer awake.
    expect(await main.probe('blockers')).toBe(0);
  });

  it('saves where the window is as it closes', async () => {
    expect(await main.probe('closeWindow')).toBe(true);
    const saved = JSON.parse(readFileSync(join(main.dataDir, 'window-state.json'), 'utf8')) as { window: { bounds: object; maximized: boolean } };
    expect(saved.window).toEqual({ bounds: { x: 160, y: 20, width: 1600, height: 1000 }, maximized: false });
  });
});
