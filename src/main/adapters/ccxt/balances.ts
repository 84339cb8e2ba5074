// An account balance from ccxt, checked before the desk opens on it or shadow mode checks orders
// against it: a reply that was not JSON, or an amount that is no number or below zero, cannot be right.
import { shown } from './bad-data-log.ts';

export interface Balances {
  /** Per asset, finite and at least 0; assets without a readable amount are left out. */
  free: Record<string, number>;
  total: Record<string, number>;
}

const readable = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** The balances, or the problem with them ('USDT total -100'). `quote` must be readable when listed. */
export function readBalances(balance: unknown, quote?: string): Balances | { problem: string } {
  const raw = balance as { info?: unknown; free?: unknown; used?: unknown; total?: unknown } | null;
  // ccxt keeps the reply as `info`: text there means the reply was not the JSON it parsed.
  if (raw === null || typeof raw !== 'object' || typeof raw.info === 'string') return { problem: 'a reply that is not an account balance' };
  const out: Balances = { free: {}, total: {} };
  for (const which of ['free', 'used', 'total'] as const) {
    const amounts = raw[which];
    if (amounts === undefined || amounts === null) continue;
    if (typeof amounts !== 'object') return { problem: `${which} ${shown(amounts)}` };
    for (const [asset, amount] of Object.entries(amounts as Record<string, unknown>)) {
      if (amount === undefined || amount === null) continue;
      if (!readable(amount)) return { problem: `${asset} ${which} ${shown(amount)}` };
      if (which !== 'used') out[which][asset] = amount;
    }
  }
  const listed = (which: 'free' | 'used' | 'total'): boolean => Object.hasOwn((raw[which] as object | null | undefined) ?? {}, quote ?? '');
  if (quote !== undefined && (listed('free') || listed('used') || listed('total')) && out.total[quote] === undefined) {
    return { problem: `${quote} total ${shown((raw.total as Record<string, unknown> | undefined)?.[quote])}` };
  }
  return out;
}
