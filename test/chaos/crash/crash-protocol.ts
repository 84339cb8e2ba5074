// What the crash test and the process it kills say to each other.
import type { DeskState } from '../desk-driver.ts';

/** Kills made from inside the child, right after a journal write (see crash-child.ts). */
export type InProcessCrashPoint = 'order-journaled' | 'fill-journaled' | 'exit-fired';

export interface ChildConfig {
  dataDir: string;
  /** Only a live child has one: the loopback exchange's URLs, which ccxt is pointed at. */
  simUrls?: Record<string, unknown>;
  passphrase: string;
  seed: number;
  symbols: string[];
  orderSize: number;
  pumpMs: number;
  /** The first start creates and activates the strategy; later starts find it in the journal. */
  firstStart: boolean;
  crashPoint: { point: InProcessCrashPoint; after: number } | null;
  /** Last start: no pump, strategies off, working orders cancelled; reports 'settled' once nothing moves. */
  quiet: boolean;
}


export type ChildMessage =
  | ({ type: 'ready' } & DeskState)
  | ({ type: 'settled' } & DeskState)
  | { type: 'risk'; code: string; message: string }
  | { type: 'fills'; fills: { clientOrderId: string; orderId: string; tradeId: string }[] };
