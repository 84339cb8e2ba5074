// Binance's market-data websocket (/ws, /stream): SUBSCRIBE over the socket, or streams named in the URL.
import type { WebSocket } from 'ws';
import type { BookDiff } from './book.ts';
import { wireText, type FaultState } from './faults.ts';
import type { TapeTrade } from './tape.ts';
import type { Venue } from './venue.ts';
import { intervalMs } from './tape.ts';
import * as wire from './wire-format.ts';

interface Conn {
  subs: Set<string>;
  /** /stream?streams=… wraps every event as {stream, data}. */
  combined: boolean;
}

const CHANNEL = /^(trade|aggTrade|ticker|miniTicker|bookTicker|depth(5|10|20)?|kline_\w+)$/;

function parseStream(name: string): { symbol: string; channel: string } | undefined {
  const [symbol, channel, rate] = name.split('@');
  if (!symbol || !channel || !CHANNEL.test(channel)) return undefined;
  if (rate !== undefined && !/^(100|1000)ms$/.test(rate)) return undefined;
  if (channel.startsWith('kline_') && intervalMs(channel.slice(6)) === undefined) return undefined;
  return { symbol: symbol.toUpperCase(), channel };
}

export class MarketStreams {
  private readonly conns = new Map<WebSocket, Conn>();
  private readonly venue: () => Venue;
  private readonly faults: FaultState;
  private readonly now: () => number;

  constructor(venue: () => Venue, faults: FaultState, now: () => number) {
    this.venue = venue;
    this.faults = faults;
    this.now = now;
  }

  attach(ws: WebSocket, url: URL): void {
    const named = url.searchParams.get('streams')?.split('/') ?? [];
    const last = url.pathname.split('/').pop() ?? '';
    if (last.includes('@')) named.push(last);
    const conn: Conn = { subs: new Set(named.filter((n) => parseStream(n))), combined: url.searchParams.has('streams') };
    this.conns.set(ws, conn);
    ws.on('close', () => this.conns.delete(ws));
    ws.on('message', (data) => this.onMessage(ws, conn, String(data)));
  }

  private onMessage(ws: WebSocket, conn: Conn, text: string): void {
    let msg: { method?: unknown; params?: unknown; id?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      ws.send(JSON.stringify({ error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' } }));
      return;
    }
    const id = msg.id ?? null;
    const params = Array.isArray(msg.params) ? msg.params.map(String) : [];
    if (msg.method === 'SUBSCRIBE' || msg.method === 'UNSUBSCRIBE') {
      if (params.some((p) => !parseStream(p))) {
        ws.send(JSON.stringify({ error: { code: 2, msg: 'Invalid request: invalid stream' }, id }));
        return;
      }
      for (const p of params) {
        if (msg.method === 'SUBSCRIBE') conn.subs.add(p);
        else conn.subs.delete(p);
      }
      ws.send(JSON.stringify({ result: null, id }));
    } else if (msg.method === 'LIST_SUBSCRIPTIONS') {
      ws.send(JSON.stringify({ result: [...conn.subs], id }));
    } else if (msg.method === 'SET_PROPERTY' && params[0] === 'combined') {
      conn.combined = Boolean((msg.params as unknown[])[1]);
      ws.send(JSON.stringify({ result: null, id }));
    } else {
      ws.send(JSON.stringify({ error: { code: 2, msg: 'Invalid request: unknown method' }, id }));
    }
  }

  onDepth(symbol: string, diff: BookDiff, time: number): void {
    const book = this.venue().book(symbol);
    this.publish(symbol, (channel) => {
      if (channel === 'depth') {
        return { e: 'depthUpdate', E: time, s: symbol, U: diff.firstUpdateId, u: diff.lastUpdateId, b: wire.levels(diff.bids), a: wire.levels(diff.asks) };
      }
      if (channel.startsWith('depth')) {
        const n = Number(channel.slice(5));
        return { lastUpdateId: book.lastUpdateId, bids: wire.levels(book.levels('bids', n)), asks: wire.levels(book.levels('asks', n)) };
      }
      return channel === 'bookTicker' ? wire.streamBookTicker(symbol, book) : undefined;
    });
  }

  onTape(trade: TapeTrade): void {
    const venue = this.venue();
    const now = this.now();
    const symbol = trade.symbol;
    this.publish(symbol, (channel) => {
      if (channel === 'trade') return wire.streamTrade(trade, now);
      if (channel === 'aggTrade') return wire.streamAggTrade(trade, now);
      if (channel.startsWith('kline_')) {
        const interval = channel.slice(6);
        const candle = venue.tape.candleAt(symbol, interval, trade.time);
        return candle ? wire.streamKline(symbol, interval, candle, now) : undefined;
      }
      const stats = venue.tape.stats24h(symbol, now);
      if (!stats) return undefined;
      if (channel === 'ticker') return wire.streamTicker24h(symbol, stats, trade, venue.book(symbol), now);
      if (channel === 'miniTicker') return wire.streamMiniTicker(symbol, stats, now);
      return undefined;
    });
  }

  /** Sends each subscriber of `symbol` the payload its channel calls for, unless the feed is silenced. */
  private publish(symbol: string, payloadFor: (channel: string) => unknown): void {
    if (this.faults.silenced) return;
    for (const [ws, conn] of this.conns) {
      for (const stream of conn.subs) {
        const parsed = parseStream(stream);
        if (!parsed || parsed.symbol !== symbol) continue;
        const data = payloadFor(parsed.channel);
        if (data === undefined) continue;
        ws.send(wireText(this.faults, `stream ${parsed.channel}`, conn.combined ? { stream, data } : data));
      }
    }
  }

  /** Abrupt loss: no close frame, as when a network path dies. */
  dropAll(): void {
    for (const ws of this.conns.keys()) ws.terminate();
    this.conns.clear();
  }
}
