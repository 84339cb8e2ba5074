// The composition root: builds the desk for the current mode (paper on the simulated market, or
// shadow/live on an exchange) and exposes it as one EngineHost. Electron's main process and the
// headless host both start here; only their transports differ.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandName, CommandResult, EngineEvent, ParsedCommandRequest } from '../shared/contract.ts';
import type { ApiKeys } from '../shared/exchange.ts';
import { settingsSchema, type Settings } from '../shared/settings.ts';
import type { TradingMode } from '../shared/trading.ts';
import { FileJournal } from './adapters/journal/file-journal.ts';
import { openPaperDesk } from './adapters/sim/paper-desk.ts';
import { createBacktestService } from './backtest/create-backtest-service.ts';
import type { Desk, ExchangeGateway } from './desk.ts';
import { createCommandHandler } from './engine-commands.ts';
import type { RuntimeHost } from './engine-host.ts';
import { Engine } from './engine/engine.ts';
import type { MarketFeed } from './engine/ports.ts';
import type { SecretStore } from './secrets/secret-store.ts';
import type { SettingsStore } from './settings/settings-store.ts';

export interface RuntimeOptions {
  dataDir: string;
  settingsStore: SettingsStore;
  secrets: SecretStore;
  /** Real exchanges; defaults to ccxt, loaded on first use. */
  exchanges?: ExchangeGateway;
  log?: (line: string) => void;
  /** Seed of the simulated market; the same seed replays the same market. */
  simSeed?: number;
  /** The shipped sample datasets; defaults to the app's resources/datasets. */
  samplesDir?: string;
  /** Wraps each desk's feed before its engine listens to it: the soak test times every event's handling this way. */
  wrapFeed?: (feed: MarketFeed) => MarketFeed;
  /** Opens the paper desk; defaults to the simulated market. Contract tests hand in a desk whose market they drive. */
  openPaperDesk?: (settings: Settings) => Desk;
}

// This file runs as src/main/runtime.ts from source and inside out/main/index.js in the bundle: both
// sit two folders below the app root, where resources/ is.
const DEFAULT_SAMPLES_DIR = resolve(import.meta.dirname, '../../resources/datasets');

/** ~25 deltas a second at most, whatever the tick rate. */
const FLUSH_INTERVAL_MS = 40;
const HOUSEKEEPING_INTERVAL_MS = 1_000;

/** The settings as one desk's engine sees them: its own mode, and its exchange balance as capital. */
const engineSettings = (settings: Settings, desk: Desk): Settings => ({
  ...settings,
  mode: desk.mode,
  startingCapital: desk.startingCapital ?? settings.startingCapital,
});

/** The engine of one mode with what it runs on; replaced whole when the mode changes. */
interface Session {
  desk: Desk;
  engine: Engine;
  journal: FileJournal;
  timers: ReturnType<typeof setInterval>[];
  unsubscribe: () => void;
}

export async function createRuntime(options: RuntimeOptions): Promise<RuntimeHost> {
  const log = options.log ?? ((line: string) => console.log(line));
  mkdirSync(options.dataDir, { recursive: true });
  const loaded = options.settingsStore.load();
  if (loaded.warning) log(loaded.warning);
  let settings: Settings = loaded.settings;
  const listeners = new Set<(event: EngineEvent) => void>();
  let exchanges = options.exchanges;
  const gateway = async (): Promise<ExchangeGateway> => {
    exchanges ??= (await import('./adapters/ccxt/ccxt-gateway.ts')).createCcxtGateway({ log });
    return exchanges;
  };

  // What an exchange desk reports ("Shadow: would send …", reconnects) goes to the trader's event log too.
  let current: Session | undefined;
  const deskLog = (line: string): void => {
    log(line);
    current?.engine.note('info', 'order', line);
  };

  const openDesk = async (mode: TradingMode): Promise<Desk> => {
    if (mode === 'paper') return options.openPaperDesk?.(settings) ?? openPaperDesk({ settings, seed: options.simSeed });
    if (!settings.exchange) throw new Error(`Pick an exchange in Settings before switching to ${mode} mode.`);
    const credentials = options.secrets.read(settings.exchange.id);
    if (!credentials && mode === 'live') throw new Error(`live mode needs API keys for ${settings.exchange.id}: enter them in Settings.`);
    const access = credentials ? { credentials } : { credentials: null, startingCapital: settings.startingCapital };
    return (await gateway()).openDesk({ mode, exchange: settings.exchange, ...access, log: deskLog });
  };

  const startSession = async (desk: Desk): Promise<Session> => {
    const journal = new FileJournal(join(options.dataDir, desk.journalFile));
    const engine = new Engine({
      feed: options.wrapFeed?.(desk.feed) ?? desk.feed,
      broker: desk.broker,
      journal,
      clock: desk.clock,
      settings: engineSettings(settings, desk),
    });
    try {
      await engine.start();
    } catch (error) {
      journal.close();
      await desk.close();
      throw error;
    }
    const unsubscribe = engine.subscribe((event) => {
      for (const listener of listeners) listener(event);
    });
    const timers = [
      setInterval(() => engine.flush(), FLUSH_INTERVAL_MS),
      setInterval(() => {
        engine.housekeeping();
        engine.checkpoint();
        projectJournal(journal);
      }, HOUSEKEEPING_INTERVAL_MS),
    ];
    current = { desk, engine, journal, timers, unsubscribe };
    return current;
  };

  // The log holds every record whatever happens here: a projection that fails is said once and tried again each second.
  let projectionProblem: string | null = null;
  const projectJournal = (journal: FileJournal): void => {
    try {
      journal.project();
      if (projectionProblem !== null) deskLog('The journal database is up to date again.');
      projectionProblem = null;
    } catch (error) {
      const message = (error as Error).message;
      if (message !== projectionProblem) deskLog(`${message} It is tried again every second.`);
      projectionProblem = message;
    }
  };

  const stopSession = async (old: Session): Promise<void> => {
    for (const timer of old.timers) clearInterval(timer);
    old.unsubscribe();
    old.engine.stop();
    old.journal.close();
    await old.desk.close();
  };

  let session: Session;
  try {
    session = await startSession(await openDesk(settings.mode));
  } catch (error) {
    if (settings.mode === 'paper') throw error;
    log(`Could not start in ${settings.mode} mode (${(error as Error).message}); starting in paper mode.`);
    settings = { ...settings, mode: 'paper' };
    session = await startSession(await openDesk('paper'));
  }

  const emit = (event: EngineEvent): void => {
    for (const listener of listeners) listener(event);
  };
  // Backtests outlive mode switches: they read the settings' limits at the start of each run.
  const backtests = createBacktestService({
    dataDir: options.dataDir,
    samplesDir: options.samplesDir ?? DEFAULT_SAMPLES_DIR,
    gateway,
    riskLimits: () => settings.riskLimits,
    emit,
    log,
  });

  const saveSettings = (next: Settings): Settings => {
    const valid = settingsSchema.parse(next);
    options.settingsStore.save(valid);
    settings = valid;
    return valid;
  };

  const updateSettings = (patch: ParsedCommandRequest<'settings.update'>): Settings => {
    // A key sent as undefined (Electron IPC keeps them) changes nothing, as if it were left out.
    const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const next = saveSettings({
      ...settings,
      ...given,
      riskLimits: { ...settings.riskLimits, ...patch.riskLimits },
      exchange: patch.exchange === undefined ? settings.exchange : patch.exchange,
    });
    session.desk.feed.setSpeed?.(next.simSpeed);
    session.engine.applySettings(engineSettings(next, session.desk));
    return next;
  };

  /** Opens the new desk first: if it cannot connect, the current one keeps trading. */
  const switchMode = async (request: ParsedCommandRequest<'mode.switch'>): Promise<Settings> => {
    if (request.mode === 'live' && request.confirmLive !== true) {
      throw new Error('Switching to live mode sends real orders: confirm it first.');
    }
    if (request.mode === session.desk.mode) return settings;
    const desk = await openDesk(request.mode);
    await stopSession(session);
    session = await startSession(desk);
    const next = saveSettings({ ...settings, mode: request.mode });
    emit({ event: 'state.snapshot', payload: session.engine.snapshot() });
    log(`Switched to ${request.mode} mode.`);
    return next;
  };

  const handle = createCommandHandler({
    engine: () => session.engine,
    updateSettings,
    switchMode,
    listExchanges: async () => (await gateway()).list(),
    keyStatus: (exchangeId) => options.secrets.status(exchangeId),
    setKeys: (keys: ApiKeys) => options.secrets.save(keys),
    deleteKeys: (exchangeId) => options.secrets.remove(exchangeId),
    testKeys: async ({ exchangeId, testnet, keys }) => {
      const credentials = keys ?? options.secrets.read(exchangeId);
      if (!credentials) return { ok: false, problem: 'NO_KEYS', message: `No API keys are stored for ${exchangeId}: type them above to test them before saving.` };
      return (await gateway()).testConnection({ id: exchangeId, testnet }, credentials);
    },
    backtests,
  });

  // Commands run one at a time: a mode switch never interleaves with an order.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = (command: string, payload: unknown): Promise<CommandResult<CommandName>> => {
    const run = queue.then(() => handle(command, payload));
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    handle: serialized,
    subscribe(listener) {
      listener({ event: 'state.snapshot', payload: session.engine.snapshot() });
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sleep() {
      session.engine.sleep();
      log('The computer is going to sleep: every feed is stale until the desk has checked with the venue on waking.');
    },
    // In the command queue: a mode switch cannot swap the engine while it reconciles.
    wake() {
      const run = queue.then(() => session.engine.wake());
      queue = run.catch(() => undefined);
      return run;
    },
    liveOrdersWorking: () => session.desk.mode === 'live' && session.engine.workingOrderCount > 0,
    async stop() {
      await queue;
      await backtests.close();
      await stopSession(session);
      listeners.clear();
    },
  };
}
