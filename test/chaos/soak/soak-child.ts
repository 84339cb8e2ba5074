// The soak's engine process (forked by run-soak.ts with --expose-gc, so memory is this engine's alone):
// the real runtime in paper mode on the simulated market at 100x, strategies trading on short
// timeframes, one UI subscriber attached. Every few simulated minutes it sends a sample; at the end it
// halts trading, lets the last delta go out, stops, and compares what the UI was told with the journal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRuntime } from '../../../src/main/runtime.ts';
import { PassphraseSecretStore } from '../../../src/main/secrets/passphrase-secret-store.ts';
import { FileSettingsStore } from '../../../src/main/settings/file-settings-store.ts';
import type { EngineHost } from '../../../src/main/engine-host.ts';
import { auditJournal } from '../journal-audit.ts';
import { SOAK_SPEED, type SoakChildMessage, type SoakChildOptions, type SoakSample } from './soak-sample.ts';
import { HandlingTimer, timedFeed } from './timed-feed.ts';
import { UiMeter } from './ui-meter.ts';

const MB = 2 ** 20;
/** How often the child looks at the simulated clock; a sample lands within this of its minute. */
const POLL_MS = 20;
/** Several flush intervals (40 ms): after a halt, every order and fill has reached the UI. */
const SETTLE_MS = 300;

/**
 * Short timeframes and low thresholds: an order every few simulated seconds, so the engine's bounded
 * lists (recent orders, fills, signals, log) fill early and the rest of the run shows whether anything
 * else grows. Small sizes keep hours of fees far from the loss limits.
 */
const STRATEGIES = [
  { kind: 'momentum', symbol: 'BTC/USDT', timeframe: '1s', params: { lookback: 5, threshold: 0.0002, orderSize: 0.001 } },
  { kind: 'momentum', symbol: 'ETH/USDT', timeframe: '1s', params: { lookback: 10, threshold: 0.0003, orderSize: 0.02 } },
  { kind: 'mean-reversion', symbol: 'SOL/USDT', timeframe: '1s', params: { period: 20, stdMultiplier: 1, orderSize: 0.5 } },
  { kind: 'mean-reversion', symbol: 'BTC/USDT', timeframe: '1m', params: { period: 10, stdMultiplier: 1, orderSize: 0.002 } },
  { kind: 'momentum', symbol: 'SOL/USDT', timeframe: '1m', params: { lookback: 3, threshold: 0.0005, orderSize: 1 } },
] as const;

/** Resolves once the message is handed to the IPC channel, so disconnecting after it loses nothing. */
const send = (message: SoakChildMessage): Promise<void> =>
  new Promise((resolve, reject) => {
    if (!process.send) throw new Error('The soak child runs under run-soak.ts, with an IPC channel.');
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });

async function command(host: EngineHost, name: string, payload: unknown): Promise<unknown> {
  const result = await host.handle(name, payload);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Paper trading at 100x with limits wide enough that hours of fees never trip a breaker. */
async function startTrading(host: EngineHost): Promise<void> {
  await command(host, 'settings.update', { simSpeed: SOAK_SPEED, riskLimits: { dailyLossLimit: 0.5, maxDrawdown: 0.5 } });
  for (const strategy of STRATEGIES) {
    const view = (await command(host, 'strategy.create', strategy)) as { config: { id: string } };
    await command(host, 'strategy.setActive', { id: view.config.id, active: true });
  }
}

/** Memory after a full GC, and what the engine and the UI did since the previous sample. */
class Sampler {
  private readonly timer: HandlingTimer;
  private readonly ui: UiMeter;
  private readonly wallStart = performance.now();
  private windowStart = this.wallStart;
  private windowEvents = 0;

  constructor(timer: HandlingTimer, ui: UiMeter) {
    this.timer = timer;
    this.ui = ui;
    timer.takeWindow();
    ui.takeWindow();
  }

  wallSeconds(): number {
    return (performance.now() - this.wallStart) / 1000;
  }

  take(simMinutes: number, gc: () => void): SoakSample {
    const now = performance.now();
    const handling = this.timer.takeWindow();
    const window = this.ui.takeWindow();
    const eventsPerSecond = (this.timer.events - this.windowEvents) / ((now - this.windowStart) / 1000);
    this.windowStart = now;
    this.windowEvents = this.timer.events;
    // Twice: the first pass can leave garbage that only a second one frees (weak references, finalizers).
    gc();
    gc();
    const memory = process.memoryUsage();
    return {
      simMinutes,
      wallSeconds: (now - this.wallStart) / 1000,
      heapUsedMB: memory.heapUsed / MB,
      rssMB: memory.rss / MB,
      events: this.timer.events,
      eventsPerSecond,
      handling: { median: handling.median, p99: handling.p99, max: handling.max },
      uiMessagesPerSecond: window.messagesPerSecond,
      uiMaxMessagesInOneSecond: window.maxMessagesInOneSecond,
      uiBytesPerSecond: window.bytesPerSecond,
      orders: this.ui.reportedOrders,
      fills: this.ui.fills,
    };
  }
}

async function run(options: SoakChildOptions): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('The soak child needs --expose-gc to read the heap after a full collection.');
  const dataDir = mkdtempSync(join(tmpdir(), 'hft-desk-soak-'));
  const timer = new HandlingTimer();
  const ui = new UiMeter();
  try {
    const host = await createRuntime({
      dataDir,
      settingsStore: new FileSettingsStore(dataDir),
      secrets: new PassphraseSecretStore({ dataDir, passphrase: undefined }),
      simSeed: options.seed,
      wrapFeed: (feed) => timedFeed(feed, timer),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    const unsubscribe = host.subscribe(ui.listener);
    await startTrading(host);
    const sampler = new Sampler(timer, ui);
    while (timer.simTime === null) await sleep(POLL_MS);
    const simStart = timer.simTime;
    const simMinutes = (): number => ((timer.simTime ?? simStart) - simStart) / 60_000;
    const endMinute = options.simulatedHours * 60;
    for (let next = options.sampleEveryMinutes; next <= endMinute; next += options.sampleEveryMinutes) {
      while (simMinutes() < next) await sleep(POLL_MS);
      await send({ type: 'sample', sample: sampler.take(simMinutes(), gc) });
    }

    const wallSeconds = sampler.wallSeconds();
    const simulatedHours = simMinutes() / 60;
    await command(host, 'risk.halt', { reason: 'Soak finished: checking the journal against what the UI was told.' });
    await sleep(SETTLE_MS);
    unsubscribe();
    await host.stop();
    const journal = auditJournal(join(dataDir, 'paper.sqlite'));
    await send({
      type: 'done',
      end: {
        simulatedHours,
        wallSeconds,
        events: timer.events,
        uiFills: ui.fills,
        reportedOrders: ui.reportedOrders,
        journalFills: journal.fills.length,
        journalOrders: journal.orders.length,
        journalProblems: journal.problems,
        seqGaps: ui.seqGaps,
        uiMaxMessagesInOneSecond: ui.maxInOneSecond,
      },
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

run(JSON.parse(process.argv[2] ?? '{}') as SoakChildOptions).then(
  () => process.disconnect?.(),
  (error: unknown) => {
    process.stderr.write(`Soak child failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
