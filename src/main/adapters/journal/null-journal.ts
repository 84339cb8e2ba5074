// The journal of a backtest: nothing of a run has to survive it (its outcome is read from the fills as
// the engine books them), so nothing is kept and every write costs nothing. A new fill is always new:
// the paper broker never reports one twice.
import type { Journal, JournalContents } from '../../engine/ports.ts';

export class NullJournal implements Journal {
  upsertOrder(): void {}
  recordFill(): boolean {
    return true;
  }
  recordAdjustment(): void {}
  recordSignal(): void {}
  recordRiskEvent(): void {}
  saveAccount(): void {}
  saveStrategies(): void {}
  commit(): void {}
  load(): JournalContents {
    return { account: null, fills: [], adjustments: [], openOrders: [], recentOrders: [], recentSignals: [], recentRiskEvents: [], strategies: [], latestTime: null };
  }
  close(): void {}
}
