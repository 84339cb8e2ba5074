// Feed health as the header shows it: a dot by feed status and a STALE notice naming the markets.
import type { FeedHealth, FeedStatus } from '../../../../shared/market.ts';
import type { RiskStatus } from '../../../../shared/risk.ts';

export type Tone = 'is-ok' | 'is-warn' | 'is-bad';

/** Green when live, amber while connecting or stale, red once stopped. */
export function feedTone(status: FeedStatus): Tone {
  if (status === 'live') return 'is-ok';
  return status === 'stopped' ? 'is-bad' : 'is-warn';
}

export interface StaleNotice {
  symbols: string[];
  /** Short, for the header: "STALE BTC/USDT, ETH/USDT +2". */
  label: string;
  reason: string;
  /** Everything, for the tooltip. */
  title: string;
}

const SHOWN = 2;

export function staleNotice(feed: FeedHealth | null, risk: RiskStatus | null): StaleNotice | null {
  const symbols = risk?.staleSymbols ?? [];
  if (symbols.length === 0 && feed?.status !== 'stale') return null;
  const shown = symbols.slice(0, SHOWN).join(', ');
  const more = symbols.length > SHOWN ? ` +${symbols.length - SHOWN}` : '';
  const label = symbols.length ? `STALE ${shown}${more}` : 'STALE feed';
  const what = symbols.length ? symbols.join(', ') : `the ${feed?.source ?? 'market'} feed`;
  return { symbols, label, reason: 'trading paused', title: `No fresh market data for ${what}: trading paused until it resumes.` };
}
