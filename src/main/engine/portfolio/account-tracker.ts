// Peak equity and the UTC trading day: the reference points the drawdown and daily-loss breakers measure from.
import type { AccountSummary, TradingMode } from '../../../shared/trading.ts';
import type { AccountState } from '../ports.ts';
import type { Portfolio } from './portfolio.ts';

const DAY_MS = 86_400_000;

export type TrackedAccount = Pick<AccountState, 'peakEquity' | 'dayStartEquity' | 'day'>;

/** 'YYYY-MM-DD' of the UTC day holding ts. */
export function utcDay(ts: number): string {
  return new Date(ts).toISOString().slice(0, 10);
}

function dayIndexOf(day: string): number {
  const start = Date.parse(`${day}T00:00:00.000Z`);
  if (!Number.isFinite(start) || utcDay(start) !== day) {
    throw new RangeError(`Account day must be a UTC date like 2025-03-01, got '${day}'.`);
  }
  return start / DAY_MS;
}

function drawdownOf(peak: number, equity: number): number {
  return peak > 0 && equity < peak ? (peak - equity) / peak : 0;
}

function lossFractionOf(dayStart: number, equity: number): number {
  return dayStart > 0 && equity < dayStart ? (dayStart - equity) / dayStart : 0;
}

export class AccountTracker {
  #peak: number;
  #dayStart: number;
  #day: string;
  // Day as a whole number of days since the epoch, so update() compares numbers and allocates nothing.
  #dayIndex: number;
  #equity: number;

  constructor(state: TrackedAccount) {
    this.#dayIndex = dayIndexOf(state.day);
    this.#day = state.day;
    this.#peak = state.peakEquity;
    this.#dayStart = state.dayStartEquity;
    this.#equity = state.dayStartEquity;
  }

  /** A new account: peak and day start both at the current equity. */
  static start(now: number, equity: number): AccountTracker {
    return new AccountTracker({ peakEquity: equity, dayStartEquity: equity, day: utcDay(now) });
  }

  /** Returns true when this update opened a new UTC day (the engine logs 'day-reset' and calls risk.onDayReset). */
  update(now: number, equity: number): boolean {
    let rolled = false;
    const index = Math.floor(now / DAY_MS);
    if (index > this.#dayIndex) {
      this.#dayIndex = index;
      this.#day = utcDay(now);
      this.#dayStart = equity;
      rolled = true;
    }
    if (equity > this.#peak) this.#peak = equity;
    this.#equity = equity;
    return rolled;
  }

  /** Equity that came or went without a trade (a deposit, imported coins): peak and day start move with it, so it is no gain or loss. */
  shift(amount: number): void {
    this.#peak += amount;
    this.#dayStart += amount;
    this.#equity += amount;
  }

  /** The trader resumed past a drawdown breaker: drawdown is measured from here on. */
  rebasePeak(equity: number): void {
    this.#peak = equity;
    this.#equity = equity;
  }

  get peakEquity(): number {
    return this.#peak;
  }

  get dayStartEquity(): number {
    return this.#dayStart;
  }

  get day(): string {
    return this.#day;
  }

  /** Fall from peak equity as a fraction of the peak, 0 at or above the peak. */
  get drawdown(): number {
    return drawdownOf(this.#peak, this.#equity);
  }

  get dailyPnl(): number {
    return this.#equity - this.#dayStart;
  }

  /** Today's loss as a fraction of the day's starting equity, 0 when the day is up. */
  get dailyLossFraction(): number {
    return lossFractionOf(this.#dayStart, this.#equity);
  }

  state(): TrackedAccount {
    return { peakEquity: this.#peak, dayStartEquity: this.#dayStart, day: this.#day };
  }

  /** Valued at the portfolio's current equity, which may be newer than the last update(). */
  summary(portfolio: Portfolio, mode: TradingMode): AccountSummary {
    const equity = portfolio.equity;
    const peak = Math.max(this.#peak, equity);
    return {
      mode,
      startingCapital: portfolio.startingCapital,
      cash: portfolio.cash,
      equity,
      realizedPnl: portfolio.realizedPnl,
      unrealizedPnl: portfolio.unrealizedPnl,
      feesPaid: portfolio.feesPaid,
      peakEquity: peak,
      drawdown: drawdownOf(peak, equity),
      dayStartEquity: this.#dayStart,
      dailyPnl: equity - this.#dayStart,
    };
  }
}
