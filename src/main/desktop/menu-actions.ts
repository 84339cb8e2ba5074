// What the menu's commands do. Halting is immediate; resuming and the kill switch ask first, as their
// buttons do. Views, Settings and the help are the screen's: they go to the renderer as app commands.
import type { AppCommand } from '../../shared/contract.ts';
import { KILL_SWITCH_EFFECT } from '../../shared/risk.ts';
import type { EngineHost } from '../engine-host.ts';
import type { MenuCommand } from './app-menu.ts';

export interface Question {
  title: string;
  message: string;
  detail: string;
  confirmLabel: string;
}

export interface MenuActionDeps {
  host: EngineHost;
  /** Asks the trader (a native dialog in the app); true to go ahead. */
  confirm: (question: Question) => Promise<boolean>;
  /** Tells the trader the outcome (a notice on the screen). */
  tell: (level: 'info' | 'error', text: string) => void;
  toScreen: (command: AppCommand) => void;
  openLogsFolder: () => void;
  installUpdate: () => void;
}

export const RESUME_QUESTION: Question = {
  title: 'Resume trading',
  message: 'Resume trading?',
  detail: 'Strategies that are switched on start placing orders again, within the risk limits.',
  confirmLabel: 'Resume',
};

export const KILL_SWITCH_QUESTION: Question = {
  title: 'Kill switch',
  message: 'Cancel every order, close every position and halt?',
  detail: KILL_SWITCH_EFFECT,
  confirmLabel: 'Cancel all & flatten',
};

export function menuActions(deps: MenuActionDeps): (command: MenuCommand) => Promise<void> {
  const outcome = (done: string, result: Awaited<ReturnType<EngineHost['handle']>>): void => {
    if (result.ok) deps.tell('info', done);
    else deps.tell('error', result.error.message);
  };
  return async (command) => {
    switch (command) {
      case 'view.trade':
      case 'view.backtest':
      case 'settings.open':
      case 'help.open':
        return deps.toScreen(command);
      case 'logs.open':
        return deps.openLogsFolder();
      case 'update.install':
        return deps.installUpdate();
      case 'halt':
        return outcome('Trading halted from the menu.', await deps.host.handle('risk.halt', { reason: 'Halted from the menu' }));
      case 'resume':
        if (await deps.confirm(RESUME_QUESTION)) outcome('Trading resumed.', await deps.host.handle('risk.resume', {}));
        return;
      case 'kill-switch':
        if (await deps.confirm(KILL_SWITCH_QUESTION)) outcome('Kill switch engaged: orders cancelled, positions closing, trading halted.', await deps.host.handle('risk.killSwitch', {}));
        return;
    }
  };
}
