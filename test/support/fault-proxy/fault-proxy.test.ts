import ccxt from 'ccxt';
import { createServer, request, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { pointCcxtAtSim, startBinanceSim } from '../exchange-sim/binance-sim.ts';
import { startFaultProxy, targetOf, type FaultProxy, type ProxyFaultsPatch } from './fault-proxy.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A tiny HTTP + websocket server: the far end of the proxy in the unit tests. */
async function startUpstream(): Promise<{ port: number; requests: string[]; nextSocket(): Promise<WebSocket> }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.url === '/hold') return; // never answered
    if (req.url === '/chunked') {
      res.write('one,');
      res.write('two,');
      res.end('three');
      return;
    }
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => res.end(req.method === 'POST' ? Buffer.concat(body) : 'hello'));
  });
  const wss = new WebSocketServer({ server });
  const waiting: ((ws: WebSocket) => void)[] = [];
  wss.on('connection', (ws) => waiting.shift()?.(ws));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    nextSocket: () => new Promise((resolve) => waiting.push(resolve)),
  };
}

async function proxyTo(port: number, faults?: ProxyFaultsPatch, seed = 1): Promise<FaultProxy> {
  const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port }, seed, faults });
  cleanups.push(() => proxy.close());
  return proxy;
}

/** Resolves with the status and whole body; rejects if the exchange breaks off anywhere. */
function fetchText(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
      res.on('close', () => { if (!res.complete) reject(new Error('response cut off')); });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Writes `text` on a fresh connection and resolves with everything read until the server closes it. */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(text, 'latin1'));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

async function openClient(port: number): Promise<{ ws: WebSocket; messages: string[]; pings: string[]; closed: Promise<number> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/feed`);
  cleanups.push(() => ws.terminate());
  const messages: string[] = [];
  const pings: string[] = [];
  ws.on('message', (data) => messages.push(String(data)));
  // Frames arrive in order, so once a ping sent after some messages is here, so is everything before it.
  ws.on('ping', (data) => pings.push(String(data)));
  ws.on('error', () => undefined); // a reset surfaces as close code 1006
  const closed = new Promise<number>((resolve) => ws.on('close', resolve));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('close', reject);
  });
  return { ws, messages, pings, closed };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await sleep(5);
  }
}

describe('fault proxy on a local HTTP and websocket server', () => {
  it('passes pipelined HTTP exchanges on one connection through unchanged and counts each response, HEAD answers included', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.port);
    // A HEAD answer announces a length and sends no body: a framer that expects one would lose the next answer.
    const requests = [
      'HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n',
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nposted body',
      'GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    ].join('');

    const direct = await rawExchange(upstream.port, requests);
    const proxied = await rawExchange(proxy.port, requests);
    const withoutDates = (text: string): string => text.replace(/^Date: .*\r\n/gim, '');
    expect(withoutDates(proxied)).toBe(withoutDates(direct));
    expect(proxied).toMatch(/one,[\s\S]*two,[\s\S]*three[\s\S]*posted body[\s\S]*hello$/);
    const stats = proxy.stats();
    expect(stats).toMatchObject({ connections: 1, httpResponses: 4, resets: { http: 0, ws: 0 }, stalls: 0, addedLatencyMs: 0 });
    expect(stats.bytes).toEqual({ toTarget: requests.length, toClient: proxied.length });
  });

  it('drops every websocket message from the server while dropWsMessage is 1 but never a ping, and delivers again once it is 0', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.port, { dropWsMessage: 1 });
    const serverSide = upstream.nextSocket();
    const client = await openClient(proxy.port);
    const server = await serverSide;
    const received: string[] = [];
    server.on('message', (data) => received.push(String(data)));

    server.send('first');
    server.send('second');
    server.ping('after-second');
    await until(() => client.pings.includes('after-second'), 'the ping after the second message');
    expect(client.messages).toEqual([]);
    client.ws.send('client to server is untouched');

    proxy.setFaults({ dropWsMessage: 0 });
    server.send('third');
    server.ping('after-third');
    await until(() => client.pings.includes('after-third'), 'the ping after the third message');
    expect(client.messages).toEqual(['third']);
    await until(() => received.length > 0, 'the client message at the server');
    expect(received).toEqual(['client to server is untouched']);
    expect(proxy.stats()).toMatchObject({ wsMessages: 3, droppedWsMessages: 2 });
  });

  it('drops a fragmented message whole or not at all and keeps 16- and 64-bit length frames intact', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.port, { dropWsMessage: 0.5 }, 3);
    const serverSide = upstream.nextSocket();
    const client = await openClient(proxy.port);
    const server = await serverSide;

    const sent: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const size = [10, 300, 70_000][i % 3]!;
      const message = `${i}:`.padEnd(size, String.fromCharCode(97 + (i % 26)));
      sent.push(message);
      if (i % 2 === 0) {
        server.send(message);
        continue;
      }
      // In three fragments, with a ping between the first two.
      const third = Math.floor(message.length / 3);
      server.send(message.slice(0, third), { fin: false });
      server.ping('between fragments');
      server.send(message.slice(third, 2 * third), { fin: false });
      server.send(message.slice(2 * third), { fin: true });
    }
    server.ping('done');
    await until(() => client.pings.includes('done'), 'the closing ping');

    const { droppedWsMessages, wsMessages } = proxy.stats();
    expect(wsMessages).toBe(30);
    expect(client.messages.length + droppedWsMessages).toBe(30);
    expect(droppedWsMessages).toBeGreaterThan(0);
    expect(client.messages.length).toBeGreaterThan(0);
    const unfragmented70k = [2, 8, 14, 20, 26].map((i) => sent[i]); // each a single 64-bit-length frame
    expect(client.messages.some((m) => unfragmented70k.includes(m))).toBe(true);
    // Every delivered message is one that was sent, whole, in the order sent.
    expect(client.messages).toEqual(sent.filter((m) => client.messages.includes(m)));
  });

  it('resets an HTTP exchange after its request reached the server, and answers again once reset.http is 0', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.port, { reset: { http: 1 } });

    await expect(fetchText(proxy.port, '/hello')).rejects.toThrow(/ECONNRESET|cut off|socket hang up/);
    expect(upstream.requests).toEqual(['GET /hello']);
    expect(proxy.stats().resets).toEqual({ http: 1, ws: 0 });

    proxy.setFaults({ reset: { http: 0 } });
    expect(await fetchText(proxy.port, '/hello')).toEqual({ status: 200, body: 'hello' });
  });

  it('resets a websocket session on both sides when reset.ws is 1, before the message that triggered it gets through', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.port, { reset: { ws: 1 } });
    const serverSide = upstream.nextSocket();
    const client = await openClient(proxy.port);
    const server = await serverSide;
    const received: string[] = [];
    server.on('message', (data) => received.push(String(data)));
    const serverClosed = new Promise<number>((resolve) => server.on('close', resolve));

    client.ws.send('never arrives');
    expect(await client.closed).toBe(1006); // closed without a close frame
    expect(await serverClosed).toBe(1006);
    expect(received).toEqual([]);
    expect(proxy.stats().resets).toEqual({ http: 0, ws: 1 });
  });

  it('keeps websocket messages in order under random latency and counts the delay it added', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.port, { latency: { probability: 1, minMs: 0, maxMs: 20 } });
    const serverSide = upstream.nextSocket();
    const client = await openClient(proxy.port);
    const server = await serverSide;

    const sent = Array.from({ length: 40 }, (_, i) => `tick ${i}`);
    for (const message of sent) {
      server.send(message);
      if (Number(message.slice(5)) % 8 === 0) await sleep(5); // spread over several timer turns
    }
    server.ping('done');
    await until(() => client.pings.includes('done'), 'the closing ping');
    expect(client.messages).toEqual(sent);
    expect(proxy.stats().addedLatencyMs).toBeGreaterThan(0);
  });

  it('stalls a connection for the stall time and then resets it when stall.thenReset is 1', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.port, { stall: { probability: 1, minMs: 150, maxMs: 150, thenReset: 1 } });

    const started = performance.now();
    await expect(fetchText(proxy.port, '/hello')).rejects.toThrow(/ECONNRESET/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    expect(upstream.requests).toEqual([]); // the stall held the request back
    expect(proxy.stats()).toMatchObject({ stalls: 1, resets: { http: 1, ws: 0 } });
  });

  it('destroys every open connection on both sides when closed', async () => {
    const upstream = await startUpstream();
    const proxy = await proxyTo(upstream.port);
    const serverSide = upstream.nextSocket();
    const client = await openClient(proxy.port);
    const server = await serverSide;
    const serverClosed = new Promise((resolve) => server.on('close', resolve));
    const held = fetchText(proxy.port, '/hold');
    await until(() => upstream.requests.includes('GET /hold'), 'the held request at the server');

    await proxy.close();
    await expect(held).rejects.toThrow();
    expect(await client.closed).toBe(1006);
    await serverClosed;
  });

  it('resets the client when the target refuses the connection, and keeps accepting', async () => {
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const port = (gone.address() as AddressInfo).port;
    await new Promise((resolve) => gone.close(resolve));
    const proxy = await proxyTo(port);

    await expect(fetchText(proxy.port, '/hello')).rejects.toThrow(/ECONNRESET|socket hang up/);
    await expect(fetchText(proxy.port, '/hello')).rejects.toThrow(/ECONNRESET|socket hang up/);
    expect(proxy.stats().connections).toBe(2);
  });

  it('points every URL of a nested map that names the target at the proxy and leaves other URLs alone', async () => {
    const proxy = await proxyTo(4567);
    const urls = {
      public: 'http://127.0.0.1:4567/api/v3',
      ws: { spot: 'ws://127.0.0.1:4567/stream/ws', 'ws-api': { spot: 'ws://127.0.0.1:4567/ws-api/v3' } },
      list: ['http://127.0.0.1:4567', 'http://127.0.0.1:45678/x', 'https://api.binance.com/api/v3'],
    };
    expect(proxy.urls(urls)).toEqual({
      public: `http://127.0.0.1:${proxy.port}/api/v3`,
      ws: { spot: `ws://127.0.0.1:${proxy.port}/stream/ws`, 'ws-api': { spot: `ws://127.0.0.1:${proxy.port}/ws-api/v3` } },
      list: [`http://127.0.0.1:${proxy.port}`, 'http://127.0.0.1:45678/x', 'https://api.binance.com/api/v3'],
    });
  });

  it('refuses a probability outside [0, 1] and a range with min above max, keeping the faults it had', async () => {
    const proxy = await proxyTo(4567, { dropWsMessage: 0.25 });
    expect(() => proxy.setFaults({ dropWsMessage: 1.5 })).toThrow(RangeError);
    expect(() => proxy.setFaults({ latency: { minMs: 50, maxMs: 10 } })).toThrow(RangeError);
    expect(proxy.faults().dropWsMessage).toBe(0.25);
    expect(proxy.faults().latency).toEqual({ probability: 0, minMs: 0, maxMs: 0 });
  });
});

describe('ccxt.pro.binance through the fault proxy to the exchange simulator', () => {
  type Binance = InstanceType<typeof ccxt.pro.binance>;

  /** A simulator behind a calm proxy and a ccxt client pointed at the proxy, markets loaded. */
  async function simBehindProxy(): Promise<{ sim: Awaited<ReturnType<typeof startBinanceSim>>; proxy: FaultProxy; ex: Binance }> {
    const sim = await startBinanceSim();
    cleanups.push(() => sim.close());
    const proxy = await startFaultProxy({ target: targetOf(sim.urls['public'] as string), seed: 11 });
    cleanups.push(() => proxy.close());
    const ex = new ccxt.pro.binance({ apiKey: sim.apiKey, secret: sim.secret, enableRateLimit: false });
    pointCcxtAtSim(ex, { urls: proxy.urls(sim.urls) });
    cleanups.push(() => ex.close());
    await ex.loadMarkets();
    return { sim, proxy, ex };
  }

  /** Prints a trade every 25 ms until `watch` settles (a subscription is live only once the server has it). */
  async function printUntil<T>(sim: Awaited<ReturnType<typeof startBinanceSim>>, watch: Promise<T>, price: number): Promise<T> {
    const timer = setInterval(() => sim.printTrade('BTCUSDT', price, 0.1, 'BUY'), 25);
    try {
      return await watch;
    } finally {
      clearInterval(timer);
    }
  }

  const tickerPath = (sim: Awaited<ReturnType<typeof startBinanceSim>>): number =>
    sim.requests().filter((r) => r.path === '/api/v3/ticker/24hr').length;

  it('serves fetchTicker and watchTrades with no fault on, all traffic passing the proxy', async () => {
    const { sim, proxy, ex } = await simBehindProxy();
    sim.printTrade('BTCUSDT', 60_100, 0.2, 'SELL');
    expect((await ex.fetchTicker('BTC/USDT')).last).toBe(60_100);
    const trades = await printUntil(sim, ex.watchTrades('BTC/USDT'), 60_200);
    expect(trades.at(-1)).toMatchObject({ symbol: 'BTC/USDT', price: 60_200 });
    const stats = proxy.stats();
    expect(stats.connections).toBeGreaterThanOrEqual(2); // REST and the market stream
    expect(stats.wsMessages).toBeGreaterThan(0);
    expect(stats.droppedWsMessages).toBe(0);
  });

  it('lets no trade reach watchTrades while every websocket message is dropped, REST still answering, and trades flow once drops stop', async () => {
    const { sim, proxy, ex } = await simBehindProxy();
    proxy.setFaults({ dropWsMessage: 1 });
    let delivered = false;
    const watch = ex.watchTrades('BTC/USDT').then((trades) => {
      delivered = true;
      return trades;
    });
    const printing = printUntil(sim, watch, 60_300);
    await until(() => proxy.stats().droppedWsMessages >= 5, 'five dropped messages');
    expect(delivered).toBe(false);
    expect((await ex.fetchTicker('BTC/USDT')).last).toBe(60_300);

    proxy.setFaults({ dropWsMessage: 0 });
    expect((await printing).at(-1)).toMatchObject({ price: 60_300 });
  });

  it('fails every REST call with NetworkError after the simulator received it when reset.http is 1 and the cut is before the reply', async () => {
    const { sim, proxy, ex } = await simBehindProxy();
    proxy.setFaults({ reset: { http: 1, httpCut: 'before-reply' } });
    for (let i = 0; i < 3; i += 1) {
      await expect(ex.fetchTicker('BTC/USDT')).rejects.toBeInstanceOf(ccxt.NetworkError);
    }
    expect(tickerPath(sim)).toBe(3);
    expect(proxy.stats().resets.http).toBe(3);
  });

  it('fails every REST call as a network failure when reset.http is 1 and the cut lands anywhere in the reply', async () => {
    const { sim, proxy, ex } = await simBehindProxy();
    proxy.setFaults({ reset: { http: 1 } });
    for (let i = 0; i < 6; i += 1) {
      const error: unknown = await ex.fetchTicker('BTC/USDT').then(() => undefined, (e: unknown) => e);
      // A cut inside the body reaches ccxt after it has the headers, and it lets the socket error out raw.
      const networkFailure = error instanceof ccxt.NetworkError || (error as { code?: string } | undefined)?.code === 'ECONNRESET';
      expect(networkFailure, String(error)).toBe(true);
    }
    expect(tickerPath(sim)).toBe(6);
    expect(proxy.stats().resets.http).toBe(6);
  });

  it('adds at least the configured latency to each direction of a REST round trip', async () => {
    const { proxy, ex } = await simBehindProxy();
    proxy.setFaults({ latency: { probability: 1, minMs: 120, maxMs: 120 } });
    const started = performance.now();
    await ex.fetchTicker('BTC/USDT');
    expect(performance.now() - started).toBeGreaterThanOrEqual(240); // the request, then the answer
    expect(proxy.stats().addedLatencyMs).toBeGreaterThanOrEqual(240);
  });

  it('holds a REST call back for at least the stall time, then lets it complete', async () => {
    const { proxy, ex } = await simBehindProxy();
    proxy.setFaults({ stall: { probability: 1, minMs: 250, maxMs: 250, thenReset: 0 } });
    const started = performance.now();
    expect((await ex.fetchTicker('BTC/USDT')).symbol).toBe('BTC/USDT');
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(proxy.stats().stalls).toBeGreaterThanOrEqual(1);
    expect(proxy.stats().resets).toEqual({ http: 0, ws: 0 });
  });
});
