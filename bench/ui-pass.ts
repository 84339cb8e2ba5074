// UI traffic: what the renderer would receive while the market runs at a fixed rate of wall time.
// Real engines on a ReplayFeed, a SQLite journal on disk, and the runtime's own cadence: engine.flush()
// every 40 ms and housekeeping() every second on setInterval, as src/main/runtime.ts does. A pump on a
// 1 ms interval pushes whatever events are due so the feed runs at `eventsPerSecond` of wall time.
// Every message the engine publishes is counted and serialised with JSON.stringify (the headless host's
// wire format; Electron IPC uses structured clone, of comparable size).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineEvent } from '../src/shared/contract.ts';
import type { MarketEvent } from '../src/shared/market.ts';
import { EventSource, openFixture, type Fixture, type StrategySet } from './engine-fixture.ts';
import { percentile } from './stats.ts';

/** As in src/main/runtime.ts. */
const FLUSH_INTERVAL_MS = 40;
const HOUSEKEEPING_INTERVAL_MS = 1_000;

export interface UiOptions {
  seconds: number;
  eventsPerSecond: number;
  seed: number;
}

export const UI_DEFAULTS: UiOptions = { seconds: 10, eventsPerSecond: 1_000, seed: 7 };

export interface UiResult {
  label: string;
  strategies: StrategySet;
  seconds: number;
  events: number;
  /** Achieved feed rate over the run (events / wall seconds). */
  eventsPerSecond: number;
  orders: number;
  messages: number;
  deltas: number;
  snapshots: number;
  bytes: number;
  messagesPerSecond: number;
  bytesPerSecond: number;
  /** The busiest whole wall-clock second. */
  maxMessagesInOneSecond: number;
  bytesPerMessage: { median: number; p99: number; max: number };
  /** One full state.snapshot at the end (what a window gets when it subscribes), for scale. */
  snapshotBytes: number;
}

interface Counted {
  label: string;
  strategies: StrategySet;
  fixture: Fixture;
  sizes: number[];
  deltas: number;
  snapshots: number;
  perSecond: number[];
  unsubscribe: () => void;
}

export async function runUiSection(options: UiOptions = UI_DEFAULTS): Promise<UiResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hft-desk-bench-ui-'));
  const total = Math.ceil(options.seconds * options.eventsPerSecond * 1.05) + 1_000;
  const events: MarketEvent[] = [...new EventSource(options.seed).next(total)];
  const runs: Counted[] = [];
  let started = 0;
  try {
    for (const strategies of ['default', 'stress'] as const) {
      const fixture = await openFixture({ strategies, journalPath: join(dir, `${strategies}.sqlite`) });
      const run: Counted = {
        label: strategies === 'default' ? 'default desk' : 'stress set',
        strategies,
        fixture,
        sizes: [],
        deltas: 0,
        snapshots: 0,
        perSecond: [],
        unsubscribe: () => {},
      };
      run.unsubscribe = fixture.engine.subscribe((event: EngineEvent) => {
        if (started === 0) return; // set-up chatter before the clock starts is not counted
        run.sizes.push(Buffer.byteLength(JSON.stringify(event)));
        if (event.event === 'state.delta') run.deltas++;
        else if (event.event === 'state.snapshot') run.snapshots++;
        const second = Math.floor((performance.now() - started) / 1000);
        run.perSecond[second] = (run.perSecond[second] ?? 0) + 1;
      });
      // What start-up queued (strategy activations, log lines) goes out before the clock starts.
      fixture.engine.flush();
      runs.push(run);
    }

    let pushed = 0;
    started = performance.now();
    const endAt = started + options.seconds * 1000;
    const timers: ReturnType<typeof setInterval>[] = [];
    await new Promise<void>((resolve) => {
      const pump = (): void => {
        const t = performance.now();
        const due = Math.min(events.length, Math.floor(((Math.min(t, endAt) - started) * options.eventsPerSecond) / 1000));
        for (; pushed < due; pushed++) for (const run of runs) run.fixture.feed.push(events[pushed]);
        if (t >= endAt) {
          for (const timer of timers) clearInterval(timer);
          resolve();
        }
      };
      timers.push(
        setInterval(pump, 1),
        ...runs.map((run) => setInterval(() => run.fixture.engine.flush(), FLUSH_INTERVAL_MS)),
        ...runs.map((run) => setInterval(() => run.fixture.housekeeping(), HOUSEKEEPING_INTERVAL_MS)),
      );
    });
    const seconds = (performance.now() - started) / 1000;
    started = 0;

    return runs.map((run): UiResult => {
      const bytes = run.sizes.reduce((a, b) => a + b, 0);
      const sorted = Float64Array.from(run.sizes).sort();
      // Whole seconds only: the last partial second would understate the busiest one.
      const whole = run.perSecond.slice(0, Math.floor(seconds));
      return {
        label: run.label,
        strategies: run.strategies,
        seconds,
        events: pushed,
        eventsPerSecond: pushed / seconds,
        orders: run.fixture.engine.snapshot().execution.orders,
        messages: run.sizes.length,
        deltas: run.deltas,
        snapshots: run.snapshots,
        bytes,
        messagesPerSecond: run.sizes.length / seconds,
        bytesPerSecond: bytes / seconds,
        maxMessagesInOneSecond: Math.max(0, ...whole.map((n) => n ?? 0)),
        bytesPerMessage: { median: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN },
        snapshotBytes: Buffer.byteLength(JSON.stringify({ event: 'state.snapshot', payload: run.fixture.engine.snapshot() })),
      };
    });
  } finally {
    for (const run of runs) {
      run.unsubscribe();
      run.fixture.engine.stop();
      run.fixture.journal.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
