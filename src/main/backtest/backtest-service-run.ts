// One backtest from request to stored result: history into the cache, a worker thread for the run,
// progress relayed at most five times a second, and the outcome saved (cancelled runs are not kept:
// their metrics would describe a span nobody asked for).
import type { BacktestProgress, BacktestRequest, BacktestResult } from '../../shared/backtest.ts';
import type { BacktestOutcome } from './backtest-run.ts';
import type { Active, ServiceContext } from './backtest-service-context.ts';
import { ProgressGate, rate } from './backtest-service-progress.ts';
import { BacktestWorker } from './backtest-worker-pool.ts';

/** A finished run as the runs list keeps it. */
export function storedResult(runId: string, request: BacktestRequest, outcome: BacktestOutcome, startedAt: number): BacktestResult {
  const { metrics, trades, equity, fills, candles, events } = outcome;
  return { runId, createdAt: startedAt, request, metrics, events, durationMs: Date.now() - startedAt, trades, equity, fills, candles };
}

/** `onEnd` runs just before the final progress goes out, so a cancel after 'done' answers false. */
export async function executeRun(ctx: ServiceContext, runId: string, request: BacktestRequest, active: Active, onEnd: () => void): Promise<void> {
  const gate = new ProgressGate<BacktestProgress>((payload) => ctx.emit({ event: 'backtest.progress', payload }));
  const base = { runId, processed: 0, total: 0, eventsPerSecond: 0 };
  const finish = (state: 'done' | 'cancelled' | 'failed', fields: Partial<BacktestProgress> = {}): void => {
    onEnd();
    gate.offer({ ...base, ...fields, state }, true);
  };
  let worker: BacktestWorker | undefined;
  let untrack = (): void => {};
  try {
    gate.offer({ ...base, state: 'loading', message: 'loading history' }, true);
    await ctx.fetchHistory(request, active, (message) => gate.offer({ ...base, state: 'loading', message }));
    if (active.cancelled) return finish('cancelled');
    worker = new BacktestWorker(active.stop);
    untrack = ctx.track(worker);
    const startedAt = Date.now();
    let runningSince = performance.now();
    let total = 0;
    const finished = await worker.run(ctx.job(request, runId), (update) => {
      if (update.type === 'running') runningSince = performance.now();
      const processed = update.type === 'progress' ? update.processed : 0;
      total = update.total;
      gate.offer({ ...base, state: 'running', processed, total, eventsPerSecond: rate(processed, runningSince) });
    });
    const { outcome } = finished;
    // A cancelled run stops short of the total the runner announced; a finished one processed it all.
    const totals = { processed: outcome.events, total: Math.max(total, outcome.events), eventsPerSecond: rate(outcome.events, runningSince) };
    if (finished.stopped || active.cancelled) return finish('cancelled', totals);
    ctx.store.save(storedResult(runId, request, outcome, startedAt));
    finish('done', totals);
  } catch (error) {
    // Closing the app ends workers mid-run; that is a cancel, not a failure of the backtest.
    if (active.cancelled) return finish('cancelled');
    finish('failed', { message: (error as Error).message });
  } finally {
    untrack();
    await worker?.close();
  }
}
