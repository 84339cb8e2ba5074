// The one store. It holds data only; actions.ts and bridge.ts change it through the pure reducers.
import { create } from 'zustand';
import { initialTerminalState, type TerminalState } from './terminal-state.ts';

export const useTerminal = create<TerminalState>()(() => initialTerminalState);
