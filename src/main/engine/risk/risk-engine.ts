// Pre-trade risk: every order intent passes here before a broker sees it (cancels and kill-switch
// orders do not). Holds the trading state, trips the loss breakers and explains every denial.
import type { Denial, DenialCode, RiskEvent, RiskLimits, RiskStatus, TradingState } from '../../../shared/risk.ts';
import { isConditional, type OrderIntent } from '../../../shared/trading.ts';
import { bracketProblem, conditionalProblem, stopForRisk } from '../orders/exit-rules.ts';
import type { AccountState } from '../ports.ts';
import { orderShapeProblem, pricedOrderProblem } from '../orders/venue-rules.ts';
import { quoteOf } from '../symbols.ts';
import { atOrAbove, exceeds } from '../tolerance.ts';
import { formatAmount, formatPercent, formatQuantity } from './format.ts';
import { isReducingOrder, type RiskContext, type RiskUsageInput } from './risk-context.ts';
import { spotBalanceProblem } from './spot-balance.ts';

export type { RiskContext, RiskUsageInput } from './risk-context.ts';


export type HaltState = NonNullable<AccountState['halted']>;
export type HaltCode = HaltState['code'];
type BreakerHalt = HaltState & { code: 'DAILY_LOSS_LIMIT' | 'MAX_DRAWDOWN' };

export type ResumeResult =
  | { ok: true; event: RiskEvent; rebaseDrawdown: boolean }
  | { ok: false; denial: Denial };

function reduceOnlyProblem(intent: OrderIntent, position: number): string {
  const held = position === 0 ? 'no position' : `a ${position > 0 ? 'long' : 'short'} position of ${formatQuantity(Math.abs(position))}`;
  return `A reduce-only ${intent.side} of ${formatQuantity(intent.size)} ${intent.symbol} would not reduce a position: you hold ${held}.`;
}

function deny(code: DenialCode, message: string): Denial {
  return { code, message };
}

export class RiskEngine {
  #limits: RiskLimits;
  /** Null while ACTIVE; otherwise why trading is restricted and how far. */
  #halt: HaltState | null;
  readonly #stale = new Set<string>();
  #pendingTrip: RiskEvent | null = null;

  constructor(limits: RiskLimits, halted: HaltState | null = null) {
    this.#limits = limits;
    this.#halt = halted ? { ...halted } : null;
  }

  /** Takes the journaled halt state (or null after an account reset) without replaying events. */
  restore(halted: HaltState | null): void {
    this.#halt = halted ? { ...halted } : null;
    this.#pendingTrip = null;
  }

  get state(): TradingState {
    return this.#halt?.state ?? 'ACTIVE';
  }

  get reasonCode(): HaltCode | null {
    return this.#halt?.code ?? null;
  }

  get limits(): RiskLimits {
    return this.#limits;
  }

  setLimits(limits: RiskLimits): void {
    this.#limits = limits;
  }

  /**
   * Null allows the order. Refusals come in a fixed order (the venue's own rules first, then the trading
   * state, then the account's limits), so the same order always gets the same reason. Allocates nothing
   * on the allowing path; ctx can be one object the engine reuses.
   */
  check(intent: OrderIntent, ctx: RiskContext): Denial | null {
    const { symbol, size, side } = intent;
    const info = ctx.info;
    if (info === null) return deny('UNKNOWN_SYMBOL', `${symbol} is not a symbol the market lists.`);
    const shape = orderShapeProblem(size, intent.type, intent.price, info);
    if (shape !== null) return deny('INVALID_ORDER', shape);
    // Orders already working on this side may fill first: only what is left of the position can be reduced.
    const reducing = isReducingOrder(side, size + ctx.workingSameSide, ctx.position);
    if (this.#halt?.state === 'HALTED' && !(reducing && intent.source === 'manual')) {
      return deny('TRADING_HALTED', `Trading is halted. ${this.#halt.reason} Only orders you place to reduce a position pass; resume trading to place new ones.`);
    }
    const price = ctx.measuredPrice;
    if (price === null || !(price > 0) || !Number.isFinite(price)) {
      return deny('NO_PRICE', `There is no price for ${symbol} yet, so the order's risk cannot be measured.`);
    }
    const priced =
      pricedOrderProblem(size, price, info) ??
      (isConditional(intent.type) ? conditionalProblem(intent, ctx.touch, info) : null) ??
      (intent.exits === undefined ? null : bracketProblem(side, price, intent.exits, info)) ??
      (intent.reduceOnly === true && !reducing ? reduceOnlyProblem(intent, ctx.position) : null);
    if (priced !== null) return deny('INVALID_ORDER', priced);
    if (ctx.feedStale || this.#stale.has(symbol)) {
      return deny(
        'STALE_FEED',
        `Market data for ${symbol} is stale (nothing new for over ${formatAmount(this.#limits.staleFeedMs / 1000)} s), so new orders on it are paused.`,
      );
    }
    if (this.#halt !== null) {
      if (!reducing) return deny('REDUCING_ONLY', this.#reducingOnlyMessage(this.#halt));
    } else {
      const tripped = this.#breakerFor(ctx.dailyLossFraction, ctx.drawdown);
      if (tripped !== null) {
        this.#pendingTrip = this.#trip(tripped, intent.ts);
        if (!reducing) return deny(tripped.code, this.#reducingOnlyMessage(tripped));
      }
    }
    if (reducing) return null;
    if (info.market === 'spot') {
      const balance = spotBalanceProblem(intent, ctx, price, info);
      if (balance !== null) return deny('INSUFFICIENT_BALANCE', balance);
    }
    return this.#checkSize(intent, ctx, price);
  }

  /**
   * The breaker event tripped by the last check(), once; null otherwise. The engine calls it after
   * each check so a trip found while checking an order is journaled like one found by onAccount().
   */
  takeBreakerEvent(): RiskEvent | null {
    const trip = this.#pendingTrip;
    this.#pendingTrip = null;
    return trip;
  }

  /** Called on every equity update. Returns the breaker event when one trips now. */
  onAccount(dailyLossFraction: number, drawdown: number, now: number): RiskEvent | null {
    if (this.#halt !== null) return null;
    const tripped = this.#breakerFor(dailyLossFraction, drawdown);
    return tripped === null ? null : this.#trip(tripped, now);
  }

  /** A new UTC day: the daily loss breaker clears by itself. Returns the resume event when it did. */
  onDayReset(now: number): RiskEvent | null {
    if (this.#halt?.code !== 'DAILY_LOSS_LIMIT') return null;
    this.#halt = null;
    return {
      ts: now,
      kind: 'resume',
      code: 'DAILY_LOSS_LIMIT',
      message: 'A new UTC day has started: the daily loss breaker has cleared and trading is active again.',
    };
  }

  /** A halt after the kill switch changes nothing: its halt, and the selling it started, stay until resume. */
  halt(reason: string | undefined, now: number): RiskEvent {
    if (this.#halt?.code === 'KILL_SWITCH') {
      return { ts: now, kind: 'halt', code: 'KILL_SWITCH', message: 'Trading is already halted by the kill switch; it stays so until you resume.' };
    }
    const note = reason?.trim().replace(/\.+$/, '');
    const text = note ? `Halted by the trader: ${note}.` : 'Halted by the trader.';
    this.#halt = { code: 'MANUAL_HALT', reason: text, state: 'HALTED' };
    return { ts: now, kind: 'halt', code: 'MANUAL_HALT', message: text };
  }

  /** The engine then cancels every working order and flattens every position, bypassing check(). */
  killSwitch(now: number): RiskEvent {
    const text = 'Kill switch engaged: working orders are cancelled and positions closed.';
    this.#halt = { code: 'KILL_SWITCH', reason: text, state: 'HALTED' };
    return { ts: now, kind: 'kill-switch', code: 'KILL_SWITCH', message: text };
  }

  /**
   * The trader's explicit resume. Refused while today's loss is at or over the daily limit. When the
   * drawdown breaker is being cleared (or drawdown is still over its limit), rebaseDrawdown asks the
   * engine to reset peak equity to current equity, so the breaker does not trip again at once.
   */
  resume(now: number, dailyLossFraction: number, drawdown: number): ResumeResult {
    const halt = this.#halt;
    if (halt === null) {
      return { ok: true, rebaseDrawdown: false, event: { ts: now, kind: 'resume', code: 'ACTIVE', message: 'Trading is already active.' } };
    }
    const limits = this.#limits;
    if (atOrAbove(dailyLossFraction, limits.dailyLossLimit)) {
      return {
        ok: false,
        denial: deny(
          'DAILY_LOSS_LIMIT',
          `Today's loss is ${formatPercent(dailyLossFraction)} of the day's starting equity, at or over the ${formatPercent(limits.dailyLossLimit)} daily limit; trading resumes at 00:00 UTC.`,
        ),
      };
    }
    const rebaseDrawdown = halt.code === 'MAX_DRAWDOWN' || atOrAbove(drawdown, limits.maxDrawdown);
    this.#halt = null;
    const message = rebaseDrawdown
      ? `Trading resumed by the trader at a ${formatPercent(drawdown)} drawdown; drawdown is measured from the current equity from now on.`
      : 'Trading resumed by the trader.';
    return { ok: true, rebaseDrawdown, event: { ts: now, kind: 'resume', code: 'RESUME', message } };
  }

  /** True when the symbol's state changed, so the engine logs 'stale' or 'feed-resumed' once. */
  markStale(symbol: string, stale: boolean): boolean {
    if (stale === this.#stale.has(symbol)) return false;
    if (stale) this.#stale.add(symbol);
    else this.#stale.delete(symbol);
    return true;
  }

  isStale(symbol: string): boolean {
    return this.#stale.has(symbol);
  }

  staleSymbols(): string[] {
    return [...this.#stale];
  }

  /** For AccountState.halted in the journal; null while ACTIVE. */
  haltState(): HaltState | null {
    return this.#halt ? { ...this.#halt } : null;
  }

  status(usage: RiskUsageInput): RiskStatus {
    const limits = this.#limits;
    const grossCapacity = limits.maxGrossExposure * usage.equity;
    return {
      state: this.state,
      reason: this.#halt?.reason ?? null,
      reasonCode: this.#halt?.code ?? null,
      limits: { ...limits },
      usage: {
        dailyLoss: usage.dailyLossFraction / limits.dailyLossLimit,
        drawdown: usage.drawdown / limits.maxDrawdown,
        // With no equity left there is no capacity: report it fully used (Infinity does not survive JSON).
        grossExposure: grossCapacity > 0 ? usage.grossExposure / grossCapacity : usage.grossExposure > 0 ? 1 : 0,
        largestPosition: usage.largestPositionValue / limits.maxPositionValue,
      },
      staleSymbols: this.staleSymbols(),
    };
  }

  /** The breaker these readings trip, if any (daily loss first); allocates only when one trips. */
  #breakerFor(dailyLossFraction: number, drawdown: number): BreakerHalt | null {
    const limits = this.#limits;
    if (atOrAbove(dailyLossFraction, limits.dailyLossLimit)) {
      return {
        code: 'DAILY_LOSS_LIMIT',
        state: 'REDUCING',
        reason: `Daily loss breaker tripped: today's loss is ${formatPercent(dailyLossFraction)} of the day's starting equity, at or over the ${formatPercent(limits.dailyLossLimit)} limit.`,
      };
    }
    if (atOrAbove(drawdown, limits.maxDrawdown)) {
      return {
        code: 'MAX_DRAWDOWN',
        state: 'REDUCING',
        reason: `Drawdown breaker tripped: equity is ${formatPercent(drawdown)} below its peak, at or over the ${formatPercent(limits.maxDrawdown)} limit.`,
      };
    }
    return null;
  }

  #trip(halt: BreakerHalt, now: number): RiskEvent {
    this.#halt = halt;
    return { ts: now, kind: 'breaker', code: halt.code, message: halt.reason };
  }

  #reducingOnlyMessage(halt: HaltState): string {
    const until = halt.code === 'DAILY_LOSS_LIMIT' ? 'Until 00:00 UTC' : 'Until you resume trading';
    return `${halt.reason} ${until}, only orders that reduce a position are allowed.`;
  }

  /** Limits on what a non-reducing order adds: position value, gross exposure, risk to stop, duplicates. */
  #checkSize(intent: OrderIntent, ctx: RiskContext, price: number): Denial | null {
    const limits = this.#limits;
    const { symbol, size } = intent;
    const sign = intent.side === 'buy' ? 1 : -1;
    const after = ctx.position + sign * size;
    // The position limit holds even if every working order on this side fills too.
    const worstCase = after + sign * ctx.workingSameSide;

    const positionValue = Math.abs(worstCase) * price;
    if (exceeds(positionValue, limits.maxPositionValue)) {
      const quote = quoteOf(symbol);
      return deny(
        'MAX_POSITION_SIZE',
        `Order would make the ${symbol} position worth ${formatAmount(positionValue)} ${quote}, over the ${formatAmount(limits.maxPositionValue)} ${quote} limit.`,
      );
    }

    // Only the change in this symbol's absolute position adds exposure; a flip first releases the old side.
    const grossAfter = ctx.grossExposure + (Math.abs(after) - Math.abs(ctx.position)) * price;
    const grossAllowed = limits.maxGrossExposure * ctx.equity;
    if (exceeds(grossAfter, grossAllowed)) {
      const quote = quoteOf(symbol);
      return deny(
        'INSUFFICIENT_CAPITAL',
        `Order would bring gross exposure to ${formatAmount(grossAfter)} ${quote}, over the ${formatAmount(grossAllowed)} ${quote} allowed (${formatAmount(limits.maxGrossExposure)}× equity of ${formatAmount(ctx.equity)} ${quote}).`,
      );
    }

    const stop = stopForRisk(intent, price);
    const risk = size * (stop === undefined ? price * limits.defaultStopPct : Math.abs(price - stop));
    const riskAllowed = limits.riskPerTrade * ctx.equity;
    if (exceeds(risk, riskAllowed)) {
      const quote = quoteOf(symbol);
      const toStop = stop === undefined ? `the assumed ${formatPercent(limits.defaultStopPct)} stop` : `its stop at ${formatAmount(stop)}`;
      return deny(
        'RISK_PER_TRADE',
        `Order risks ${formatAmount(risk)} ${quote} to ${toStop}, over the ${formatAmount(riskAllowed)} ${quote} allowed per trade (${formatPercent(limits.riskPerTrade)} of equity).`,
      );
    }

    if (limits.noDuplicatePosition && ctx.position !== 0 && !ctx.positionIsDust && Math.sign(ctx.position) === sign) {
      return deny(
        'DUPLICATE_POSITION',
        `You already hold a ${sign > 0 ? 'long' : 'short'} ${symbol} position of ${formatQuantity(Math.abs(ctx.position))}; adding to it is turned off (no duplicate positions).`,
      );
    }
    if (limits.noDuplicatePosition && ctx.workingSameSide > 0 && Math.sign(ctx.position + sign * ctx.workingSameSide) === sign) {
      return deny(
        'DUPLICATE_POSITION',
        `A ${intent.side} order for ${formatQuantity(ctx.workingSameSide)} ${symbol} is already working; a second one would open a duplicate position (no duplicate positions).`,
      );
    }
    return null;
  }
}
