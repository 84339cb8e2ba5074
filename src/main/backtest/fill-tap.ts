// The run reads its fills where the engine books them: a fill counts once the journal accepted it
// (recordFill returns false for a duplicate, which the engine then ignores too).
import type { Fill } from '../../shared/trading.ts';
import type { Journal } from '../engine/ports.ts';

export function tapFills(inner: Journal, onFill: (fill: Fill) => void): Journal {
  return {
    upsertOrder: (order) => inner.upsertOrder(order),
    recordFill(fill) {
      const recorded = inner.recordFill(fill);
      if (recorded) onFill(fill);
      return recorded;
    },
    recordAdjustment: (adjustment) => inner.recordAdjustment(adjustment),
    recordSignal: (signal) => inner.recordSignal(signal),
    recordRiskEvent: (event) => inner.recordRiskEvent(event),
    saveAccount: (state) => inner.saveAccount(state),
    saveStrategies: (configs) => inner.saveStrategies(configs),
    commit: () => inner.commit(),
    load: (limit) => inner.load(limit),
    close: () => inner.close(),
  };
}
