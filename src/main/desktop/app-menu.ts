// The application menu: File, Edit, View, Trading, Help, with the accelerators a trader reaches for.
// A template only (no Electron calls), so it can be read and tested without the runtime.
import type { MenuItemConstructorOptions } from 'electron';

/** What a menu item asks for; menu-actions.ts carries it out. */
export type MenuCommand = 'view.trade' | 'view.backtest' | 'settings.open' | 'help.open' | 'halt' | 'resume' | 'kill-switch' | 'logs.open' | 'update.install';

export interface MenuOptions {
  /** A packaged build has no developer tools and no reload that drops the window's state. */
  packaged: boolean;
  platform: NodeJS.Platform;
  run: (command: MenuCommand) => void;
}

export const ACCELERATORS: Record<MenuCommand, string | undefined> = {
  'view.trade': 'CmdOrCtrl+1',
  'view.backtest': 'CmdOrCtrl+2',
  'settings.open': 'CmdOrCtrl+,',
  'help.open': 'F1',
  halt: 'CmdOrCtrl+Shift+H',
  resume: 'CmdOrCtrl+Shift+R',
  'kill-switch': 'CmdOrCtrl+Shift+K',
  'logs.open': undefined,
  'update.install': undefined,
};

export function menuTemplate({ packaged, platform, run }: MenuOptions): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommand): MenuItemConstructorOptions => ({ label, accelerator: ACCELERATORS[command], click: () => run(command) });
  const mac = platform === 'darwin';
  const developer: MenuItemConstructorOptions[] = packaged ? [] : [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }];
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: 'File', submenu: [item('Settings…', 'settings.open'), { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [item('Trade', 'view.trade'), item('Backtest', 'view.backtest'), { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }, ...developer],
    },
    { label: 'Trading', submenu: [item('Halt trading', 'halt'), item('Resume trading…', 'resume'), { type: 'separator' }, item('Kill switch…', 'kill-switch')] },
    { role: 'help', submenu: [item('Getting started and shortcuts', 'help.open'), item('Open logs folder', 'logs.open'), { type: 'separator' }, item('Install update', 'update.install')] },
  ];
}
