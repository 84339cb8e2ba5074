import type { TradingMode } from '../../../shared/trading.ts';
import type { Adjustment } from '../ports.ts';
import { formatAmount, formatQuantity } from '../risk/format.ts';

/** The event-log line for an adjustment: what the venue holds that the desk's fills did not explain. */
export function holdingsMessage(adjustment: Adjustment, mode: TradingMode): string {
  const { asset, amount, price } = adjustment;
  const venue = mode === 'shadow' ? 'The exchange account' : 'The exchange';
  if (adjustment.symbol === null) {
    return `${venue} holds ${formatAmount(Math.abs(amount))} ${asset} ${amount > 0 ? 'more' : 'less'} than the desk's fills explain (a deposit, a withdrawal or a trade made elsewhere): cash now matches it.`;
  }
  const how = amount > 0 ? `taken in at the mark, ${formatAmount(price)}, since what it cost is not known` : 'taken out at the position\'s average price';
  return `${venue} holds ${formatQuantity(Math.abs(amount))} ${asset} ${amount > 0 ? 'more' : 'less'} than the desk's fills explain: the ${adjustment.symbol} position now matches it (${how}).`;
}
