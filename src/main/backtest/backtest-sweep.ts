// A parameter sweep: every cell of a one- or two-parameter grid run as its own backtest on a pool of
// min(cores, cells) workers sharing one stop flag. Progress carries the cells so far; the final
// 'done' carries them all. Only metrics are kept, in the UI, unless the request asks to keep the runs:
// then each cell's run goes to the runs list as it finishes, and the cell names it.
import { availableParallelism } from 'node:os';
import { cellRequest, type SweepCell, type SweepProgress, type SweepRequest } from '../../shared/backtest.ts';
import type { Active, ServiceContext } from './backtest-service-context.ts';
import { ProgressGate } from './backtest-service-progress.ts';
import { storedResult } from './backtest-service-run.ts';
import { runPool } from './backtest-worker-pool.ts';

/** `onEnd` runs just before the final progress goes out, so a cancel after 'done' answers false. */
export async function executeSweep(
  ctx: ServiceContext,
  sweepId: string,
  request: SweepRequest,
  cells: SweepCell[],
  active: Active,
  onEnd: () => void,
): Promise<void> {
  const gate = new ProgressGate<SweepProgress>((payload) => ctx.emit({ event: 'sweep.progress', payload }));
  let done = 0;
  let failure: string | undefined;
  // A copy per event: the UI keeps what it got, and later cells must not change it under its feet.
  const progress = (state: SweepProgress['state'], message?: string): SweepProgress => ({
    sweepId,
    done,
    total: cells.length,
    state,
    cells: cells.map((c) => ({ ...c })),
    ...(message ? { message } : {}),
  });
  const finish = (state: 'done' | 'cancelled' | 'failed', message?: string): void => {
    onEnd();
    gate.offer(progress(state, message), true);
  };
  try {
    gate.offer(progress('running'), true);
    await ctx.fetchHistory(request.base, active, (message) => gate.offer(progress('running', message)));
    if (active.cancelled) return finish('cancelled');
    const requests = cells.map((cell) => cellRequest(request.base, cell));
    const jobs = requests.map((cellRun, index) => ctx.job(cellRun, String(index)));
    await runPool(jobs, availableParallelism(), active.stop, {
      onFinished: (cellJob, finished, startedAt) => {
        if (finished.stopped) return; // a cell cut short by cancel has no honest metrics
        const index = Number(cellJob.jobId);
        cells[index].metrics = finished.outcome.metrics;
        if (request.saveRuns === true) {
          const runId = `${sweepId}-${index + 1}`;
          ctx.store.save(storedResult(runId, requests[index], finished.outcome, startedAt));
          cells[index].runId = runId;
        }
        done++;
        gate.offer(progress('running'));
      },
      onFailed: (_job, error) => {
        failure ??= error.message;
      },
    }, ctx.track);
    if (active.cancelled) finish('cancelled');
    else if (failure !== undefined) finish('failed', failure);
    else finish('done');
  } catch (error) {
    if (active.cancelled) finish('cancelled');
    else finish('failed', (error as Error).message);
  }
}
