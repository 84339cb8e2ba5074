// What the venue says the account holds against what the desk's fills add up to. The venue is right:
// coins and cash that no fill explains (a deposit, a withdrawal, a trade made outside the desk, a fee
// taken in a way no report said) become adjustments that bring the desk to it.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { Adjustment } from '../ports.ts';

/** Amounts this close to the venue's are the same holding: venues keep 8 decimals, fills add up in floats. */
const HOLDING_SLACK = 1e-9;

export interface HeldView {
  positionSize(symbol: string): number;
  markPrice(symbol: string): number | undefined;
  readonly cash: number;
}

export interface HoldingsDiff {
  adjustments: Adjustment[];
  /** Symbols whose coins differ but have no price yet to value them at. */
  unpriced: string[];
}

const differs = (venue: number, desk: number): boolean => Math.abs(venue - desk) > HOLDING_SLACK * Math.max(1, Math.abs(venue));

/** The adjustments that make the desk hold exactly `totals` of each symbol's base and of the account's quote. */
export function holdingsDiff(totals: Record<string, number>, symbols: readonly SymbolInfo[], quote: string, desk: HeldView, ts: number): HoldingsDiff {
  const adjustments: Adjustment[] = [];
  const unpriced: string[] = [];
  for (const info of symbols) {
    if (info.market !== 'spot' || info.base === quote) continue;
    const venue = totals[info.base] ?? 0;
    const held = desk.positionSize(info.symbol);
    if (!differs(venue, held)) continue;
    const price = desk.markPrice(info.symbol);
    if (price === undefined) unpriced.push(info.symbol);
    else adjustments.push({ ts, asset: info.base, symbol: info.symbol, amount: venue - held, price });
  }
  const cash = totals[quote];
  if (cash !== undefined && differs(cash, desk.cash)) adjustments.push({ ts, asset: quote, symbol: null, amount: cash - desk.cash, price: 1 });
  return { adjustments, unpriced };
}
