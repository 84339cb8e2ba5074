// Number formatting for traders: prices to the tick, sizes to the lot, money with separators.
// A fixed locale keeps separators stable across machines (and in tests).
const LOCALE = 'en-US';
const DASH = '—';

const formatters = new Map<number, Intl.NumberFormat>();

function fixed(decimals: number): Intl.NumberFormat {
  let formatter = formatters.get(decimals);
  if (!formatter) {
    formatter = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formatters.set(decimals, formatter);
  }
  return formatter;
}

/** Decimals needed to show a step exactly: 0.01 -> 2, 0.5 -> 1, 1e-8 -> 8, 10 -> 0. */
export function decimalsForStep(step: number): number {
  if (!Number.isFinite(step) || step <= 0) return 2;
  const text = step.toString();
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) {
    const mantissa = text.slice(0, text.indexOf('e'));
    const mantissaDecimals = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
    return Number(exponent[1]) + mantissaDecimals;
  }
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

/**
 * Rounds to the nearest multiple of step. The quotient is trimmed to 12 significant digits first, so a
 * decimal that binary cannot hold exactly (1.005 / 0.01 = 100.49999…) rounds the way it was typed.
 */
export function roundToStep(value: number, step: number): number {
  if (!Number.isFinite(step) || step <= 0) return value;
  const steps = Math.round(Number((value / step).toPrecision(12)));
  return Number((steps * step).toFixed(decimalsForStep(step)));
}

function finite(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function formatPrice(value: number | null | undefined, tickSize: number): string {
  if (!finite(value)) return DASH;
  return fixed(decimalsForStep(tickSize)).format(roundToStep(value, tickSize));
}

export function formatSize(value: number | null | undefined, lotSize: number): string {
  if (!finite(value)) return DASH;
  return fixed(decimalsForStep(lotSize)).format(roundToStep(value, lotSize));
}

/** Venues keep holdings to 8 decimals. */
const HOLDING_DECIMALS = 8;

/**
 * What is held, which a fee taken in the coin leaves off the lot grid (0.01 BTC bought holds 0.00999):
 * the lot's decimals, and more where the holding has them, so a position is never shown rounded up.
 */
export function formatHolding(value: number | null | undefined, lotSize: number): string {
  if (!finite(value)) return DASH;
  const lotDecimals = decimalsForStep(lotSize);
  const exact = value.toFixed(Math.max(lotDecimals, HOLDING_DECIMALS)).replace(/0+$/, '');
  const decimals = Math.max(lotDecimals, exact.length - exact.indexOf('.') - 1);
  return fixed(Math.min(decimals, HOLDING_DECIMALS)).format(Number(exact));
}

/** Quote-currency amounts: thousands separators, 2 decimals. */
export function formatMoney(value: number | null | undefined): string {
  if (!finite(value)) return DASH;
  // Half away from zero, as amounts are read; and no "-0.00" for tiny negative amounts.
  const rounded = Math.sign(value) * roundToStep(Math.abs(value), 0.01);
  return fixed(2).format(rounded === 0 ? 0 : rounded);
}

/** PnL-style amounts: an explicit sign so gains and losses read at a glance. */
export function formatSignedMoney(value: number | null | undefined): string {
  if (!finite(value)) return DASH;
  const text = formatMoney(value);
  return text !== '0.00' && value > 0 ? `+${text}` : text;
}

/** A fraction as a percentage: 0.0525 -> "5.25%". */
export function formatPercent(fraction: number | null | undefined, decimals = 2): string {
  if (!finite(fraction)) return DASH;
  return `${fixed(decimals).format(fraction * 100)}%`;
}

/** A change as a signed percentage: 0.0525 -> "+5.25%", -0.01 -> "-1.00%". */
export function formatSignedPercent(fraction: number | null | undefined, decimals = 2): string {
  if (!finite(fraction)) return DASH;
  // What rounds to zero shows as zero, without a sign ("-0.00%" reads as a loss).
  const shown = Number((fraction * 100).toFixed(decimals)) === 0 ? 0 : fraction;
  const text = formatPercent(shown, decimals);
  return shown > 0 ? `+${text}` : text;
}

export function formatBps(value: number | null | undefined): string {
  if (!finite(value)) return DASH;
  return `${fixed(1).format(value)} bps`;
}

export function formatCount(value: number | null | undefined): string {
  if (!finite(value)) return DASH;
  return fixed(0).format(value);
}

/** Which way a number leans, for colouring: 'up', 'down' or 'flat'. */
export function direction(value: number | null | undefined): 'up' | 'down' | 'flat' {
  if (!finite(value) || Math.abs(value) < 0.005) return 'flat';
  return value > 0 ? 'up' : 'down';
}
