// Opens a shadow or live desk on an exchange: one exchange object shared by the feed and the broker
// (one rate limiter, one set of sockets), markets and balance read once, every symbol checked.
import type { Desk, ExchangeDeskRequest } from '../../desk.ts';
import type { Clock } from '../../engine/ports.ts';
import { readBalances } from './balances.ts';
import type { CcxtExchange, CcxtModule } from './ccxt-module.ts';
import { loadCcxt } from './ccxt-module.ts';
import { CcxtFeed, type FeedTiming } from './ccxt-feed.ts';
import { describeFailure } from './connection-test.ts';
import { createExchange, type ExchangeOverrides } from './exchange-factory.ts';
import { marketRules } from './exchange-rules.ts';
import { LiveBroker, type LiveTiming } from './live-broker.ts';
import { redactor, type Redactor } from './redact.ts';
import { ShadowBroker } from './shadow-broker.ts';
import { toSymbolInfo } from './symbol-info.ts';
import { errorKind } from './venue-errors.ts';

export interface DeskTiming {
  feed?: Partial<FeedTiming>;
  live?: Partial<LiveTiming>;
}

export interface ExchangeDeskOptions {
  overrides?: ExchangeOverrides;
  timing?: DeskTiming;
}

const wallClock: Clock = { now: () => Date.now() };
/** Waits before retrying a start-up read that got no answer. */
const OPEN_RETRY_MS = [500, 2_000];

export function journalFileFor(mode: 'shadow' | 'live', exchange: { id: string; testnet: boolean }): string {
  return `${mode}-${exchange.id}${exchange.testnet ? '-testnet' : ''}.sqlite`;
}

export async function closeQuietly(exchange: CcxtExchange): Promise<void> {
  try {
    await exchange.close();
  } catch {
    // Already closed or never connected: nothing left to release.
  }
}

async function readTotals(ccxt: CcxtModule, exchange: CcxtExchange, redact: Redactor, quote: string, name: string): Promise<Record<string, number>> {
  const balance = readBalances(await startupRead(ccxt, exchange, redact, 'read the balance', () => exchange.fetchBalance()), quote);
  if ('problem' in balance) {
    throw new Error(`Could not read the balance on ${name}: it sent ${balance.problem}, which cannot be right. Try again in a moment; if it persists, check the account on ${name}.`);
  }
  return balance.total;
}

export async function openExchangeDesk(request: ExchangeDeskRequest, options: ExchangeDeskOptions = {}): Promise<Desk> {
  if (request.mode === 'live' && request.credentials === null) throw new Error(`Live trading on ${request.exchange.id} needs API keys: enter them in Settings.`);
  const ccxt = await loadCcxt();
  const redact = redactor(request.credentials);
  const { mode, log } = request;
  const settings = request.exchange;
  const exchange = createExchange(ccxt, settings, request.credentials, options.overrides);
  const name = exchange.name ?? exchange.id;
  try {
    await startupRead(ccxt, exchange, redact, 'load its markets', () => exchange.loadMarkets());
    const missing = settings.symbols.filter((symbol) => exchange.markets?.[symbol] === undefined);
    if (missing.length > 0) {
      throw new Error(`${name} has no market ${missing.join(', ')}. Use ccxt's unified symbols, like BTC/USDT, and check the spelling in Settings.`);
    }
    const markets = settings.symbols.map((symbol) => exchange.market(symbol));
    const symbols = markets.map((market) => toSymbolInfo(market, Number(exchange.precisionMode)));
    const quote = symbols[0]!.quote;
    // Without keys shadow runs on the exchange's public data: its book and trades, not the account.
    const total = request.credentials === null ? null : await readTotals(ccxt, exchange, redact, quote, name);
    const startingCapital = request.credentials === null ? request.startingCapital : (total?.[quote] ?? 0);
    if (total === null) log(`No API keys for ${name}: shadow runs on its public market data; the account is a simulated ${startingCapital} ${quote} (reading the real balances needs keys).`);
    const feed = new CcxtFeed({ exchange, symbols, log, redact, now: wallClock.now, timing: options.timing?.feed });
    const broker =
      mode === 'live'
        ? new LiveBroker({ ccxt, exchange, symbols, clock: wallClock, log, redact, timing: options.timing?.live })
        : new ShadowBroker({ exchange, rules: markets.map((market, i) => marketRules(market, symbols[i]!)), clock: wallClock, log, holdings: total ?? {} });
    log(`Opened a ${mode} desk on ${name}${settings.testnet ? ' (testnet)' : ''} for ${settings.symbols.join(', ')}; ${quote} balance ${startingCapital}.`);
    return {
      mode,
      feed,
      broker,
      clock: wallClock,
      journalFile: journalFileFor(mode, settings),
      startingCapital,
      async close() {
        feed.stop();
        broker.stop();
        await closeQuietly(exchange);
        await feed.stopped();
      },
    };
  } catch (error) {
    await closeQuietly(exchange);
    throw error;
  }
}

/** A read the desk cannot open without: retried when there was no answer, explained when refused. */
async function startupRead<T>(ccxt: CcxtModule, exchange: CcxtExchange, redact: Redactor, what: string, read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (errorKind(ccxt, error) === 'no-answer' && attempt < OPEN_RETRY_MS.length) {
        await new Promise((resolve) => setTimeout(resolve, OPEN_RETRY_MS[attempt]));
        continue;
      }
      throw new Error(`Could not ${what} on ${exchange.name}. ${describeFailure(ccxt, exchange, error, redact).message}`);
    }
  }
}
