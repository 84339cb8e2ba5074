import { createServer, STATUS_CODES, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { EngineHost } from '../engine-host.ts';
import { MAX_MESSAGE_BYTES, serveConnection } from './connection.ts';
import { serveStatic } from './static-files.ts';
import { checkUpgrade, TOKEN_CHECK_PATH, tokenMatches } from './upgrade-check.ts';

export interface HeadlessServerOptions {
  host: EngineHost;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks any free port. */
  port: number;
  /** Default 127.0.0.1: only this machine can connect. */
  bindAddress?: string;
  /** Required on the WebSocket as ?token=. */
  token: string;
  log?: (line: string) => void;
}

export interface HeadlessServer {
  /** Where the UI is, without the token. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 1_000;

/** One HTTP server: the renderer's static files, and the engine over a token-guarded WebSocket at /ws. */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const { host, rendererDir, token } = options;
  const bindAddress = options.bindAddress ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);

  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname === TOKEN_CHECK_PATH) {
      answerTokenCheck(req.url ?? '/', res, token);
      return;
    }
    serveStatic(rendererDir, req, res).catch((error: Error) => {
      log(`Headless: serving ${req.url} failed: ${error.message}`);
      res.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', (error) => log(`Headless: upgrade socket error: ${error.message}`));
    const verdict = checkUpgrade(req.url ?? '/', req.headers, token);
    if (!verdict.ok) {
      log(`Headless: WebSocket refused (${verdict.status}): ${verdict.reason}`);
      refuseUpgrade(socket, verdict.status, verdict.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, host, log));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: bindAddress }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;

  return {
    url: `http://${urlHost(address)}:${port}/`,
    port,
    async close() {
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      const allClosed = Promise.all([...wss.clients].map((client) => new Promise((done) => client.once('close', done))));
      await Promise.race([allClosed, new Promise((done) => setTimeout(done, CLOSE_GRACE_MS).unref())]);
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Whether a token is this desk's: 204 or 401, nothing else. A tab whose WebSocket is refused asks here
 * to tell a wrong token (open the printed address again) from a desk that is down (keep reconnecting).
 */
function answerTokenCheck(requestUrl: string, res: ServerResponse, token: string): void {
  const given = new URL(requestUrl, 'http://localhost').searchParams.get('token');
  res.writeHead(tokenMatches(given, token) ? 204 : 401, { 'Cache-Control': 'no-store' });
  res.end();
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** A wildcard bind is reached through loopback from this machine; IPv6 literals need brackets. */
function urlHost(address: string): string {
  if (address === '0.0.0.0' || address === '::') return '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}
