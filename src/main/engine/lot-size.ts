/** Rounds a size to the symbol's lot, removing float residue (0.1 + 0.2 → 0.3). */
export function roundToLot(size: number, lotSize: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(lotSize)));
  return Number((Math.round(size / lotSize) * lotSize).toFixed(decimals));
}
