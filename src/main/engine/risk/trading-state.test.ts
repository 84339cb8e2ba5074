import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../../shared/risk.ts';
import { AccountTracker } from '../portfolio/account-tracker.ts';
import { RiskEngine } from './risk-engine.ts';
import { ctx, intentsAt } from './risk-fixtures.ts';

// Defaults: 5% daily loss, 20% drawdown.
const limits: RiskLimits = { ...DEFAULT_RISK_LIMITS };
const DAY_1 = Date.parse('2025-03-01T09:00:00Z');
const MIDNIGHT = Date.parse('2025-03-02T00:00:00Z');
const intent = intentsAt(DAY_1);

describe('RiskEngine breakers', () => {
  it('trips the daily loss breaker at exactly a 5% loss and not a cent before', () => {
    const account = AccountTracker.start(DAY_1, 100_000);
    const risk = new RiskEngine(limits);
    account.update(DAY_1 + 1, 95_000.01);
    expect(risk.onAccount(account.dailyLossFraction, account.drawdown, DAY_1 + 1)).toBeNull();
    expect(risk.state).toBe('ACTIVE');

    account.update(DAY_1 + 2, 95_000);
    expect(risk.onAccount(account.dailyLossFraction, account.drawdown, DAY_1 + 2)).toEqual({
      ts: DAY_1 + 2,
      kind: 'breaker',
      code: 'DAILY_LOSS_LIMIT',
      message: "Daily loss breaker tripped: today's loss is 5% of the day's starting equity, at or over the 5% limit.",
    });
    expect(risk.state).toBe('REDUCING');
    expect(risk.reasonCode).toBe('DAILY_LOSS_LIMIT');
    expect(risk.onAccount(account.dailyLossFraction, account.drawdown, DAY_1 + 3)).toBeNull();
  });

  it('trips the drawdown breaker at exactly 20% below peak and not a cent before', () => {
    const account = AccountTracker.start(DAY_1, 100_000);
    const risk = new RiskEngine({ ...limits, dailyLossLimit: 0.5 });
    account.update(DAY_1 + 1, 80_000.01);
    expect(risk.onAccount(account.dailyLossFraction, account.drawdown, DAY_1 + 1)).toBeNull();

    account.update(DAY_1 + 2, 80_000);
    const trip = risk.onAccount(account.dailyLossFraction, account.drawdown, DAY_1 + 2);
    expect(trip?.code).toBe('MAX_DRAWDOWN');
    expect(trip?.message).toBe('Drawdown breaker tripped: equity is 20% below its peak, at or over the 20% limit.');
    expect(risk.state).toBe('REDUCING');
  });

  it('names the daily loss breaker when both breakers trip at once', () => {
    const risk = new RiskEngine(limits);
    expect(risk.onAccount(0.25, 0.25, DAY_1)?.code).toBe('DAILY_LOSS_LIMIT');
  });

  it('trips a breaker found while checking an order and denies the order with its code', () => {
    const risk = new RiskEngine(limits);
    const denial = risk.check(intent('buy', 0.1), ctx({ dailyLossFraction: 0.052 }));
    expect(denial).toEqual({
      code: 'DAILY_LOSS_LIMIT',
      message:
        "Daily loss breaker tripped: today's loss is 5.2% of the day's starting equity, at or over the 5% limit. Until 00:00 UTC, only orders that reduce a position are allowed.",
    });
    expect(risk.state).toBe('REDUCING');
    expect(risk.takeBreakerEvent()).toMatchObject({ ts: DAY_1, kind: 'breaker', code: 'DAILY_LOSS_LIMIT' });
    expect(risk.takeBreakerEvent()).toBeNull();
    expect(risk.check(intent('buy', 0.1), ctx({ dailyLossFraction: 0.052 }))?.code).toBe('REDUCING_ONLY');
    expect(risk.takeBreakerEvent()).toBeNull();
  });

  it('lets a reducing order through when a check trips a breaker', () => {
    const risk = new RiskEngine(limits);
    expect(risk.check(intent('sell', 0.1), ctx({ position: 0.3, drawdown: 0.2 }))).toBeNull();
    expect(risk.state).toBe('REDUCING');
    expect(risk.takeBreakerEvent()?.code).toBe('MAX_DRAWDOWN');
  });

  it('lets a closing order through while reducing and denies an opening one, naming the breaker', () => {
    const risk = new RiskEngine(limits);
    risk.onAccount(0, 0.21, DAY_1);
    const long = ctx({ position: 0.3, grossExposure: 15_000, drawdown: 0.21 });
    expect(risk.check(intent('sell', 0.3), long)).toBeNull();
    expect(risk.check(intent('sell', 0.1), long)).toBeNull();
    expect(risk.check(intent('buy', 0.1), long)).toEqual({
      code: 'REDUCING_ONLY',
      message:
        'Drawdown breaker tripped: equity is 21% below its peak, at or over the 20% limit. Until you resume trading, only orders that reduce a position are allowed.',
    });
    expect(risk.check(intent('sell', 0.4), long)?.code).toBe('REDUCING_ONLY'); // flips past zero
    expect(risk.check(intent('sell', 0.1), ctx({ drawdown: 0.21 }))?.code).toBe('REDUCING_ONLY'); // opens a short
  });
});

describe('RiskEngine halt, resume and kill switch', () => {
  it('denies every new order while halted, saying why, lets the trader reduce a position, and allows them again after resume', () => {
    const risk = new RiskEngine(limits);
    expect(risk.halt('Checking the exchange status.', DAY_1)).toEqual({
      ts: DAY_1,
      kind: 'halt',
      code: 'MANUAL_HALT',
      message: 'Halted by the trader: Checking the exchange status.',
    });
    expect(risk.state).toBe('HALTED');
    expect(risk.check(intent('buy', 0.1), ctx({ position: 0.3 }))).toEqual({
      code: 'TRADING_HALTED',
      message: 'Trading is halted. Halted by the trader: Checking the exchange status. Only orders you place to reduce a position pass; resume trading to place new ones.',
    });
    expect(risk.check(intent('sell', 0.1), ctx({ position: 0.3 }))).toBeNull();
    expect(risk.check(intent('sell', 0.1, { source: 'strategy:momentum-btc' }), ctx({ position: 0.3 }))?.code).toBe('TRADING_HALTED');
    expect(risk.check(intent('sell', 0.4), ctx({ position: 0.3 }))?.code).toBe('TRADING_HALTED'); // flips past zero
    expect(risk.check(intent('buy', 0.1, { symbol: 'NOPE/USDT' }), ctx({ info: null }))?.code).toBe('UNKNOWN_SYMBOL');
    expect(risk.haltState()).toEqual({ code: 'MANUAL_HALT', reason: 'Halted by the trader: Checking the exchange status.', state: 'HALTED' });

    const resumed = risk.resume(DAY_1 + 1, 0, 0);
    expect(resumed).toEqual({
      ok: true,
      rebaseDrawdown: false,
      event: { ts: DAY_1 + 1, kind: 'resume', code: 'RESUME', message: 'Trading resumed by the trader.' },
    });
    expect(risk.state).toBe('ACTIVE');
    expect(risk.haltState()).toBeNull();
    expect(risk.check(intent('buy', 0.1), ctx())).toBeNull();
  });

  it('halts without a reason given', () => {
    const risk = new RiskEngine(limits);
    expect(risk.halt(undefined, DAY_1).message).toBe('Halted by the trader.');
    expect(risk.status({ dailyLossFraction: 0, drawdown: 0, grossExposure: 0, equity: 100_000, largestPositionValue: 0 })).toMatchObject({
      state: 'HALTED',
      reasonCode: 'MANUAL_HALT',
      reason: 'Halted by the trader.',
    });
  });

  it('reports a resume while active as a no-op', () => {
    const result = new RiskEngine(limits).resume(DAY_1, 0, 0);
    expect(result).toMatchObject({ ok: true, rebaseDrawdown: false, event: { code: 'ACTIVE', message: 'Trading is already active.' } });
  });

  it('halts on the kill switch until the trader resumes, even across a day roll', () => {
    const risk = new RiskEngine(limits);
    expect(risk.killSwitch(DAY_1)).toEqual({
      ts: DAY_1,
      kind: 'kill-switch',
      code: 'KILL_SWITCH',
      message: 'Kill switch engaged: working orders are cancelled and positions closed.',
    });
    expect(risk.state).toBe('HALTED');
    expect(risk.reasonCode).toBe('KILL_SWITCH');
    expect(risk.check(intent('buy', 0.1), ctx({ position: 0.1 }))?.message).toContain('Kill switch engaged');
    expect(risk.onDayReset(MIDNIGHT)).toBeNull();
    expect(risk.state).toBe('HALTED');
    expect(risk.resume(MIDNIGHT + 1, 0, 0).ok).toBe(true);
    expect(risk.state).toBe('ACTIVE');
  });

  it('refuses to resume while the day is still at the loss limit and clears the breaker at the UTC day roll', () => {
    const account = AccountTracker.start(DAY_1, 100_000);
    const risk = new RiskEngine(limits);
    account.update(DAY_1 + 1, 94_000);
    risk.onAccount(account.dailyLossFraction, account.drawdown, DAY_1 + 1);

    const refused = risk.resume(DAY_1 + 2, account.dailyLossFraction, account.drawdown);
    expect(refused).toEqual({
      ok: false,
      denial: {
        code: 'DAILY_LOSS_LIMIT',
        message: "Today's loss is 6% of the day's starting equity, at or over the 5% daily limit; trading resumes at 00:00 UTC.",
      },
    });
    expect(risk.state).toBe('REDUCING');

    expect(account.update(MIDNIGHT - 1, 94_000)).toBe(false);
    expect(account.update(MIDNIGHT, 94_000)).toBe(true);
    expect(risk.onDayReset(MIDNIGHT)).toEqual({
      ts: MIDNIGHT,
      kind: 'resume',
      code: 'DAILY_LOSS_LIMIT',
      message: 'A new UTC day has started: the daily loss breaker has cleared and trading is active again.',
    });
    expect(risk.state).toBe('ACTIVE');
    expect(risk.onAccount(account.dailyLossFraction, account.drawdown, MIDNIGHT)).toBeNull();
  });

  it('refuses to resume a manual halt on a day over the loss limit, and allows it after the day roll', () => {
    const account = AccountTracker.start(DAY_1, 100_000);
    const risk = new RiskEngine(limits);
    risk.halt('Stepping away.', DAY_1);
    account.update(DAY_1 + 1, 95_000);
    expect(risk.onAccount(account.dailyLossFraction, account.drawdown, DAY_1 + 1)).toBeNull(); // already halted
    expect(risk.resume(DAY_1 + 2, account.dailyLossFraction, account.drawdown).ok).toBe(false);

    account.update(MIDNIGHT + 5_000, 95_000);
    expect(risk.onDayReset(MIDNIGHT + 5_000)).toBeNull(); // a manual halt does not clear itself
    expect(risk.resume(MIDNIGHT + 6_000, account.dailyLossFraction, account.drawdown).ok).toBe(true);
    expect(risk.state).toBe('ACTIVE');
  });

  it('asks for a drawdown re-base when resuming from the drawdown breaker, which then stays clear', () => {
    const account = AccountTracker.start(DAY_1, 100_000);
    const risk = new RiskEngine({ ...limits, dailyLossLimit: 0.5 });
    account.update(DAY_1 + 1, 78_000);
    risk.onAccount(account.dailyLossFraction, account.drawdown, DAY_1 + 1);
    expect(risk.onDayReset(MIDNIGHT)).toBeNull(); // only the daily breaker clears at midnight

    const resumed = risk.resume(DAY_1 + 2, account.dailyLossFraction, account.drawdown);
    expect(resumed).toEqual({
      ok: true,
      rebaseDrawdown: true,
      event: {
        ts: DAY_1 + 2,
        kind: 'resume',
        code: 'RESUME',
        message: 'Trading resumed by the trader at a 22% drawdown; drawdown is measured from the current equity from now on.',
      },
    });
    account.rebasePeak(78_000);
    account.update(DAY_1 + 3, 77_000);
    expect(risk.onAccount(account.dailyLossFraction, account.drawdown, DAY_1 + 3)).toBeNull();
    expect(account.drawdown).toBeCloseTo(1_000 / 78_000, 12);
  });

  it('restores a journaled breaker state and clears it with restore(null)', () => {
    const saved = { code: 'DAILY_LOSS_LIMIT' as const, reason: "Daily loss breaker tripped: today's loss is 5.5% of the day's starting equity, at or over the 5% limit.", state: 'REDUCING' as const };
    const risk = new RiskEngine(limits, saved);
    expect(risk.state).toBe('REDUCING');
    expect(risk.check(intent('buy', 0.1), ctx())?.code).toBe('REDUCING_ONLY');
    expect(risk.haltState()).toEqual(saved);
    risk.restore(null);
    expect(risk.state).toBe('ACTIVE');
    risk.restore({ code: 'KILL_SWITCH', reason: 'Kill switch engaged.', state: 'HALTED' });
    expect(risk.check(intent('buy', 0.1), ctx())?.code).toBe('TRADING_HALTED');
  });
});
