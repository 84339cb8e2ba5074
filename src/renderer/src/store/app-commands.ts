// What the desktop app's menu asks of the screen (a view, Settings, the help): one-off gestures handed
// from the bridge to the App component, which owns those choices.
import type { AppCommand } from '../../../shared/contract.ts';

type Listener = (command: AppCommand) => void;

const listeners = new Set<Listener>();

export function sendAppCommand(command: AppCommand): void {
  for (const listener of listeners) listener(command);
}

export function onAppCommand(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
