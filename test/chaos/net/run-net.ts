// A sustained live session through a fault proxy: ccxt talks to the loopback Binance simulator through
// latency, resets mid-request, stalled sockets and dropped websocket messages, in storms with calm
// between. Then the network heals, the desk settles, and the journal, the desk and the exchange must
// agree; and no order may have been placed while the feed was stale.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineHost } from '../../../src/main/engine-host.ts';
import { createRuntime } from '../../../src/main/runtime.ts';
import { PassphraseSecretStore } from '../../../src/main/secrets/passphrase-secret-store.ts';
import { FileSettingsStore } from '../../../src/main/settings/file-settings-store.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings.ts';
import { OPEN_LIMITS, simGateway } from '../../integration/exchange-harness.ts';
import { startBinanceSim } from '../../support/exchange-sim/binance-sim.ts';
import { NO_FAULTS, startFaultProxy, targetOf, type ProxyFaultsPatch } from '../../support/fault-proxy/fault-proxy.ts';
import { TEST_KDF } from '../../support/test-kdf.ts';
import type { AttackResult } from '../attack-result.ts';
import { DeskDriver } from '../desk-driver.ts';
import { auditAgainstExchange } from '../exchange-audit.ts';
import { auditJournal, disagreements } from '../journal-audit.ts';
import { driveVenueMarket } from '../venue-market.ts';
import { FeedObserver } from './feed-observer.ts';

export interface NetRunOptions {
  durationMs: number;
  seed: number;
  command: string;
  log?: (line: string) => void;
}

const SYMBOLS = ['BTC/USDT', 'ETH/USDT'];
const START_BALANCES = { USDT: 1_000_000, BTC: 20, ETH: 300 };
const PASSPHRASE = 'net-chaos-passphrase';
/** The desk's stale limit in this session: short, so storms make symbols stale often. */
const STALE_MS = 2_000;
/** Between ccxt handing over data and the engine reading the clock. */
const CLOCK_GRACE_MS = 50;
const SETTLE_TIMEOUT_MS = 60_000;

/** Storms and calm alternate, so the desk keeps recovering and failing again. */
const STORM_MS = 6_000;
const CALM_MS = 3_000;
const STORM: ProxyFaultsPatch = {
  latency: { probability: 0.3, minMs: 5, maxMs: 250 },
  reset: { http: 0.04, httpCut: 'anywhere', ws: 0.002 },
  stall: { probability: 0.004, minMs: 500, maxMs: 4_000, thenReset: 0.3 },
  dropWsMessage: 0.05,
};

export async function runNetChaos(options: NetRunOptions): Promise<AttackResult> {
  const log = options.log ?? ((): void => {});
  const dataDir = mkdtempSync(join(tmpdir(), 'hft-desk-net-'));
  const sim = await startBinanceSim({ balances: START_BALANCES });
  const market = driveVenueMarket(sim, { BTCUSDT: 60_000, ETHUSDT: 3_000 }, options.seed);
  const proxy = await startFaultProxy({ target: targetOf(sim.urls['public'] as string), seed: options.seed });
  const observer = new FeedObserver();
  const breaches: string[] = [];
  const staleRefusals: string[] = [];
  let storms = 0;
  let weather: ReturnType<typeof setTimeout> | undefined;
  let host: EngineHost | undefined;
  try {
    const settingsStore = new FileSettingsStore(dataDir);
    settingsStore.save({
      ...DEFAULT_SETTINGS,
      mode: 'live',
      riskLimits: { ...OPEN_LIMITS, staleFeedMs: STALE_MS },
      exchange: { id: 'binance', testnet: false, symbols: SYMBOLS },
    });
    const secrets = new PassphraseSecretStore({ dataDir, passphrase: PASSPHRASE, kdf: TEST_KDF });
    secrets.save({ exchangeId: 'binance', apiKey: sim.apiKey, secret: sim.secret });
    host = await createRuntime({
      dataDir,
      settingsStore,
      secrets,
      exchanges: simGateway({ urls: proxy.urls(sim.urls) }, [], undefined, (exchange) => observer.observe(exchange)),
      log: (line) => log(`desk: ${line}`),
    });
    const driver = new DeskDriver(host, {
      onRiskEvent: (code, message) => {
        if (code === 'STALE_FEED') staleRefusals.push(message);
        if (code === 'ORPHAN_ORDER' || code === 'AUTHENTICATION') breaches.push(`${code}: ${message}`);
      },
    });
    await driver.addFastStrategy(SYMBOLS[0]!, 0.002);
    await driver.pump({ symbols: SYMBOLS, orderSize: 0.002, pumpMs: 100, seed: options.seed });

    const stormy = (on: boolean): void => {
      if (on) storms++;
      proxy.setFaults(on ? STORM : NO_FAULTS);
      log(on ? `storm ${storms}` : 'calm');
      weather = setTimeout(() => stormy(!on), on ? STORM_MS : CALM_MS);
    };
    stormy(true);
    await new Promise((resolve) => setTimeout(resolve, options.durationMs));
    clearTimeout(weather);
    proxy.setFaults(NO_FAULTS);
    market.pause();
    const settled = await driver.settle(SETTLE_TIMEOUT_MS);
    const stopping = host;
    host = undefined;
    await stopping.stop();

    const journal = auditJournal(join(dataDir, 'live-binance.sqlite'));
    breaches.push(...journal.problems);
    const exchange = auditAgainstExchange(sim, journal, START_BALANCES);
    breaches.push(...exchange.problems);
    breaches.push(...disagreements(settled, journal));
    // A bracket's exits go out when their entry fills, whatever the feed: they only take risk off, and
    // holding them back would leave the filled entry unprotected (README, risk rules).
    const sentWhileStale = journal.orders.flatMap((o) => {
      const why = observer.staleness(o.symbol, o.ts, STALE_MS, CLOCK_GRACE_MS);
      return why === null ? [] : [{ order: o, text: `${o.clientOrderId} (${o.symbol} at ${new Date(o.ts).toISOString()}): ${why}` }];
    });
    const placedWhileStale = sentWhileStale.filter(({ order }) => order.protects === null).map(({ text }) => text);
    const exitsWhileStale = sentWhileStale.length - placedWhileStale.length;
    for (const order of placedWhileStale) breaches.push(`order ${order} was placed while its feed was stale`);

    const stats = proxy.stats();
    const faults = stats.resets.http + stats.resets.ws + stats.stalls + stats.droppedWsMessages;
    return {
      attack: 'network faults (live)',
      runs: faults,
      unit: 'faults injected',
      lost: exchange.lostFills.length + exchange.wrongFills.length,
      breaches,
      figures: {
        'session s': Math.round(options.durationMs / 1000),
        storms,
        'http resets': stats.resets.http,
        'websocket resets': stats.resets.ws,
        stalls: stats.stalls,
        'dropped websocket messages': `${stats.droppedWsMessages} of ${stats.wsMessages}`,
        'added latency s': Math.round(stats.addedLatencyMs / 1000),
        'stream failures seen by the feed': observer.failureCount(),
        'orders refused as stale': staleRefusals.length,
        'orders placed while stale': placedWhileStale.length,
        "brackets' exits sent while stale (allowed)": exitsWhileStale,
        orders: journal.orders.length,
        fills: journal.fills.length,
        'exchange trades checked': sim.trades().length,
      },
      command: options.command,
      measuredAt: new Date().toISOString(),
    };
  } finally {
    clearTimeout(weather);
    await host?.stop();
    market.stop();
    await proxy.close();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
