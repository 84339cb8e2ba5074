// Numbers as a trader reads them in denial messages: thousands separators, no float noise.
const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const quantity = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });
const percent = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Prices and values: 31,250 or 0.0001234. */
export function formatAmount(value: number): string {
  return Math.abs(value) >= 1 || value === 0 ? money.format(value) : small.format(value);
}

/** Base-currency sizes keep their precision: 0.00125. */
export function formatQuantity(value: number): string {
  return quantity.format(value);
}

/** 0.05 -> '5%', 0.05123 -> '5.12%'. */
export function formatPercent(fraction: number): string {
  return `${percent.format(fraction * 100)}%`;
}
