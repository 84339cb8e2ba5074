// One client connection bridged to its own upstream connection, with the faults applied to what passes.
import { connect, type Socket } from 'node:net';
import { Dice, type FaultProxyStats, type ProxyFaults } from './faults.ts';
import { httpFramers } from './http-framing.ts';
import { Lane } from './lane.ts';
import { WsFrameFilter } from './ws-frames.ts';

export interface ConnectionContext {
  target: { host: string; port: number };
  /** Read on every decision, so a change applies to open connections at once. */
  faults(): ProxyFaults;
  stats: FaultProxyStats;
  closed(connection: ProxiedConnection): void;
}

type ResetKind = 'http' | 'ws';

export class ProxiedConnection {
  private readonly client: Socket;
  private readonly upstream: Socket;
  private readonly context: ConnectionContext;
  private readonly dice: Dice;
  private readonly http = httpFramers();
  private readonly frames: WsFrameFilter;
  private readonly toTarget: Lane;
  private readonly toClient: Lane;
  /** Set once the server answered 101: from then on the bytes are websocket frames. */
  private upgraded = false;
  private stallEnd = 0;
  private stallTimer: NodeJS.Timeout | undefined;
  /** A reset is queued: what arrives after it is never forwarded. */
  private doomed = false;
  private done = false;

  constructor(client: Socket, seed: number, context: ConnectionContext) {
    this.client = client;
    this.context = context;
    this.dice = new Dice(seed);
    this.upstream = connect({ ...context.target, allowHalfOpen: true });
    // Forward each chunk as it comes: Nagle would merge chunks and add delays that are not ours.
    client.setNoDelay(true);
    this.upstream.setNoDelay(true);
    const stalledUntil = (): number => this.stallEnd;
    const { stats } = context;
    this.toTarget = new Lane(client, this.upstream, { stalledUntil, delivered: (n) => { stats.bytes.toTarget += n; } });
    this.toClient = new Lane(this.upstream, client, { stalledUntil, delivered: (n) => { stats.bytes.toClient += n; } });
    this.frames = new WsFrameFilter(() => {
      stats.wsMessages += 1;
      const drop = this.dice.chance(this.context.faults().dropWsMessage);
      if (drop) stats.droppedWsMessages += 1;
      return drop;
    });

    client.on('data', (chunk: Buffer) => this.fromClient(chunk));
    this.upstream.on('data', (chunk: Buffer) => this.fromTarget(chunk));
    client.on('end', () => this.toTarget.end());
    this.upstream.on('end', () => this.toClient.end());
    for (const socket of [client, this.upstream]) {
      // A failure on one side (refused, reset by the peer, broken pipe) reaches the other as a reset.
      socket.on('error', () => this.finish((s) => s.resetAndDestroy()));
      socket.on('close', () => {
        if (this.client.destroyed && this.upstream.destroyed) this.finish(() => undefined);
      });
    }
  }

  /** Tears both sides down at once (the proxy is closing). */
  destroy(): void {
    this.finish((s) => s.destroy());
  }

  private fromClient(chunk: Buffer): void {
    if (this.doomed || this.done) return;
    if (!this.upgraded) this.http.requests.push(chunk);
    else if (this.dice.chance(this.context.faults().reset.ws)) return this.resetAfter(this.toTarget, 'ws');
    this.forward(this.toTarget, chunk);
  }

  private fromTarget(chunk: Buffer): void {
    if (this.doomed || this.done) return;
    if (this.upgraded) {
      if (this.dice.chance(this.context.faults().reset.ws)) return this.resetAfter(this.toClient, 'ws');
      return this.forward(this.toClient, Buffer.concat(this.frames.push(chunk)));
    }
    for (const mark of this.http.responses.push(chunk)) {
      if (mark.kind === 'start') {
        this.context.stats.httpResponses += 1;
        const { reset } = this.context.faults();
        if (!this.dice.chance(reset.http)) continue;
        // The request went through; its answer is cut before or inside the first bytes the server sent back.
        const cut = reset.httpCut === 'before-reply' ? mark.at : mark.at + this.dice.below(chunk.length - mark.at);
        this.forward(this.toClient, chunk.subarray(0, cut));
        return this.resetAfter(this.toClient, 'http');
      }
      this.upgraded = true;
      const frames = this.frames.push(chunk.subarray(mark.at));
      return this.forward(this.toClient, Buffer.concat([chunk.subarray(0, mark.at), ...frames]));
    }
    this.forward(this.toClient, chunk);
  }

  private forward(lane: Lane, data: Buffer): void {
    if (data.length === 0) return;
    this.maybeStall();
    const { latency } = this.context.faults();
    const delay = this.dice.chance(latency.probability) ? this.dice.between(latency.minMs, latency.maxMs) : 0;
    this.context.stats.addedLatencyMs += delay;
    lane.send(data, delay);
  }

  private maybeStall(): void {
    const { stall } = this.context.faults();
    if (this.stallEnd > performance.now() || !this.dice.chance(stall.probability)) return;
    const ms = this.dice.between(stall.minMs, stall.maxMs);
    this.context.stats.stalls += 1;
    if (this.dice.chance(stall.thenReset)) {
      this.stallEnd = Infinity;
      this.stallTimer = setTimeout(() => this.reset(this.upgraded ? 'ws' : 'http'), ms);
    } else {
      this.stallEnd = performance.now() + ms;
    }
  }

  /** Resets once what `lane` already holds has gone, so the cut lands where it was decided. */
  private resetAfter(lane: Lane, kind: ResetKind): void {
    this.doomed = true;
    lane.then(() => this.reset(kind));
  }

  private reset(kind: ResetKind): void {
    if (this.done) return;
    this.context.stats.resets[kind] += 1;
    this.finish((s) => s.resetAndDestroy());
  }

  private finish(close: (socket: Socket) => void): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.stallTimer);
    this.toTarget.clear();
    this.toClient.clear();
    for (const socket of [this.client, this.upstream]) {
      if (!socket.destroyed) close(socket);
    }
    this.context.closed(this);
  }
}
