// EngineApi over the headless host's WebSocket: {id, command, payload} out, {id, result} and
// {event, payload} in. Reconnects with backoff; the server sends a fresh snapshot on each connect.
import type {
  ClientMessage,
  CommandName,
  CommandRequest,
  CommandResult,
  EngineApi,
  EngineEvent,
  EventName,
} from '../../../shared/contract.ts';
import type { ConnectionStatus } from './terminal-state.ts';

/** The part of the browser WebSocket the transport uses, so tests can hand in a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

const SOCKET_OPEN = 1;
const REQUEST_TIMEOUT_MS = 15_000;
const MAX_BACKOFF_MS = 10_000;

export interface WsTransportOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  onStatus?: (status: ConnectionStatus, attempts: number) => void;
  requestTimeoutMs?: number;
  random?: () => number;
  /**
   * Asked when a connection is refused before it opened: false means the desk does not take this tab's
   * token (it has a new one, or the page was reloaded without it), so retrying cannot help.
   */
  tokenAccepted?: () => Promise<boolean>;
}

export interface WsTransport extends EngineApi {
  /** Stops for good: no more reconnects. */
  close(): void;
}

/** Exponential backoff from 250 ms to 10 s, with ±20% jitter so many tabs do not reconnect in step. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Every event of the contract; a Record so a new event name fails typecheck until listed. */
const EVENT_NAMES: Record<EventName, true> = {
  'state.snapshot': true,
  'state.delta': true,
  'backtest.progress': true,
  'sweep.progress': true,
  'app.command': true,
  'app.notice': true,
};

function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(EVENT_NAMES, value);
}

export function failure<C extends CommandName>(code: 'REFUSED' | 'INTERNAL', message: string): CommandResult<C> {
  return { ok: false, error: { code, message } };
}

/** A server message, or null for anything that is not one. */
export function parseServerMessage(data: unknown):
  | { kind: 'result'; id: number; result: CommandResult<CommandName> }
  | { kind: 'event'; event: EngineEvent }
  | null {
  if (typeof data !== 'string') return null;
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (typeof m.id === 'number' && typeof m.result === 'object' && m.result !== null && 'ok' in m.result) {
    return { kind: 'result', id: m.id, result: m.result as CommandResult<CommandName> };
  }
  if (isEventName(m.event) && typeof m.payload === 'object' && m.payload !== null) {
    return { kind: 'event', event: message as EngineEvent };
  }
  return null;
}

function unanswered(command: string, what: string): string {
  // An order whose answer was lost may still have reached the engine: say so rather than "failed".
  return command === 'order.place' || command === 'position.close'
    ? `${what}: the order may have been placed. Check open orders and positions.`
    : `${what}.`;
}

const lostMessage = (command: string): string => unanswered(command, 'Connection lost before the engine answered');

interface Pending {
  command: string;
  resolve: (result: CommandResult<CommandName>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createWsTransport(options: WsTransportOptions): WsTransport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const listeners = new Set<(event: EngineEvent) => void>();
  const pending = new Map<number, Pending>();
  let socket: SocketLike | null = null;
  let nextId = 1;
  let attempts = 0;
  let closed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const report = (status: ConnectionStatus): void => options.onStatus?.(status, attempts);

  function settleAll(message: (command: string) => string): void {
    for (const [id, entry] of pending) {
      clearTimeout(entry.timer);
      pending.delete(id);
      entry.resolve(failure('INTERNAL', message(entry.command)));
    }
  }

  function connect(): void {
    const ws = createSocket(options.url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      attempts = 0;
      report('open');
    };
    ws.onmessage = (event) => {
      const message = parseServerMessage(event.data);
      if (!message) return;
      if (message.kind === 'event') {
        for (const listener of listeners) listener(message.event);
        return;
      }
      const entry = pending.get(message.id);
      if (!entry) return;
      clearTimeout(entry.timer);
      pending.delete(message.id);
      entry.resolve(message.result);
    };
    ws.onerror = () => {
      // A close event always follows; reconnecting is handled there.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      settleAll(lostMessage);
      if (closed) {
        report('closed');
        return;
      }
      const delay = reconnectDelay(attempts, options.random);
      attempts += 1;
      report('reconnecting');
      reconnectTimer = setTimeout(() => {
        reconnectTimer = null;
        connect();
      }, delay);
      if (!opened && options.tokenAccepted) void checkToken(options.tokenAccepted);
    };
  }

  /** A refused token stops the retries and says so; a desk that is down or unreachable keeps them going. */
  async function checkToken(tokenAccepted: () => Promise<boolean>): Promise<void> {
    const accepted = await tokenAccepted().catch(() => true);
    if (accepted || closed) return;
    closed = true;
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    report('unauthorized');
  }

  report('connecting');
  connect();

  return {
    invoke<C extends CommandName>(command: C, payload: CommandRequest<C>): Promise<CommandResult<C>> {
      const ws = socket;
      if (!ws || ws.readyState !== SOCKET_OPEN) {
        return Promise.resolve(failure<C>('REFUSED', 'Not connected to the engine: nothing was sent.'));
      }
      const id = nextId++;
      return new Promise<CommandResult<C>>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(failure<C>('INTERNAL', unanswered(command, `No answer from the engine within ${timeoutMs / 1000}s`)));
        }, timeoutMs);
        pending.set(id, { command, resolve: resolve as (result: CommandResult<CommandName>) => void, timer });
        const message: ClientMessage = { id, command, payload };
        ws.send(JSON.stringify(message));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      const ws = socket;
      if (ws) ws.close(1000, 'client closed');
      else report('closed');
    },
  };
}
