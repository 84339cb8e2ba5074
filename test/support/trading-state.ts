// What a refused command must leave exactly as it was, read through the contract like any UI would.
import type { EngineHost } from '../../src/main/engine-host.ts';
import type { EngineSnapshot } from '../../src/shared/state.ts';

export async function snapshotOf(host: EngineHost): Promise<EngineSnapshot> {
  const result = await host.handle('state.snapshot', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as EngineSnapshot;
}

/** The trading state: orders, history, positions, cash, risk, strategies and settings. */
export async function tradingStateOf(host: EngineHost) {
  const s = await snapshotOf(host);
  return {
    mode: s.account.mode,
    openOrders: s.openOrders.map((o) => [o.clientOrderId, o.status]),
    history: s.orderHistory.length,
    positions: s.positions.map((p) => [p.symbol, p.size]),
    cash: s.account.cash,
    risk: s.risk.state,
    limits: JSON.stringify(s.risk.limits),
    strategies: s.strategies.map((v) => [v.config.id, v.config.active, JSON.stringify(v.config.params)]),
    settings: JSON.stringify(s.settings),
  };
}
