// Shared by the tests that hold a backtest loop (candles, trade prints) to the event path: the event
// path run with a journal, which also tells what happened in it, and the comparison of two outcomes.
import { expect } from 'vitest';
import type { BacktestRequest } from '../../src/shared/backtest.ts';
import type { MarketEvent, SymbolInfo } from '../../src/shared/market.ts';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../src/shared/risk.ts';
import { SqliteJournal } from '../../src/main/adapters/journal/sqlite-journal.ts';
import type { BacktestOutcome } from '../../src/main/backtest/backtest-run.ts';
import { runBacktest } from '../../src/main/backtest/run-backtest.ts';

/** What the journal of the event path saw: orders risk refused, breakers tripped, fills of desk-held exits. */
export interface Seen {
  denials: number;
  breakers: string[];
  exitFills: number;
}

/** The full engine on `events`, journaled. */
export async function eventPath(req: BacktestRequest, info: SymbolInfo, events: MarketEvent[], limits: RiskLimits = DEFAULT_RISK_LIMITS): Promise<{ outcome: BacktestOutcome; seen: Seen }> {
  const journal = new SqliteJournal(':memory:');
  try {
    const outcome = await runBacktest({ request: req, symbol: info, riskLimits: limits, events }, {}, journal);
    const saved = journal.load(1_000_000);
    return {
      outcome,
      seen: {
        denials: saved.recentRiskEvents.filter((e) => e.kind === 'denied').length,
        breakers: saved.recentRiskEvents.filter((e) => e.kind === 'breaker').map((e) => e.code),
        exitFills: saved.fills.filter((f) => /-(sl|tp|ts)$/.test(f.clientOrderId)).length,
      },
    };
  } finally {
    journal.close();
  }
}

/** Every fill, round trip, equity point, price bar and metric equal, exactly. */
export function expectSameOutcome(actual: BacktestOutcome, expected: BacktestOutcome): void {
  expect(actual.fills).toEqual(expected.fills);
  expect(actual.trades).toEqual(expected.trades);
  expect(actual.equity).toEqual(expected.equity);
  expect(actual.metrics).toEqual(expected.metrics);
  expect(actual.candles).toEqual(expected.candles);
}

/** How many random cases reached what a loop must get right: fills, refusals, breakers, exits. */
export class Coverage {
  cases = 0;
  withFills = 0;
  denials = 0;
  breakers = 0;
  exitFills = 0;

  count(outcome: BacktestOutcome, seen: Seen): void {
    this.cases++;
    if (outcome.fills.length > 0) this.withFills++;
    if (seen.denials > 0) this.denials++;
    if (seen.breakers.length > 0) this.breakers++;
    if (seen.exitFills > 0) this.exitFills++;
  }

  /** Printed with HFT_PROPERTY_STATS set. */
  report(name: string): void {
    if (process.env.HFT_PROPERTY_STATS) console.log(`${name}:`, { ...this });
  }
}
