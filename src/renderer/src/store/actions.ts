// Everything the UI can ask of the engine. Each action returns the CommandResult so the calling
// form can show the engine's answer, and folds successful answers into the store straight away
// (the matching delta may come later, and some changes have no delta at all).
import type { CommandName, CommandRequest, CommandResult } from '../../../shared/contract.ts';
import type { Timeframe } from '../../../shared/market.ts';
import type { Focus } from '../../../shared/state.ts';
import { engine } from './engine.ts';
import { applyFocus, applySnapshot, removeStrategy as removeStrategyFromState, upsertOrder, upsertStrategy } from './reducers.ts';
import { useTerminal } from './store.ts';

let focusRequest = 0;
let wantedFocus: Focus | null = null;

/** The focus the user last picked, re-sent after a reconnect lands on a different one. */
export function desiredFocus(): Focus | null {
  return wantedFocus;
}

export async function focus(symbol: string, timeframe: Timeframe): Promise<CommandResult<'view.focus'>> {
  wantedFocus = { symbol, timeframe };
  const request = ++focusRequest;
  const result = await engine.invoke('view.focus', { symbol, timeframe });
  // Quick successive picks: only the latest answer may land.
  if (result.ok && request === focusRequest) useTerminal.setState((s) => applyFocus(s, result.value));
  return result;
}

export async function refreshSnapshot(): Promise<CommandResult<'state.snapshot'>> {
  const result = await engine.invoke('state.snapshot', {});
  if (result.ok) useTerminal.setState((s) => applySnapshot(s, result.value));
  return result;
}

export async function placeOrder(request: CommandRequest<'order.place'>): Promise<CommandResult<'order.place'>> {
  const result = await engine.invoke('order.place', request);
  if (result.ok) useTerminal.setState((s) => upsertOrder(s, result.value));
  return result;
}

/** Exits for a held position: one order, or an OCO pair. */
export async function protectPosition(request: CommandRequest<'position.protect'>): Promise<CommandResult<'position.protect'>> {
  const result = await engine.invoke('position.protect', request);
  if (result.ok) useTerminal.setState((s) => result.value.reduce(upsertOrder, s));
  return result;
}

/** Moves a desk-held stop's trigger (or its limit). */
export async function amendOrder(request: CommandRequest<'order.amend'>): Promise<CommandResult<'order.amend'>> {
  const result = await engine.invoke('order.amend', request);
  if (result.ok) useTerminal.setState((s) => upsertOrder(s, result.value));
  return result;
}

export async function cancelOrder(clientOrderId: string): Promise<CommandResult<'order.cancel'>> {
  const result = await engine.invoke('order.cancel', { clientOrderId });
  if (result.ok) useTerminal.setState((s) => upsertOrder(s, result.value));
  return result;
}

export function cancelAllOrders(): Promise<CommandResult<'order.cancelAll'>> {
  return engine.invoke('order.cancelAll', {});
}

export async function closePosition(symbol: string): Promise<CommandResult<'position.close'>> {
  const result = await engine.invoke('position.close', { symbol });
  if (result.ok && result.value) {
    const order = result.value;
    useTerminal.setState((s) => upsertOrder(s, order));
  }
  return result;
}

function setRiskFrom<C extends 'risk.halt' | 'risk.resume'>(result: CommandResult<C>): CommandResult<C> {
  if (result.ok) {
    const status = result.value;
    useTerminal.setState((s) => ({ ...s, risk: { ...s.risk, status } }));
  }
  return result;
}

export async function halt(): Promise<CommandResult<'risk.halt'>> {
  return setRiskFrom(await engine.invoke('risk.halt', {}));
}

export async function resume(): Promise<CommandResult<'risk.resume'>> {
  return setRiskFrom(await engine.invoke('risk.resume', {}));
}

export function killSwitch(): Promise<CommandResult<'risk.killSwitch'>> {
  return engine.invoke('risk.killSwitch', {});
}

type StrategyCommand = 'strategy.create' | 'strategy.update' | 'strategy.setActive';

function withStrategy<C extends StrategyCommand>(result: CommandResult<C>): CommandResult<C> {
  if (result.ok) {
    const view = result.value;
    useTerminal.setState((s) => upsertStrategy(s, view));
  }
  return result;
}

export async function createStrategy(request: CommandRequest<'strategy.create'>): Promise<CommandResult<'strategy.create'>> {
  return withStrategy(await engine.invoke('strategy.create', request));
}

export async function updateStrategy(id: string, params: Record<string, number>): Promise<CommandResult<'strategy.update'>> {
  return withStrategy(await engine.invoke('strategy.update', { id, params }));
}

export async function setStrategyActive(id: string, active: boolean): Promise<CommandResult<'strategy.setActive'>> {
  return withStrategy(await engine.invoke('strategy.setActive', { id, active }));
}

export async function removeStrategy(id: string): Promise<CommandResult<'strategy.remove'>> {
  const result = await engine.invoke('strategy.remove', { id });
  if (result.ok) useTerminal.setState((s) => removeStrategyFromState(s, result.value.removed));
  return result;
}

export async function updateSettings(patch: CommandRequest<'settings.update'>): Promise<CommandResult<'settings.update'>> {
  const result = await engine.invoke('settings.update', patch);
  if (result.ok) {
    const settings = result.value;
    useTerminal.setState((s) => ({ ...s, settings }));
  }
  return result;
}

/** Sent once the trader confirmed it; the engine follows a reset with a fresh snapshot to every window (deltas cannot empty history). */
export async function resetAccount(): Promise<CommandResult<'account.reset'>> {
  return engine.invoke('account.reset', { confirm: true });
}

/** One line for a failed command: the engine's message plus any per-field issues. */
export function describeError(result: CommandResult<CommandName>): string | null {
  if (result.ok) return null;
  const { message, issues } = result.error;
  return issues?.length ? `${message}: ${issues.join('; ')}` : message;
}
