// What the desktop app's menu asks of the screen (a view, Settings, the help): one-off gestures handed
// from the bridge to the App component, which owns those choices.
import type { AppCommand } from '../../../shared/contract.ts';
import { createChannel } from './channel.ts';

const appCommands = createChannel<AppCommand>();

export const sendAppCommand = appCommands.send;
export const onAppCommand = appCommands.listen;
