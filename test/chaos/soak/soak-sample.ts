// What the soak child measures and sends to the runner over IPC, one message per sample and one at the end.

/** The simulated market's top speed: an hour in 36 s. */
export const SOAK_SPEED = 100;

/** What the child is asked to run. */
export interface SoakChildOptions {
  simulatedHours: number;
  /** Simulated minutes between samples. */
  sampleEveryMinutes: number;
  /** Seed of the simulated market: the same seed replays the same market. */
  seed: number;
}

/** One sample: memory now, the rest over the window since the previous sample. */
export interface SoakSample {
  /** Simulated minutes since the market started. */
  simMinutes: number;
  wallSeconds: number;
  /** After a full GC. */
  heapUsedMB: number;
  rssMB: number;
  /** Market events the engine handled so far, and per wall second over the window. */
  events: number;
  eventsPerSecond: number;
  /** Wall time of one feed event in the engine's listener over the window (ms). */
  handling: { median: number; p99: number; max: number };
  /** The UI subscriber's view over the window: average and busiest rolling second, and bytes as sent. */
  uiMessagesPerSecond: number;
  uiMaxMessagesInOneSecond: number;
  uiBytesPerSecond: number;
  /** Orders the engine reported (its execution stats) and fills the UI received, so far. */
  orders: number;
  fills: number;
}

/** How the run ended: what the UI was told against what the journal holds. */
export interface SoakEnd {
  simulatedHours: number;
  wallSeconds: number;
  events: number;
  /** Fills delivered in state deltas, and the last order count the engine reported. */
  uiFills: number;
  reportedOrders: number;
  journalFills: number;
  journalOrders: number;
  /** Orders whose row disagrees with their fills, fills journaled twice: one sentence each. */
  journalProblems: string[];
  /** Deltas whose seq did not follow the previous one: a message the UI never got. */
  seqGaps: number;
  /** Busiest rolling second of UI messages over the whole run. */
  uiMaxMessagesInOneSecond: number;
}

export type SoakChildMessage = { type: 'sample'; sample: SoakSample } | { type: 'done'; end: SoakEnd };
