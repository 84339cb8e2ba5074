// One line of the journal's append log per record: `[seq,"kind",value]`, JSON, newline-terminated.
// JSON keeps every number exactly (shortest round-trip form) and lets an order's optional terms stay
// absent; the sequence number tells the projection which records it already holds.
import type { RiskEvent } from '../../../shared/risk.ts';
import type { Signal } from '../../../shared/strategy.ts';
import type { Fill, Order } from '../../../shared/trading.ts';
import type { AccountState, Adjustment } from '../../engine/ports.ts';

export type JournalRecord =
  | { kind: 'order'; value: Order }
  | { kind: 'fill'; value: Fill }
  | { kind: 'adjustment'; value: Adjustment }
  | { kind: 'signal'; value: Signal }
  | { kind: 'risk'; value: RiskEvent }
  | { kind: 'account'; value: AccountState }
  | { kind: 'strategies'; value: unknown[] };

type Kind = JournalRecord['kind'];

export function encodeRecord(seq: number, record: JournalRecord): string {
  return `[${seq},"${record.kind}",${JSON.stringify(record.value)}]\n`;
}

/** Throws a sentence naming the file for a line that is not a record this build writes. */
export function decodeRecord(line: string, file: string): { seq: number; record: JournalRecord } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !Number.isSafeInteger(parsed[0]) || !isKind(parsed[1]) || typeof parsed[2] !== 'object' || parsed[2] === null) {
    throw new Error(`The journal log ${file} holds a record this build cannot read (${line.slice(0, 80)}); it was left as it is.`);
  }
  const [seq, kind, value] = parsed as [number, Kind, never];
  return { seq, record: { kind, value } };
}

const KINDS: ReadonlySet<string> = new Set<Kind>(['order', 'fill', 'adjustment', 'signal', 'risk', 'account', 'strategies']);

function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && KINDS.has(value);
}
