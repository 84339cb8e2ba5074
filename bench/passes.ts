// The measurements, each on its own engine. All take the same pre-generated chunks of market events,
// so simulation cost is never timed and every engine sees the identical stream.
import type { Broker } from '../src/main/engine/ports.ts';
import type { MarketEvent } from '../src/shared/market.ts';
import { openFixture, tapBroker, tapJournal, type Fixture, type StrategySet } from './engine-fixture.ts';
import { summarize, type Summary } from './stats.ts';

const now = process.hrtime.bigint;

export interface Pass {
  readonly label: string;
  /** True while this pass still wants events. */
  wants(): boolean;
  run(chunk: readonly MarketEvent[]): void;
  close(): void;
}

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
export class LatencyPass implements Pass {
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
    this.fixture.engine.housekeeping();
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

export interface ThroughputResult {
  label: string;
  strategies: StrategySet;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Events per second of process CPU time (user + system, all threads): steadier on a shared machine. */
  eventsPerCpuSecond: number;
  orders: number;
}

export interface ThroughputOptions {
  label: string;
  strategies: StrategySet;
  journalPath: string;
  events: number;
}

/**
 * Events per second through an uninstrumented engine. Timed: every push of a chunk, then one
 * flush() and housekeeping() per chunk (the work the app's timers would do in that time).
 */
export class ThroughputPass implements Pass {
  readonly label: string;
  private readonly options: ThroughputOptions;
  private fixture!: Fixture;
  private ns = 0n;
  private cpuMicros = 0;
  private events = 0;

  constructor(options: ThroughputOptions) {
    this.options = options;
    this.label = options.label;
  }

  async open(): Promise<this> {
    this.fixture = await openFixture({ strategies: this.options.strategies, journalPath: this.options.journalPath });
    return this;
  }

  wants(): boolean {
    return this.events < this.options.events;
  }

  run(chunk: readonly MarketEvent[]): void {
    const { feed, engine } = this.fixture;
    const cpu = process.cpuUsage();
    const start = now();
    for (let i = 0; i < chunk.length; i++) feed.push(chunk[i]);
    engine.flush();
    engine.housekeeping();
    this.ns += now() - start;
    const used = process.cpuUsage(cpu);
    this.cpuMicros += used.user + used.system;
    this.events += chunk.length;
  }

  result(): ThroughputResult {
    const seconds = Number(this.ns) / 1e9;
    return {
      label: this.label,
      strategies: this.options.strategies,
      events: this.events,
      seconds,
      eventsPerSecond: this.events / seconds,
      eventsPerCpuSecond: this.events / (this.cpuMicros / 1e6),
      orders: this.fixture.engine.snapshot().execution.orders,
    };
  }

  close(): void {
    this.fixture.engine.stop();
    this.fixture.journal.close();
  }
}
