// Feed event -> order at the broker, on the live configuration: the stress set (12 strategies on 1s
// candles, an order every ~20 events) on the simulated market's stream, SQLite journal on a FILE (WAL).
// The stream comes in small chunks made between pushes (never timed); nothing forces a GC, so the
// engine's own collections (and the chunks', as a live adapter's parsed messages) land in the figures.
import type { Broker } from '../src/main/engine/ports.ts';
import type { MarketEvent } from '../src/shared/market.ts';
import { EventSource, openFixture, tapBroker, tapJournal, type Fixture } from './engine-fixture.ts';
import { cpuProfile, type CpuProfileSummary } from './profile.ts';
import { summarize, type Summary } from './stats.ts';

const now = process.hrtime.bigint;

export interface LatencyResult {
  label: string;
  events: number;
  /** Events after which at least one intent reached broker.submit(). */
  orderEvents: number;
  intents: number;
  denied: number;
  /** Push -> risk allowed the intent (just before its journal write); first intent of each order-producing event. */
  toRisk: Summary;
  /** Push -> broker.submit() (after risk and the journal write); first intent of each order-producing event. */
  toSubmit: Summary;
  /** Push -> broker.submit() for every intent; later intents of an event wait for earlier ones' fills. */
  toSubmitAll: Summary;
  /** Push -> push returned, every feed event (most produce no order): the engine's per-event cost. */
  perEvent: Summary;
}

export interface LatencyOptions {
  label: string;
  journalPath: string;
  /** Runs until at least `minEvents` were pushed and `minOrderEvents` order-producing events measured, or `maxEvents` were pushed. */
  minEvents: number;
  minOrderEvents: number;
  maxEvents: number;
}

/**
 * Feed event -> order intent latency. t0 is read just before each push into the ReplayFeed; the
 * broker and journal taps read the clock when the engine reaches them. Only events that produce an
 * order are recorded. Figures are nanoseconds.
 */
export class LatencyPass {
  readonly label: string;
  private readonly options: LatencyOptions;
  private fixture!: Fixture;
  private t0 = 0n;
  private eventSeq = 0;
  private recordedSeq = -1;
  private riskNs = 0;
  private denied = 0;
  private firstRisk: Float64Array = new Float64Array(1 << 17);
  private firstSubmit: Float64Array = new Float64Array(1 << 17);
  private allSubmit: Float64Array = new Float64Array(1 << 18);
  private perEvent: Float64Array = new Float64Array(1 << 18);
  private nFirst = 0;
  private nAll = 0;
  private events = 0;

  constructor(options: LatencyOptions) {
    this.options = options;
    this.label = options.label;
  }

  async open(): Promise<this> {
    this.fixture = await openFixture({
      strategies: 'stress',
      journalPath: this.options.journalPath,
      wrapBroker: (paper): Broker => tapBroker(paper, this.onSubmit),
      wrapJournal: (journal) =>
        tapJournal(journal, {
          onNewOrder: () => {
            this.riskNs = Number(now() - this.t0);
          },
          onDenied: () => {
            this.denied++;
          },
        }),
    });
    return this;
  }

  wants(): boolean {
    return (this.nFirst < this.options.minOrderEvents || this.events < this.options.minEvents) && this.events < this.options.maxEvents;
  }

  run(chunk: readonly MarketEvent[]): void {
    const feed = this.fixture.feed;
    this.perEvent = ensure(this.perEvent, this.events + chunk.length - 1);
    const perEvent = this.perEvent;
    for (let i = 0; i < chunk.length; i++) {
      this.eventSeq++;
      const t0 = now();
      this.t0 = t0;
      feed.push(chunk[i]);
      perEvent[this.events + i] = Number(now() - t0);
    }
    this.events += chunk.length;
    this.fixture.engine.flush();
    this.fixture.housekeeping();
  }

  result(): LatencyResult {
    return {
      label: this.label,
      events: this.events,
      orderEvents: this.nFirst,
      intents: this.nAll,
      denied: this.denied,
      toRisk: summarize(this.firstRisk, this.nFirst),
      toSubmit: summarize(this.firstSubmit, this.nFirst),
      toSubmitAll: summarize(this.allSubmit, this.nAll),
      perEvent: summarize(this.perEvent, this.events),
    };
  }

  close(): void {
    this.fixture.engine.stop();
    this.fixture.journal.close();
  }

  private readonly onSubmit = (): void => {
    const ns = Number(now() - this.t0);
    this.allSubmit = ensure(this.allSubmit, this.nAll);
    this.allSubmit[this.nAll++] = ns;
    if (this.recordedSeq === this.eventSeq) return;
    this.recordedSeq = this.eventSeq;
    this.firstSubmit = ensure(this.firstSubmit, this.nFirst);
    this.firstRisk = ensure(this.firstRisk, this.nFirst);
    this.firstSubmit[this.nFirst] = ns;
    this.firstRisk[this.nFirst] = this.riskNs;
    this.nFirst++;
  };
}

function ensure(samples: Float64Array, index: number): Float64Array {
  if (index < samples.length) return samples;
  let length = samples.length * 2;
  while (length <= index) length *= 2;
  const bigger = new Float64Array(length);
  bigger.set(samples);
  return bigger;
}

export interface LatencySection {
  result: LatencyResult;
  warmupEvents: number;
  seconds: number;
  profile: CpuProfileSummary;
}

/** Events per chunk: ~2 MB of events, short-lived enough to die young like a live feed's messages. */
const CHUNK = 2_000;

/**
 * The verdict's figure: a warm-up engine (its own journal file, discarded) brings the code to steady
 * state, then a fresh engine on `journalPath` runs until `minOrderEvents` order-producing events were
 * measured (p99.9 needs >= 20,000 to rest on 20 samples). Then one more engine, untimed, under the CPU
 * profiler, on `profileEvents` events made before it starts.
 */
export async function runLatencySection(options: { journalPath: (name: string) => string; seed: number; minOrderEvents: number; warmupEvents: number; profileEvents: number }): Promise<LatencySection> {
  const started = performance.now();
  const source = new EventSource(options.seed);
  const run = async (pass: LatencyPass): Promise<LatencyResult> => {
    await pass.open();
    try {
      while (pass.wants()) pass.run(source.next(CHUNK));
    } finally {
      source.clear();
      pass.close();
    }
    return pass.result();
  };
  const warmup = new LatencyPass({ label: 'warm-up', journalPath: options.journalPath('latency-warmup'), minEvents: options.warmupEvents, minOrderEvents: 0, maxEvents: options.warmupEvents });
  await run(warmup);
  const result = await run(new LatencyPass({ label: 'journal file (WAL)', journalPath: options.journalPath('latency'), minEvents: 0, minOrderEvents: options.minOrderEvents, maxEvents: 20_000_000 }));
  const seconds = (performance.now() - started) / 1000;

  const events: MarketEvent[] = [];
  while (events.length < options.profileEvents) events.push(...source.next(CHUNK));
  source.clear();
  const fixture = await openFixture({ strategies: 'stress', journalPath: options.journalPath('latency-profile') });
  const profile = await cpuProfile(() => {
    for (let at = 0; at < events.length; at += CHUNK) {
      const end = Math.min(events.length, at + CHUNK);
      for (let i = at; i < end; i++) fixture.feed.push(events[i]);
      fixture.engine.flush();
      fixture.housekeeping();
    }
  });
  events.length = 0;
  fixture.engine.stop();
  fixture.journal.close();
  return { result, warmupEvents: options.warmupEvents, seconds, profile };
}
