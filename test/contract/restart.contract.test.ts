// Restarts of the paper desk on the built-in simulated market, driven through the public contract: the
// account after a restart is the account before it, however fast the market ran.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHost } from '../../src/main/engine-host.ts';
import { createRuntime } from '../../src/main/runtime.ts';
import { PassphraseSecretStore } from '../../src/main/secrets/passphrase-secret-store.ts';
import { FileSettingsStore } from '../../src/main/settings/file-settings-store.ts';
import type { CommandName, CommandRequest, CommandResponses } from '../../src/shared/contract.ts';
import { DEFAULT_RISK_LIMITS } from '../../src/shared/risk.ts';
import type { EngineSnapshot } from '../../src/shared/state.ts';

const dirs: string[] = [];
const hosts: EngineHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(dir: string): Promise<EngineHost> {
  const host = await createRuntime({
    dataDir: dir,
    settingsStore: new FileSettingsStore(dir),
    secrets: new PassphraseSecretStore({ dataDir: dir, passphrase: undefined }),
    log: () => undefined,
  });
  hosts.push(host);
  return host;
}

async function stop(host: EngineHost): Promise<void> {
  hosts.splice(hosts.indexOf(host), 1);
  await host.stop();
}

async function ok<C extends CommandName>(host: EngineHost, command: C, payload: CommandRequest<C>): Promise<CommandResponses[C]> {
  const result = await host.handle(command, payload);
  if (!result.ok) throw new Error(`${command}: ${result.error.message}`);
  return result.value as CommandResponses[C];
}

const snapshot = (host: EngineHost): Promise<EngineSnapshot> => ok(host, 'state.snapshot', {});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a restart must not change: the account and every position's size, average price and realized PnL. */
function books(s: EngineSnapshot) {
  return {
    cash: s.account.cash,
    realized: s.account.realizedPnl,
    fees: s.account.feesPaid,
    positions: s.positions.map((p) => ({ symbol: p.symbol, size: p.size, avgPrice: p.avgPrice, realizedPnl: p.realizedPnl })),
  };
}

describe('a paper desk restarted after running faster than real time', () => {
  it('keeps average prices and realized PnL, never runs its clock back, and continues from its last prices', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hft-restart-'));
    dirs.push(dir);
    const first = await start(dir);
    await ok(first, 'settings.update', { simSpeed: 100, riskLimits: { ...DEFAULT_RISK_LIMITS, maxPositionValue: 1e9, maxGrossExposure: 10, riskPerTrade: 1 } });
    await sleep(1_500); // 150 s of market: its clock now runs minutes ahead of the wall clock
    const bought = await ok(first, 'order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 });
    expect(bought.ts).toBeGreaterThan(Date.now() + 60_000);
    await ok(first, 'settings.update', { simSpeed: 1 });
    await stop(first);

    const second = await start(dir);
    await sleep(300); // the first books of the restarted market
    const held = (await snapshot(second)).positions.find((p) => p.symbol === 'SOL/USDT')!;
    await ok(second, 'order.place', { symbol: 'SOL/USDT', side: 'sell', type: 'market', size: held.size });
    const rebought = await ok(second, 'order.place', { symbol: 'SOL/USDT', side: 'buy', type: 'market', size: 10 });
    // The restarted market's clock went on from the last journaled time instead of the wall clock.
    expect(rebought.ts).toBeGreaterThan(bought.ts);
    const before = await snapshot(second);
    const lastMarks = Object.fromEntries(before.positions.map((p) => [p.symbol, p.markPrice]));
    await stop(second);

    const third = await start(dir);
    const after = await snapshot(third);
    expect(books(after)).toEqual(books(before));
    // Marked where the market stood, not at the seed's prices: equity does not jump on a restart.
    expect(Object.fromEntries(after.positions.map((p) => [p.symbol, p.markPrice]))).toEqual(lastMarks);
    expect(after.account.equity).toBeCloseTo(before.account.equity, 6);
    await sleep(300);
    const moved = await snapshot(third);
    const sol = moved.tickers['SOL/USDT']!;
    expect(sol.ts).toBeGreaterThan(rebought.ts);
    expect(Math.abs((sol.bid + sol.ask) / 2 - lastMarks['SOL/USDT']!) / lastMarks['SOL/USDT']!).toBeLessThan(0.01);
  });
});
