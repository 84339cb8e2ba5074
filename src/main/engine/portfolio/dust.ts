import type { SymbolInfo } from '../../../shared/market.ts';
import { roundDownToLot } from '../quantity.ts';

/** A holding no order can sell: after rounding down to the lot it is below the minimum size or order value. */
export function isDust(size: number, markPrice: number, info: SymbolInfo): boolean {
  if (size === 0) return false;
  const sellable = roundDownToLot(Math.abs(size), info.lotSize);
  return sellable < info.minSize * (1 - 1e-9) || sellable * markPrice < info.minNotional;
}
