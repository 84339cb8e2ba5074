import { z } from 'zod';

export type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';

export const DENIAL_CODES = [
  'TRADING_HALTED',
  'REDUCING_ONLY',
  'DAILY_LOSS_LIMIT',
  'MAX_DRAWDOWN',
  'STALE_FEED',
  'UNKNOWN_SYMBOL',
  'INVALID_ORDER',
  'MAX_POSITION_SIZE',
  'INSUFFICIENT_CAPITAL',
  'RISK_PER_TRADE',
  'DUPLICATE_POSITION',
  'NO_PRICE',
  'INSUFFICIENT_BALANCE',
] as const;
export type DenialCode = (typeof DENIAL_CODES)[number];

export interface Denial {
  code: DenialCode;
  message: string; // a sentence a trader understands, with the numbers
}

export const riskLimitsSchema = z.object({
  /** Largest absolute position value per symbol, in quote currency. */
  maxPositionValue: z.number().positive().max(1e12),
  /** Gross exposure (all positions and open orders) as a multiple of equity. */
  maxGrossExposure: z.number().positive().max(10),
  /** Largest loss one trade may risk, as a fraction of equity (to its stop, or defaultStopPct). */
  riskPerTrade: z.number().positive().max(1),
  /** Stop distance assumed for orders that carry none, as a fraction of price. */
  defaultStopPct: z.number().positive().max(1),
  /** Deny orders that add to a position already held in the same direction. */
  noDuplicatePosition: z.boolean(),
  /** Daily loss (from the UTC day's starting equity) that trips the breaker, as a fraction. */
  dailyLossLimit: z.number().positive().max(1),
  /** Drawdown from peak equity that trips the breaker, as a fraction. */
  maxDrawdown: z.number().positive().max(1),
  /** Market data older than this pauses trading on the symbol (at most a day). */
  staleFeedMs: z.number().int().positive().max(86_400_000),
});
export type RiskLimits = z.infer<typeof riskLimitsSchema>;

export const DEFAULT_RISK_LIMITS: RiskLimits = {
  maxPositionValue: 25_000,
  maxGrossExposure: 1,
  riskPerTrade: 0.01,
  defaultStopPct: 0.02,
  noDuplicatePosition: true,
  dailyLossLimit: 0.05,
  maxDrawdown: 0.2,
  staleFeedMs: 5_000,
};

export interface RiskStatus {
  state: TradingState;
  reason: string | null; // why not ACTIVE
  reasonCode: 'MANUAL_HALT' | 'DAILY_LOSS_LIMIT' | 'MAX_DRAWDOWN' | 'KILL_SWITCH' | null;
  limits: RiskLimits;
  /** How much of each limit is used, 0..1 (or more when breached). */
  usage: {
    dailyLoss: number;
    drawdown: number;
    grossExposure: number;
    largestPosition: number;
  };
  staleSymbols: string[];
}

export interface RiskEvent {
  ts: number;
  kind: 'denied' | 'breaker' | 'halt' | 'resume' | 'kill-switch' | 'day-reset' | 'stale' | 'feed-resumed';
  code: string;
  message: string;
  clientOrderId?: string;
  symbol?: string;
}

/** What the kill switch does, as the screen's button and the app's menu both ask before it. */
export const KILL_SWITCH_EFFECT = 'Cancels every open order, closes every position at market (selling what a thin book leaves on the next books) and halts trading.';
