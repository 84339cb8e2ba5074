import { direction, formatMoney, formatPercent, formatSignedMoney } from '../../format/number.ts';
import { useTerminal } from '../../store/store.ts';

/** Equity and today's PnL, the two numbers a trader checks first. */
export function AccountFigures() {
  const account = useTerminal((s) => s.portfolio.account);
  const dailyPnl = account?.dailyPnl ?? null;
  const dailyFraction = account && account.dayStartEquity > 0 ? account.dailyPnl / account.dayStartEquity : null;
  return (
    <div className="figures">
      <div className="figure">
        <span className="figure-label">Equity</span>
        <span className="figure-value num" data-testid="equity" data-value={account?.equity}>
          {formatMoney(account?.equity ?? null)}
        </span>
      </div>
      <div className="figure">
        <span className="figure-label">Day PnL</span>
        <span className={`figure-value num tone-${direction(dailyPnl)}`}>
          <span data-testid="daily-pnl" data-value={dailyPnl ?? undefined} data-direction={direction(dailyPnl)}>
            {formatSignedMoney(dailyPnl)}
          </span>
          {dailyFraction !== null ? <small> {formatPercent(dailyFraction)}</small> : null}
        </span>
      </div>
    </div>
  );
}
