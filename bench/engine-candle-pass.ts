// The live engine per closed candle: CandleStream's 6 events per candle (4 prints, a book, a ticker)
// pushed into a real Engine (openCandleFixture: ReplayFeed, PaperBroker, FileJournal on a file, one
// strategy with the desk's default parameters on 1m candles, loose risk limits).
//   throughput: a warm-up run, then `repeats` timed runs, each on a fresh engine and its own journal
//               file, the same seeded candles; timed: every push, plus one flush() and housekeeping()
//               per 1,000-candle chunk (the app's timers' work). Chunks are made between the timed
//               stretches; no GC is forced anywhere, so the engine's own GCs land in the timing.
//   latency:    one more run, every push bracketed by process.hrtime.bigint() into preallocated
//               Float64Arrays; per candle (its 6 events summed), the closing event (the first print of
//               the next candle, where the strategy runs) split by whether it produced a signal, and the
//               candle's other events.
//   profile:    one more untimed run under the CPU profiler, on candles made before it starts.
import { join } from 'node:path';
import type { MarketEvent } from '../src/shared/market.ts';
import { CandleStream, EVENTS_PER_CANDLE } from './candle-stream.ts';
import { openCandleFixture, tapJournal, type CandleStrategy, type Fixture } from './engine-fixture.ts';
import { cpuProfile, type CpuProfileSummary } from './profile.ts';
import { median, summarize, type Summary } from './stats.ts';

const now = process.hrtime.bigint;
const CHUNK = 1_000;

export interface EngineCandleOptions {
  strategy: CandleStrategy;
  /** Candles per timed run (and per latency run). */
  candles: number;
  warmupCandles: number;
  repeats: number;
  /** Candles of the profiled run, all made before it starts (held in memory: ~1 KB per candle). */
  profileCandles: number;
  seed: number;
  /** Folder for the journal files (one per run). */
  dir: string;
}

export interface EngineCandleResult {
  label: string;
  strategy: CandleStrategy;
  journal: 'file (WAL)';
  candles: number;
  events: number;
  /** Median of the timed runs (wall clock), and each run's figure. */
  candlesPerSecond: number;
  eventsPerSecond: number;
  /** Candles per second of process CPU time (all threads: the GC's helper threads count too). */
  candlesPerCpuSecond: number;
  repeatsCandlesPerSecond: number[];
  signalsPer1kCandles: number;
  ordersPer1kCandles: number;
  /** Nanoseconds. The whole candle: the sum of its 6 pushes. */
  perCandle: Summary;
  /** The closing event of a candle that produced no signal / that produced one. */
  closingQuiet: Summary;
  closingSignal: Summary;
  /** The candle's other events (3 prints after the open, the book, the ticker). */
  otherEvents: Summary;
  /** Median cost of the two clock reads around a push (included in every latency figure above). */
  clockReadNs: number;
  profile: CpuProfileSummary;
}

export async function runEngineCandlePass(options: EngineCandleOptions): Promise<EngineCandleResult> {
  const { strategy } = options;
  let runs = 0;
  const open = (onSignal?: () => void): Promise<Fixture> =>
    openCandleFixture(
      { strategy, journalPath: join(options.dir, `candles-${strategy}-${runs++}.sqlite`), wrapJournal: onSignal ? (j) => tapJournal(j, { onSignal }) : undefined },
      new CandleStream(0).info,
    );

  await timedRun(await open(), options.seed, options.warmupCandles);
  const timed: RunFigures[] = [];
  for (let r = 0; r < options.repeats; r++) timed.push(await timedRun(await open(), options.seed, options.candles));
  const latency = await latencyRun(open, options.seed, options.candles);
  // The profiled run's chunks are all made first, so the profile shows the engine, not the generator.
  const profiled = await open();
  const stream = new CandleStream(options.seed);
  const chunks: MarketEvent[][] = [];
  while (stream.candles < options.profileCandles) chunks.push(stream.next(Math.min(CHUNK, options.profileCandles - stream.candles)));
  const profile = await cpuProfile(() => {
    for (const chunk of chunks) {
      for (let i = 0; i < chunk.length; i++) profiled.feed.push(chunk[i]);
      profiled.engine.flush();
      profiled.housekeeping();
    }
  });
  chunks.length = 0;
  close(profiled);

  const rates = timed.map((t) => options.candles / t.seconds);
  const cpuRates = timed.map((t) => options.candles / t.cpuSeconds);
  const mid = median(rates);
  const last = timed[timed.length - 1];
  return {
    label: `${strategy}, journal file`,
    strategy,
    journal: 'file (WAL)',
    candles: options.candles,
    events: options.candles * EVENTS_PER_CANDLE,
    candlesPerSecond: mid,
    eventsPerSecond: mid * EVENTS_PER_CANDLE,
    candlesPerCpuSecond: median(cpuRates),
    repeatsCandlesPerSecond: rates,
    signalsPer1kCandles: (1000 * latency.signals) / options.candles,
    ordersPer1kCandles: (1000 * last.orders) / options.candles,
    ...latency.summaries,
    clockReadNs: clockReadNs(),
    profile,
  };
}

interface RunFigures {
  seconds: number;
  cpuSeconds: number;
  orders: number;
}

interface Timing {
  ns: bigint;
  cpuMicros: number;
}

/** Pushes `candles` candles of a fresh stream, chunk by chunk; only the pushes and the timers' work are timed. */
function pushCandles(fixture: Fixture, stream: CandleStream, candles: number, timing: Timing = { ns: 0n, cpuMicros: 0 }): Timing {
  const { feed, engine } = fixture;
  while (stream.candles < candles) {
    const chunk = stream.next(Math.min(CHUNK, candles - stream.candles));
    const cpu = process.cpuUsage();
    const start = now();
    for (let i = 0; i < chunk.length; i++) feed.push(chunk[i]);
    engine.flush();
    fixture.housekeeping();
    timing.ns += now() - start;
    const used = process.cpuUsage(cpu);
    timing.cpuMicros += used.user + used.system;
  }
  return timing;
}

async function timedRun(fixture: Fixture, seed: number, candles: number): Promise<RunFigures> {
  const timing = pushCandles(fixture, new CandleStream(seed), candles);
  const orders = fixture.engine.snapshot().execution.orders;
  close(fixture);
  return { seconds: Number(timing.ns) / 1e9, cpuSeconds: timing.cpuMicros / 1e6, orders };
}

async function latencyRun(open: (onSignal: () => void) => Promise<Fixture>, seed: number, candles: number) {
  let signals = 0;
  const fixture = await open(() => {
    signals++;
  });
  const events = candles * EVENTS_PER_CANDLE;
  const ns = new Float64Array(events);
  const signalled = new Uint8Array(events);
  const { feed, engine } = fixture;
  const stream = new CandleStream(seed);
  let at = 0;
  while (stream.candles < candles) {
    const chunk: MarketEvent[] = stream.next(Math.min(CHUNK, candles - stream.candles));
    for (let i = 0; i < chunk.length; i++, at++) {
      const before = signals;
      const t0 = now();
      feed.push(chunk[i]);
      ns[at] = Number(now() - t0);
      if (signals !== before) signalled[at] = 1;
    }
    engine.flush();
    fixture.housekeeping();
  }
  close(fixture);

  const perCandle = new Float64Array(candles);
  const quiet = new Float64Array(candles);
  const loud = new Float64Array(candles);
  const other = new Float64Array(candles * (EVENTS_PER_CANDLE - 1));
  let nQuiet = 0;
  let nLoud = 0;
  let nOther = 0;
  for (let c = 0; c < candles; c++) {
    const first = c * EVENTS_PER_CANDLE;
    let sum = 0;
    for (let e = first; e < first + EVENTS_PER_CANDLE; e++) sum += ns[e];
    perCandle[c] = sum;
    // Event `first` closes the previous candle (none before the very first one).
    if (c > 0) {
      if (signalled[first] === 1) loud[nLoud++] = ns[first];
      else quiet[nQuiet++] = ns[first];
    }
    for (let e = first + 1; e < first + EVENTS_PER_CANDLE; e++) other[nOther++] = ns[e];
  }
  return {
    signals,
    summaries: {
      perCandle: summarize(perCandle),
      closingQuiet: summarize(quiet, nQuiet),
      closingSignal: summarize(loud, nLoud),
      otherEvents: summarize(other, nOther),
    },
  };
}

/** Two back-to-back clock reads, as in the latency loop around an empty push. */
function clockReadNs(): number {
  const samples = new Float64Array(100_000);
  for (let i = 0; i < samples.length; i++) {
    const t0 = now();
    samples[i] = Number(now() - t0);
  }
  return summarize(samples).median;
}

function close(fixture: Fixture): void {
  fixture.engine.stop();
  fixture.journal.close();
}
