// Values derived from the store that several panels read the same way.
import type { TradingMode } from '../../../shared/trading.ts';
import type { TerminalState } from './terminal-state.ts';

/** The mode the account trades in: the account's own word first, the saved setting until it lands. */
export function selectMode(state: TerminalState): TradingMode | null {
  return state.portfolio.account?.mode ?? state.settings?.mode ?? null;
}
