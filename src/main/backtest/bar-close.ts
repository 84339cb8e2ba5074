import { barOpen } from '../../shared/market.ts';

/** When the bar holding the last replayed moment closes: at its boundary, unless the requested span ends inside it. */
export function lastBarClose(lastTs: number, periodMs: number, to: number): number {
  return Math.min(barOpen(lastTs, periodMs) + periodMs, to);
}
