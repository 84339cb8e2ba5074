// Sims with ccxt.pro.binance clients pointed at them, for the tests beside this file; closeAll in afterEach.
import ccxt from 'ccxt';
import { pointCcxtAtSim, startBinanceSim, type BinanceSim, type BinanceSimOptions } from './binance-sim.ts';

export type Binance = InstanceType<typeof ccxt.pro.binance>;

const opened: { sim: BinanceSim; exchanges: Binance[] }[] = [];

export async function open(options: BinanceSimOptions = {}): Promise<{ sim: BinanceSim; ex: Binance; another: () => Binance }> {
  const sim = await startBinanceSim(options);
  const entry = { sim, exchanges: [] as Binance[] };
  opened.push(entry);
  const another = (): Binance => {
    const ex = new ccxt.pro.binance({ apiKey: sim.apiKey, secret: sim.secret, enableRateLimit: false });
    pointCcxtAtSim(ex, sim);
    entry.exchanges.push(ex);
    return ex;
  };
  return { sim, ex: another(), another };
}

export async function closeAll(): Promise<void> {
  for (const { sim, exchanges } of opened.splice(0)) {
    for (const ex of exchanges) await ex.close();
    await sim.close();
  }
}

export async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Repeats `action` until `watch` settles: a market subscription is live only once its ack is back. */
export async function pump<T>(watch: Promise<T>, action: () => void): Promise<T> {
  let settled = false;
  const timer = setInterval(() => { if (!settled) action(); }, 25);
  try {
    return await watch;
  } finally {
    settled = true;
    clearInterval(timer);
  }
}

/** Resolves with 'quiet' when `watch` gives nothing within `ms`. */
export function within<T>(watch: Promise<T>, ms: number): Promise<T | 'quiet'> {
  return Promise.race([watch, new Promise<'quiet'>((r) => setTimeout(() => r('quiet'), ms))]);
}

export async function userStreamReady(sim: BinanceSim): Promise<void> {
  await until(() => sim.requests().some((r) => r.path === 'userDataStream.subscribe.signature' && r.status === 200));
}
