// A TCP proxy on 127.0.0.1 that sits between a client (ccxt) and a loopback server (the exchange simulator)
// and makes the network misbehave: latency, resets mid-exchange, stalls, dropped websocket messages.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { deriveSeed } from '../../../src/main/adapters/sim/random.ts';
import { ProxiedConnection } from './connection.ts';
import { emptyStats, mergeFaults, NO_FAULTS, type FaultProxyStats, type ProxyFaults, type ProxyFaultsPatch } from './faults.ts';

export { NO_FAULTS, type FaultProxyStats, type ProxyFaults, type ProxyFaultsPatch } from './faults.ts';

export interface FaultProxyOptions {
  target: { host: string; port: number };
  /** Each connection rolls its own dice, seeded from this and its number. */
  seed?: number;
  /** Laid over NO_FAULTS. */
  faults?: ProxyFaultsPatch;
}

export interface FaultProxy {
  port: number;
  /** The same URL map (any nesting) with every URL that points at the target pointed at the proxy instead. */
  urls<T>(targetUrls: T): T;
  /** Changes some faults, for open connections too: `setFaults(NO_FAULTS)` calms everything. */
  setFaults(patch: ProxyFaultsPatch): void;
  faults(): ProxyFaults;
  stats(): FaultProxyStats;
  /** Stops listening and destroys every open connection, both sides. */
  close(): Promise<void>;
}

/** The host and port of a URL, e.g. one of the simulator's: `targetOf(sim.urls['public'] as string)`. */
export function targetOf(url: string): { host: string; port: number } {
  const { hostname, port } = new URL(url);
  return { host: hostname, port: Number(port) };
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  let faults = mergeFaults(NO_FAULTS, options.faults ?? {});
  const seed = options.seed ?? 1;
  const stats = emptyStats();
  const open = new Set<ProxiedConnection>();
  const context = {
    target: options.target,
    faults: () => faults,
    stats,
    closed: (connection: ProxiedConnection) => open.delete(connection),
  };

  const server = createServer({ allowHalfOpen: true }, (client: Socket) => {
    stats.connections += 1;
    open.add(new ProxiedConnection(client, deriveSeed(seed, stats.connections), context));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const targetAuthority = `${options.target.host}:${options.target.port}`;

  return {
    port,
    urls: (targetUrls) => rewrite(targetUrls, targetAuthority, `127.0.0.1:${port}`),
    setFaults: (patch) => { faults = mergeFaults(faults, patch); },
    faults: () => mergeFaults(faults, {}),
    stats: () => ({ ...stats, resets: { ...stats.resets }, bytes: { ...stats.bytes } }),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of open) connection.destroy();
      await closed;
    },
  };
}

function rewrite<T>(value: T, from: string, to: string): T {
  if (typeof value === 'string') {
    return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#]+)/i, (whole, scheme: string, authority: string) =>
      (authority === from ? `${scheme}${to}` : whole)) as T;
  }
  if (Array.isArray(value)) return value.map((item) => rewrite(item, from, to)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewrite(item, from, to)])) as T;
  }
  return value;
}
