// The composition root: builds the paper desk on the simulated market and exposes it as an EngineHost.
// Electron's main process and the headless host both start here; only their transports differ.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedCommandRequest } from '../shared/contract.ts';
import { settingsSchema, type Settings } from '../shared/settings.ts';
import { SqliteJournal } from './adapters/journal/sqlite-journal.ts';
import { PaperBroker } from './adapters/paper/paper-broker.ts';
import { SimFeed } from './adapters/sim/sim-feed.ts';
import { SimulatedMarket } from './adapters/sim/simulated-market.ts';
import { createCommandHandler } from './engine-commands.ts';
import type { EngineHost } from './engine-host.ts';
import { Engine } from './engine/engine.ts';
import type { SettingsStore } from './settings/settings-store.ts';

export interface RuntimeOptions {
  dataDir: string;
  settingsStore: SettingsStore;
  log?: (line: string) => void;
  /** Seed of the simulated market; the same seed replays the same market. */
  simSeed?: number;
}

/** ~25 deltas a second at most, whatever the tick rate. */
const FLUSH_INTERVAL_MS = 40;
const HOUSEKEEPING_INTERVAL_MS = 1_000;

export async function createRuntime(options: RuntimeOptions): Promise<EngineHost> {
  const log = options.log ?? ((line: string) => console.log(line));
  mkdirSync(options.dataDir, { recursive: true });
  const loaded = options.settingsStore.load();
  if (loaded.warning) log(loaded.warning);
  let settings: Settings = loaded.settings;
  if (settings.mode !== 'paper') {
    log(`Saved mode ${settings.mode} needs exchange keys; starting in paper mode.`);
    settings = { ...settings, mode: 'paper' };
  }

  const market = new SimulatedMarket({ seed: options.simSeed ?? 20_240_601, startTime: Date.now() });
  const feed = new SimFeed({ market, speed: settings.simSpeed });
  const journal = new SqliteJournal(join(options.dataDir, 'journal.sqlite'));
  const engine = new Engine({
    feed,
    broker: new PaperBroker({ symbols: market.symbols(), clock: feed.clock }),
    journal,
    clock: feed.clock,
    settings,
  });
  await engine.start();

  const updateSettings = (patch: ParsedCommandRequest<'settings.update'>): Settings => {
    if (patch.mode && patch.mode !== 'paper') {
      throw new Error(`${patch.mode} mode needs an exchange connection and API keys, which this desk does not have yet.`);
    }
    const next = settingsSchema.parse({ ...settings, ...patch, riskLimits: { ...settings.riskLimits, ...patch.riskLimits } });
    options.settingsStore.save(next);
    settings = next;
    feed.setSpeed(next.simSpeed);
    engine.applySettings(next);
    return next;
  };
  const handle = createCommandHandler({ engine, updateSettings });
  const timers = [
    setInterval(() => engine.flush(), FLUSH_INTERVAL_MS),
    setInterval(() => engine.housekeeping(), HOUSEKEEPING_INTERVAL_MS),
  ];

  return {
    handle,
    subscribe(listener) {
      listener({ event: 'state.snapshot', payload: engine.snapshot() });
      return engine.subscribe(listener);
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      engine.stop();
      journal.close();
    },
  };
}
