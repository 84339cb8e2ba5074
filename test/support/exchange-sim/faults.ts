// Switches the tests flip to make the venue misbehave; read by the REST, stream and ws-api parts.
export interface FaultState {
  silenced: boolean;
  /** One-shot: the next new order is booked, then answered with 503. */
  acceptedThen5xx: boolean;
  /** One-shot: the next new order is booked and never answered. */
  timeout: boolean;
  rateLimitLeft: number;
  rateLimitStatus: 429 | 418;
  /** Only requests to this route ('POST /api/v3/order') are refused; null: any. */
  rateLimitRoute: string | null;
  duplicateFills: boolean;
  fillDelayMs: number;
  rejectSignatures: boolean;
  skewMs: number;
  /** Pending rewrites of outgoing messages, oldest first. */
  mangles: Mangle[];
}

/**
 * Gets the JSON value about to go on the wire and returns what to send instead: a value (sent as
 * JSON) or a string (sent as is, e.g. truncated JSON).
 */
export type Rewrite = (message: unknown) => unknown;

interface Mangle {
  target: string;
  left: number;
  rewrite: Rewrite;
}

export function noFaults(): FaultState {
  return {
    silenced: false, acceptedThen5xx: false, timeout: false, rateLimitLeft: 0, rateLimitStatus: 429, rateLimitRoute: null,
    duplicateFills: false, fillDelayMs: 0, rejectSignatures: false, skewMs: 0, mangles: [],
  };
}

export function addMangle(faults: FaultState, target: string, rewrite: Rewrite, count: number): void {
  faults.mangles.push({ target, left: count, rewrite });
}

/**
 * The text to send for `message` on `target` ('GET /api/v3/order', 'stream trade', 'user executionReport'):
 * its JSON, unless a pending mangle for that target rewrites it (once per count).
 */
export function wireText(faults: FaultState, target: string, message: unknown): string {
  const index = faults.mangles.findIndex((m) => m.target === target);
  if (index < 0) return JSON.stringify(message);
  const mangle = faults.mangles[index]!;
  if (--mangle.left <= 0) faults.mangles.splice(index, 1);
  const out = mangle.rewrite(structuredClone(message));
  return typeof out === 'string' ? out : JSON.stringify(out);
}
