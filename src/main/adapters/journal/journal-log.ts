// One line of the journal's append log per record: `[seq,"kind",value]`, JSON, newline-terminated.
// JSON keeps every number exactly (shortest round-trip form) and lets an order's optional terms stay
// absent; the sequence number tells the projection which records it already holds. Orders and fills,
// the records of the order path, are written field by field: about four times faster than
// JSON.stringify, and the same JSON once parsed.
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
  const value = record.kind === 'order' ? orderJson(record.value) : record.kind === 'fill' ? fillJson(record.value) : JSON.stringify(record.value);
  return `[${seq},"${record.kind}",${value}]\n`;
}

/** What JSON.stringify(order) gives once parsed: the Order's fields, absent ones left out. */
export function orderJson(o: Order): string {
  let json = `{"clientOrderId":${str(o.clientOrderId)},"id":${str(o.id)},"symbol":${str(o.symbol)},"side":${str(o.side)},"type":${str(o.type)},"size":${num(o.size)}`;
  if (o.price !== undefined) json += `,"price":${num(o.price)}`;
  if (o.triggerPrice !== undefined) json += `,"triggerPrice":${num(o.triggerPrice)}`;
  if (o.trailing !== undefined) json += `,"trailing":${JSON.stringify(o.trailing)}`;
  if (o.timeInForce !== undefined) json += `,"timeInForce":${str(o.timeInForce)}`;
  if (o.postOnly !== undefined) json += `,"postOnly":${o.postOnly}`;
  if (o.reduceOnly !== undefined) json += `,"reduceOnly":${o.reduceOnly}`;
  if (o.ocoGroup !== undefined) json += `,"ocoGroup":${str(o.ocoGroup)}`;
  if (o.parentId !== undefined) json += `,"parentId":${str(o.parentId)}`;
  if (o.exits !== undefined) json += `,"exits":${JSON.stringify(o.exits)}`;
  json += `,"source":${str(o.source)},"ts":${num(o.ts)},"status":${str(o.status)},"filled":${num(o.filled)},"avgFillPrice":${num(o.avgFillPrice)},"fees":${num(o.fees)},"updatedAt":${num(o.updatedAt)}`;
  if (o.reason !== undefined) json += `,"reason":${str(o.reason)}`;
  if (o.heldBy !== undefined) json += `,"heldBy":${str(o.heldBy)}`;
  if (o.triggeredAt !== undefined) json += `,"triggeredAt":${num(o.triggeredAt)}`;
  return `${json}}`;
}

export function fillJson(f: Fill): string {
  return `{"orderId":${str(f.orderId)},"clientOrderId":${str(f.clientOrderId)},"tradeId":${str(f.tradeId)},"symbol":${str(f.symbol)},"side":${str(f.side)},"price":${num(f.price)},"size":${num(f.size)},"fee":${num(f.fee)},"feeAsset":${str(f.feeAsset)},"feeAmount":${num(f.feeAmount)},"liquidity":${str(f.liquidity)},"ts":${num(f.ts)}}`;
}

/** Characters JSON must escape (and the two line separators, escaped for safety); ids and symbols have none. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

function str(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/** As JSON.stringify writes a number: the shortest form that reads back exactly, null when not finite. */
function num(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
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
