// kill -9 the desk again and again while it trades, restart it each time, and hold what survives to the
// journal and (live) the exchange. Paper runs on the built-in simulated market; live runs through ccxt
// against the loopback Binance simulator, which this process hosts so it outlives every kill.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../../../src/main/adapters/sim/random.ts';
import { PassphraseSecretStore } from '../../../src/main/secrets/passphrase-secret-store.ts';
import { FileSettingsStore } from '../../../src/main/settings/file-settings-store.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings.ts';
import { OPEN_LIMITS } from '../../integration/exchange-harness.ts';
import { startBinanceSim, type BinanceSim, type SimPoint } from '../../support/exchange-sim/binance-sim.ts';
import { TEST_KDF } from '../../support/test-kdf.ts';
import type { AttackResult } from '../attack-result.ts';
import { auditAgainstExchange, orderProblems } from '../exchange-audit.ts';
import { auditJournal, disagreements } from '../journal-audit.ts';
import { driveVenueMarket, type VenueMarket } from '../venue-market.ts';
import type { ChildConfig, InProcessCrashPoint } from './crash-protocol.ts';
import { DeskProcess } from './desk-process.ts';

export type CrashMode = 'paper' | 'live';

/** Where a kill lands: at a random moment, inside the desk after a journal write, or at the venue. */
export type KillPoint = 'random-time' | InProcessCrashPoint | SimPoint;

const KILL_POINTS: Record<CrashMode, KillPoint[]> = {
  paper: ['random-time', 'order-journaled', 'fill-journaled', 'exit-fired'],
  // order-booked: the exchange has the order and its answer is on the wire; fill-sent: the execution
  // report with the fill was just pushed.
  live: ['random-time', 'order-journaled', 'fill-journaled', 'order-booked', 'fill-sent', 'exit-fired'],
};

export interface CrashRunOptions {
  mode: CrashMode;
  kills: number;
  seed: number;
  command: string;
  log?: (line: string) => void;
}

const PASSPHRASE = 'crash-test-passphrase';
const SYMBOLS = ['BTC/USDT', 'ETH/USDT'];
const START_BALANCES = { USDT: 1_000_000, BTC: 20, ETH: 300 };
const READY_TIMEOUT_MS = 60_000;
/** A kill point the desk does not reach in this long is replaced by a plain kill. */
const POINT_TIMEOUT_MS = 15_000;

export async function runCrashChaos(options: CrashRunOptions): Promise<AttackResult> {
  const log = options.log ?? ((): void => {});
  const random = new Random(options.seed);
  const dataDir = mkdtempSync(join(tmpdir(), `hft-desk-crash-${options.mode}-`));
  const breaches: string[] = [];
  const landed: Record<string, number> = {};
  const reached = new Set<KillPoint>();
  /** Fill keys (`orderId tradeId`) lost or counted wrong, however many checks saw them. */
  const lost = new Set<string>();
  let fillChecks = 0;
  let sim: BinanceSim | undefined;
  let market: VenueMarket | undefined;
  let desk: DeskProcess | undefined;
  let armedVenuePoint: SimPoint | null = null;
  const started = Date.now();
  try {
    if (options.mode === 'live') {
      sim = await startBinanceSim({
        balances: START_BALANCES,
        // Without native stops the desk holds the strategy's exits itself, so kills land on the path that fires them.
        nativeStops: false,
        onPoint: (point) => {
          if (point !== armedVenuePoint) return;
          armedVenuePoint = null;
          desk?.kill();
        },
      });
      market = driveVenueMarket(sim, { BTCUSDT: 60_000, ETHUSDT: 3_000 }, options.seed);
      new PassphraseSecretStore({ dataDir, passphrase: PASSPHRASE, kdf: TEST_KDF }).save({ exchangeId: 'binance', apiKey: sim.apiKey, secret: sim.secret });
    }
    new FileSettingsStore(dataDir).save(settingsFor(options.mode));
    const journalPath = join(dataDir, options.mode === 'paper' ? 'paper.sqlite' : 'live-binance.sqlite');
    const config = (overrides: Partial<ChildConfig>): ChildConfig => ({
      dataDir,
      passphrase: PASSPHRASE,
      seed: options.seed,
      symbols: SYMBOLS,
      orderSize: options.mode === 'paper' ? 0.02 : 0.002,
      pumpMs: options.mode === 'paper' ? 20 : 120,
      firstStart: false,
      crashPoint: null,
      quiet: false,
      ...(sim === undefined ? {} : { simUrls: sim.urls }),
      ...overrides,
    });

    for (let kill = 0; kill < options.kills; kill++) {
      // In turn, so even a short run kills at every point; the moment within each stays random.
      const points = KILL_POINTS[options.mode];
      const point = points[kill % points.length]!;
      const inProcess = point === 'order-journaled' || point === 'fill-journaled' || point === 'exit-fired';
      const life = (desk = new DeskProcess(config({
        seed: options.seed + kill,
        firstStart: kill === 0,
        crashPoint: inProcess ? { point, after: 1 + Math.floor(random.next() * 4) } : null,
      })));
      let how: string = point;
      try {
        const ready = await life.next('ready', READY_TIMEOUT_MS);
        if (ready.risk === 'HALTED') breaches.push(`after kill ${kill} the desk restarted HALTED`);
      } catch (error) {
        // An in-process point can be reached while the desk starts (reconciling, re-journaling restored orders).
        if (!inProcess || life.alive) throw error;
        how = `${point} during start-up`;
      }
      if (life.alive && point === 'random-time') setTimeout(() => life.kill(), 100 + random.next() * 1_500);
      else if (life.alive && !inProcess) armedVenuePoint = point as SimPoint;
      const fallback = setTimeout(() => {
        how = 'random-time (the point was not reached)';
        armedVenuePoint = null;
        life.kill();
      }, POINT_TIMEOUT_MS);
      const exit = await life.exited;
      clearTimeout(fallback);
      if (exit.signal !== 'SIGKILL') breaches.push(`life ${kill} ended with ${exit.signal ?? `exit code ${exit.code}`}, not a kill${life.tail()}`);
      landed[how] = (landed[how] ?? 0) + 1;
      if (how.startsWith(point)) reached.add(point);

      // The desk is dead: the journal cannot move, so whatever it says now is what the next start gets.
      const journal = auditJournal(journalPath);
      const journaled = new Set(journal.fills.map((f) => `${f.orderId} ${f.tradeId}`));
      fillChecks += life.shownFills.size;
      for (const key of life.shownFills) {
        if (journaled.has(key)) continue;
        lost.add(key);
        breaches.push(`kill ${kill} (${how}): fill ${key} was on screen but is not in the journal`);
      }
      breaches.push(...journal.problems.filter((p) => p.startsWith('trade ')).map((p) => `kill ${kill}: ${p}`));
      if (sim !== undefined) breaches.push(...orderProblems(sim, journal).map((p) => `kill ${kill} (${how}): ${p}`));
      breaches.push(...orphanBreaches(life, kill));
      log(`kill ${kill + 1}/${options.kills} at ${how}: ${journal.fills.length} fills, ${journal.orders.length} orders journaled`);
    }

    // Last start: nothing new, everything settles; then the desk, the journal and the exchange must agree.
    market?.pause();
    desk = new DeskProcess(config({ quiet: true }));
    await desk.next('ready', READY_TIMEOUT_MS);
    const settled = await desk.next('settled', READY_TIMEOUT_MS);
    desk.kill('SIGTERM');
    await desk.exited;
    breaches.push(...orphanBreaches(desk, options.kills));
    const journal = auditJournal(journalPath);
    breaches.push(...journal.problems);
    breaches.push(...disagreements(settled, journal));
    if (sim !== undefined) {
      const audit = auditAgainstExchange(sim, journal, START_BALANCES);
      for (const key of [...audit.lostFills, ...audit.wrongFills]) lost.add(key);
      breaches.push(...audit.problems);
    }
    return {
      attack: `kill -9 (${options.mode})`,
      runs: options.kills,
      unit: 'kills',
      lost: lost.size,
      breaches,
      figures: {
        kills: Object.entries(landed).map(([where, n]) => `${where} ${n}`).join(', '),
        'kill points reached': reached.size,
        orders: journal.orders.length,
        fills: journal.fills.length,
        'on-screen fills checked against the journal after a kill': fillChecks,
        ...(sim === undefined ? {} : { 'exchange trades checked': sim.trades().length }),
        'wall time s': Math.round((Date.now() - started) / 1000),
      },
      command: options.command,
      measuredAt: new Date().toISOString(),
    };
  } finally {
    desk?.kill();
    await desk?.exited;
    market?.stop();
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function settingsFor(mode: CrashMode): Settings {
  return {
    ...DEFAULT_SETTINGS,
    mode,
    simSpeed: 100,
    riskLimits: { ...OPEN_LIMITS, staleFeedMs: 10_000 },
    exchange: mode === 'live' ? { id: 'binance', testnet: false, symbols: SYMBOLS } : null,
  };
}

/** An order the exchange does not know halts the desk: after a crash that means the journal lied. */
function orphanBreaches(desk: DeskProcess, life: number): string[] {
  return desk.riskEvents.filter((e) => e.code === 'ORPHAN_ORDER').map((e) => `life ${life}: ${e.message}`);
}
