// Exchange, API-key and mode commands. Key material passes straight through to the engine: these
// functions never write a request into the store, storage or a log; only the engine's KeyStatus
// (masked key, storage kind) is kept.
import type { CommandRequest, CommandResult } from '../../../shared/contract.ts';
import type { ApiKeys, ExchangeSettings } from '../../../shared/exchange.ts';
import type { TradingMode } from '../../../shared/trading.ts';
import { updateSettings } from './actions.ts';
import { engine } from './engine.ts';
import { setExchangeList, setKeyStatus } from './reducers.ts';
import { useTerminal } from './store.ts';

export async function loadExchanges(): Promise<CommandResult<'exchanges.list'>> {
  const result = await engine.invoke('exchanges.list', {});
  if (result.ok) {
    const list = result.value;
    useTerminal.setState((s) => setExchangeList(s, list));
  }
  return result;
}

function withKeyStatus<C extends 'keys.status' | 'keys.set' | 'keys.delete'>(result: CommandResult<C>): CommandResult<C> {
  if (result.ok) {
    const status = result.value;
    useTerminal.setState((s) => setKeyStatus(s, status));
  }
  return result;
}

export async function loadKeyStatus(exchangeId: string): Promise<CommandResult<'keys.status'>> {
  return withKeyStatus(await engine.invoke('keys.status', { exchangeId }));
}

/** Sends the keys to the engine for encrypted storage; the caller drops its copy right away. */
export async function saveKeys(keys: ApiKeys): Promise<CommandResult<'keys.set'>> {
  return withKeyStatus(await engine.invoke('keys.set', keys));
}

export async function deleteKeys(exchangeId: string): Promise<CommandResult<'keys.delete'>> {
  return withKeyStatus(await engine.invoke('keys.delete', { exchangeId }));
}

/** Fetches the balance with the stored keys; the answer is for the form, not the store. */
/** Tests `keys` when given (typed, not saved), the stored keys otherwise. */
export function testConnection(exchangeId: string, testnet: boolean, keys?: CommandRequest<'keys.test'>['keys']): Promise<CommandResult<'keys.test'>> {
  return engine.invoke('keys.test', { exchangeId, testnet, ...(keys ? { keys } : {}) });
}

export function saveExchange(exchange: ExchangeSettings | null): Promise<CommandResult<'settings.update'>> {
  return updateSettings({ exchange });
}

/** The engine follows a successful switch with a fresh snapshot of the new mode's engine. */
export async function switchMode(mode: TradingMode, confirmLive = false): Promise<CommandResult<'mode.switch'>> {
  const result = await engine.invoke('mode.switch', mode === 'live' ? { mode, confirmLive } : { mode });
  if (result.ok) {
    const settings = result.value;
    useTerminal.setState((s) => ({ ...s, settings }));
  }
  return result;
}
