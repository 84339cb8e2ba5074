// "Test keys" on the Settings page: one balance request, and a sentence for whatever went wrong.
import type { ConnectionProblem, ConnectionTest } from '../../../shared/exchange.ts';
import type { CcxtExchange, CcxtModule } from './ccxt-module.ts';
import type { Redactor } from './redact.ts';
import { errorKind, exchangeMessage, type ErrorKind } from './venue-errors.ts';

export function problemOf(kind: ErrorKind): ConnectionProblem {
  switch (kind) {
    case 'auth':
      return 'BAD_KEY';
    case 'permission':
      return 'PERMISSION';
    case 'clock':
      return 'CLOCK_SKEW';
    case 'no-answer':
      return 'NETWORK';
    case 'rate-limit':
      return 'RATE_LIMIT';
    default:
      return 'EXCHANGE';
  }
}

/** A sentence for the trader; the exchange's own words in brackets, never the key or secret. */
export function problemSentence(problem: ConnectionProblem, name: string, detail: string): string {
  switch (problem) {
    case 'BAD_KEY':
      return `The exchange rejected the API key or secret. (${name}: ${detail})`;
    case 'PERMISSION':
      return `The API key works but lacks a permission the desk needs (reading balances, trading), or this IP address is not allowed. (${name}: ${detail})`;
    case 'CLOCK_SKEW':
      return `${name} refused the request's timestamp: the computer's clock is off. Sync the clock with internet time and try again. (${detail})`;
    case 'NETWORK':
      return `Could not reach ${name}: check the internet connection, or the exchange may be down. (${detail})`;
    case 'RATE_LIMIT':
      return `${name} is rate limiting requests from this computer; wait a minute and try again. (${detail})`;
    default:
      return `${name} refused the request: ${detail}`;
  }
}

export function describeFailure(ccxt: CcxtModule, exchange: CcxtExchange, error: unknown, redact: Redactor): { problem: ConnectionProblem; message: string } {
  const problem = problemOf(errorKind(ccxt, error));
  return { problem, message: problemSentence(problem, exchange.name ?? exchange.id, exchangeMessage(error, redact)) };
}

export async function testConnection(ccxt: CcxtModule, exchange: CcxtExchange, redact: Redactor): Promise<ConnectionTest> {
  try {
    const balance = await exchange.fetchBalance();
    const free = balance.free as unknown as Record<string, number | undefined>;
    const total = balance.total as unknown as Record<string, number | undefined>;
    const balances = Object.keys(total ?? {})
      .map((asset) => ({ asset, free: Number(free?.[asset] ?? 0), total: Number(total[asset] ?? 0) }))
      .filter((b) => b.total !== 0 || b.free !== 0)
      .sort((a, b) => a.asset.localeCompare(b.asset));
    const what = balances.length === 0 ? 'the account holds no assets yet' : `${balances.length} asset(s) with a balance`;
    return { ok: true, message: `Connected to ${exchange.name}: ${what}.`, balances };
  } catch (error) {
    return { ok: false, ...describeFailure(ccxt, exchange, error, redact) };
  }
}
