import { describe, expect, it } from 'vitest';
import { strategyParamsFor } from './strategy-params.ts';

describe('strategyParamsFor', () => {
  it('fills the parameters a request leaves out from the default momentum strategy', () => {
    expect(strategyParamsFor({ kind: 'momentum', params: { lookback: 20 } })).toEqual({ lookback: 20, threshold: 0.003, orderSize: 0.05 });
  });

  it('rejects a lookback of 1 with a sentence naming the field and the value', () => {
    expect(() => strategyParamsFor({ kind: 'momentum', params: { lookback: 1 } })).toThrow(/momentum strategy's lookback is not valid \(got 1\)/);
  });

  it("rejects another kind's parameter and lists the ones the kind takes", () => {
    expect(() => strategyParamsFor({ kind: 'mean-reversion', params: { lookback: 5 } })).toThrow(
      'The mean-reversion strategy has no parameter lookback; it takes period, stdMultiplier, orderSize, stopLoss, takeProfit, trailingStop, atrPeriod.',
    );
  });
});
