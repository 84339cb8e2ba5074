// What the fault proxy does to traffic, the seeded dice it rolls to decide, and what it counts.
import { Random } from '../../../src/main/adapters/sim/random.ts';

/** Probabilities are in [0, 1]; 0 never, 1 always. Ranges are in milliseconds, drawn uniformly. */
export interface ProxyFaults {
  /** Per chunk, either direction: hold it back this long. Later chunks never overtake earlier ones. */
  latency: { probability: number; minMs: number; maxMs: number };
  /**
   * RST both sockets. `http`: per HTTP response, once its request went through; `httpCut` says where the
   * answer is cut: anywhere in its first chunk (head or body), or before its first byte. `ws`: per chunk
   * of an upgraded (websocket) connection, either direction.
   */
  reset: { http: number; httpCut: 'anywhere' | 'before-reply'; ws: number };
  /** Per chunk: forward nothing on the connection for a while, then resume, or reset with `thenReset`. */
  stall: { probability: number; minMs: number; maxMs: number; thenReset: number };
  /** Per websocket data message from the server: leave it out whole (all its fragments). */
  dropWsMessage: number;
}

export interface ProxyFaultsPatch {
  latency?: Partial<ProxyFaults['latency']>;
  reset?: Partial<ProxyFaults['reset']>;
  stall?: Partial<ProxyFaults['stall']>;
  dropWsMessage?: number;
}

export const NO_FAULTS: ProxyFaults = Object.freeze({
  latency: Object.freeze({ probability: 0, minMs: 0, maxMs: 0 }),
  reset: Object.freeze({ http: 0, httpCut: 'anywhere', ws: 0 }),
  stall: Object.freeze({ probability: 0, minMs: 0, maxMs: 0, thenReset: 0 }),
  dropWsMessage: 0,
});

/** A new `base` with `patch` laid over it, group by group; throws on a probability outside [0, 1] or a bad range. */
export function mergeFaults(base: ProxyFaults, patch: ProxyFaultsPatch): ProxyFaults {
  const merged: ProxyFaults = {
    latency: { ...base.latency, ...patch.latency },
    reset: { ...base.reset, ...patch.reset },
    stall: { ...base.stall, ...patch.stall },
    dropWsMessage: patch.dropWsMessage ?? base.dropWsMessage,
  };
  const probabilities = {
    'latency.probability': merged.latency.probability, 'reset.http': merged.reset.http, 'reset.ws': merged.reset.ws,
    'stall.probability': merged.stall.probability, 'stall.thenReset': merged.stall.thenReset, dropWsMessage: merged.dropWsMessage,
  };
  for (const [name, p] of Object.entries(probabilities)) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`fault proxy: ${name} must be a probability in [0, 1], got ${p}`);
  }
  if (merged.reset.httpCut !== 'anywhere' && merged.reset.httpCut !== 'before-reply') {
    throw new RangeError(`fault proxy: reset.httpCut must be 'anywhere' or 'before-reply', got ${String(merged.reset.httpCut)}`);
  }
  for (const [name, range] of Object.entries({ latency: merged.latency, stall: merged.stall })) {
    if (!(range.minMs >= 0 && range.maxMs >= range.minMs)) {
      throw new RangeError(`fault proxy: ${name} needs 0 <= minMs <= maxMs, got ${range.minMs}..${range.maxMs}`);
    }
  }
  return merged;
}

/**
 * Draws from one seeded stream. A certain or impossible outcome draws nothing, so switching one fault
 * on or off does not reshuffle the decisions of the others.
 */
export class Dice {
  private readonly random: Random;

  constructor(seed: number) {
    this.random = new Random(seed);
  }

  chance(probability: number): boolean {
    if (probability <= 0) return false;
    if (probability >= 1) return true;
    return this.random.next() < probability;
  }

  between(min: number, max: number): number {
    return min === max ? min : min + this.random.next() * (max - min);
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.random.next() * n);
  }
}

/** What the proxy has done since it started. */
export interface FaultProxyStats {
  connections: number;
  /** Responses seen starting, reset or not. */
  httpResponses: number;
  /** Websocket data messages seen from the server, dropped or not. */
  wsMessages: number;
  resets: { http: number; ws: number };
  stalls: number;
  droppedWsMessages: number;
  /** Bytes written on, per direction. */
  bytes: { toTarget: number; toClient: number };
  /** Sum of the delays drawn for chunks. */
  addedLatencyMs: number;
}

export function emptyStats(): FaultProxyStats {
  return {
    connections: 0, httpResponses: 0, wsMessages: 0, resets: { http: 0, ws: 0 }, stalls: 0, droppedWsMessages: 0,
    bytes: { toTarget: 0, toClient: 0 }, addedLatencyMs: 0,
  };
}
