import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuCommand } from './app-menu.ts';

type Item = MenuItemConstructorOptions;
const submenuOf = (menu: Item[], label: string): Item[] => (menu.find((m) => m.label === label || (m.role === 'help' && label === 'Help'))?.submenu as Item[]) ?? [];
const flat = (menu: Item[]): Item[] => menu.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? flat(m.submenu as Item[]) : [])]);

describe('the application menu', () => {
  it('has File, Edit, View, Trading and Help', () => {
    const menu = menuTemplate({ packaged: true, platform: 'linux', run: () => {} });
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'Trading', 'help']);
  });

  it('puts halt, resume and the kill switch under Trading with their accelerators, and runs what is clicked', () => {
    const ran: MenuCommand[] = [];
    const menu = menuTemplate({ packaged: true, platform: 'linux', run: (command) => ran.push(command) });
    const trading = submenuOf(menu, 'Trading').filter((m) => m.type !== 'separator');
    expect(trading.map((m) => [m.label, m.accelerator])).toEqual([
      ['Halt trading', 'CmdOrCtrl+Shift+H'],
      ['Resume trading…', 'CmdOrCtrl+Shift+R'],
      ['Kill switch…', 'CmdOrCtrl+Shift+K'],
    ]);
    for (const entry of flat(menu)) (entry.click as (() => void) | undefined)?.();
    expect(ran).toEqual(['settings.open', 'view.trade', 'view.backtest', 'halt', 'resume', 'kill-switch', 'help.open', 'logs.open', 'update.install']);
  });

  it('switches views and opens Settings from the keyboard', () => {
    const items = flat(menuTemplate({ packaged: true, platform: 'win32', run: () => {} }));
    const accelerator = (label: string) => items.find((m) => m.label === label)?.accelerator;
    expect([accelerator('Trade'), accelerator('Backtest'), accelerator('Settings…')]).toEqual(['CmdOrCtrl+1', 'CmdOrCtrl+2', 'CmdOrCtrl+,']);
  });

  it('has no developer tools or reload in a packaged build', () => {
    const roles = (packaged: boolean) => flat(menuTemplate({ packaged, platform: 'linux', run: () => {} })).map((m) => m.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('keeps the application menu on macOS, where Quit lives', () => {
    const menu = menuTemplate({ packaged: true, platform: 'darwin', run: () => {} });
    expect(menu[0]?.role).toBe('appMenu');
  });
});
