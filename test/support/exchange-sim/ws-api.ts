// Binance's WebSocket API (/ws-api/v3), the part ccxt 4.5 uses for spot user data:
// `userDataStream.subscribe.signature`, then {subscriptionId, event} pushes of executionReport,
// listStatus and outboundAccountPosition.
import type { WebSocket } from 'ws';
import { BinanceError } from './binance-error.ts';
import { wireText, type FaultState } from './faults.ts';
import { checkTimestamp, checkWsSignature, type Credentials } from './signing.ts';
import type { SimPoint, SimRequest } from './types.ts';
import type { OrderList } from './order-lists.ts';
import type { Venue } from './venue.ts';
import type { Execution } from './venue-records.ts';
import { accountPosition, executionReport, listStatus } from './wire-format.ts';

interface Session {
  subscriptionIds: Set<number>;
  nextSubscriptionId: number;
}

const RATE_LIMITS = [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000, count: 2 }];

export interface WsApiDeps {
  venue: () => Venue;
  faults: FaultState;
  creds: Credentials;
  now: () => number;
  log: (entry: SimRequest) => void;
  onPoint: (point: SimPoint) => void;
}

export class WsApi {
  private readonly sessions = new Map<WebSocket, Session>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly deps: WsApiDeps;

  constructor(deps: WsApiDeps) {
    this.deps = deps;
  }

  attach(ws: WebSocket): void {
    const session: Session = { subscriptionIds: new Set(), nextSubscriptionId: 0 };
    this.sessions.set(ws, session);
    ws.on('close', () => this.sessions.delete(ws));
    ws.on('message', (data) => this.onMessage(ws, session, String(data)));
  }

  private onMessage(ws: WebSocket, session: Session, text: string): void {
    let msg: { id?: unknown; method?: unknown; params?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      ws.send(JSON.stringify({ id: null, status: 400, error: { code: -1100, msg: 'Malformed request.' } }));
      return;
    }
    const id = msg.id ?? null;
    const method = String(msg.method);
    const params = (msg.params && typeof msg.params === 'object' ? msg.params : {}) as Record<string, unknown>;
    const signed = 'signature' in params;
    try {
      const result = this.call(session, method, params);
      this.deps.log({ method: 'WS', path: method, signed, status: 200 });
      ws.send(JSON.stringify({ id, status: 200, result, rateLimits: RATE_LIMITS }));
    } catch (e) {
      if (!(e instanceof BinanceError)) throw e;
      this.deps.log({ method: 'WS', path: method, signed, status: e.status });
      ws.send(JSON.stringify({ id, status: e.status, error: e.body(), rateLimits: RATE_LIMITS }));
    }
  }

  private call(session: Session, method: string, params: Record<string, unknown>): unknown {
    const { creds, faults } = this.deps;
    switch (method) {
      case 'ping':
        return {};
      case 'time':
        return { serverTime: this.deps.now() };
      case 'userDataStream.subscribe.signature': {
        if (params['apiKey'] !== creds.apiKey) throw new BinanceError(401, -2015, 'Invalid API-key, IP, or permissions for action.');
        if (faults.rejectSignatures) throw new BinanceError(400, -1022, 'Signature for this request is not valid.');
        checkWsSignature(params, creds);
        checkTimestamp(params['timestamp'], params['recvWindow'], this.deps.now());
        const subscriptionId = session.nextSubscriptionId++;
        session.subscriptionIds.add(subscriptionId);
        return { subscriptionId };
      }
      case 'userDataStream.unsubscribe': {
        const which = params['subscriptionId'];
        if (which === undefined) session.subscriptionIds.clear();
        else session.subscriptionIds.delete(Number(which));
        return {};
      }
      case 'session.subscriptions':
        return [...session.subscriptionIds].map((subscriptionId) => ({ subscriptionId }));
      default:
        throw new BinanceError(400, -1020, 'This operation is not supported.');
    }
  }

  onExecution(execution: Execution): void {
    const event = executionReport(execution);
    const copies = this.deps.faults.duplicateFills ? 2 : 1;
    this.afterFillDelay(() => {
      for (let i = 0; i < copies; i++) this.push(event);
      if (execution.trade !== undefined) this.deps.onPoint('fill-sent');
    });
  }

  onListStatus(list: OrderList, time: number): void {
    // Held back with the executionReports, so it never overtakes the leg reports it follows.
    const event = listStatus(list, time);
    this.afterFillDelay(() => this.push(event));
  }

  private afterFillDelay(send: () => void): void {
    const delay = this.deps.faults.fillDelayMs;
    if (delay <= 0) return send();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send();
    }, delay);
    this.timers.add(timer);
  }

  onAccount(assets: string[], time: number): void {
    const venue = this.deps.venue();
    this.push(accountPosition(assets.map((asset) => ({ asset, ...venue.balance(asset) })), time));
  }

  private push(event: Record<string, unknown>): void {
    for (const [ws, session] of this.sessions) {
      for (const subscriptionId of session.subscriptionIds) ws.send(wireText(this.deps.faults, `user ${String(event['e'])}`, { subscriptionId, event }));
    }
  }

  dropAll(): void {
    for (const ws of this.sessions.keys()) ws.terminate();
    this.sessions.clear();
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.dropAll();
  }
}
