// A spot account trades only what it holds: it sells the coins it has and buys with the cash it has.
// The exchange refuses anything else ("insufficient balance"), so paper and backtests refuse it too.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { OrderIntent } from '../../../shared/trading.ts';
import { exceeds } from '../tolerance.ts';
import { formatAmount, formatQuantity } from './format.ts';
import type { RiskContext } from './risk-context.ts';

/** Why a spot venue would refuse the order for lack of balance, or null. `price` is what it fills at. */
export function spotBalanceProblem(intent: OrderIntent, ctx: RiskContext, price: number, info: SymbolInfo): string | null {
  if (intent.side === 'sell') {
    const free = Math.max(0, ctx.position - ctx.workingSameSide);
    if (!exceeds(intent.size, free)) return null;
    const promised = ctx.workingSameSide > 0 ? ` (${formatQuantity(ctx.workingSameSide)} more is in working sell orders)` : '';
    return `${info.symbol} is a spot market: you can sell only the ${info.base} you hold, ${formatQuantity(free)} free${promised}, not ${formatQuantity(intent.size)}. Selling more would go short, which spot cannot do.`;
  }
  const cost = intent.size * price;
  if (!exceeds(cost, ctx.freeCash)) return null;
  return `Buying ${formatQuantity(intent.size)} ${info.symbol} costs about ${formatAmount(cost)} ${info.quote}, more than the ${formatAmount(Math.max(0, ctx.freeCash))} ${info.quote} free (cash not already promised to working buy orders).`;
}
