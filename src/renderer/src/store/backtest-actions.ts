// Backtest and sweep commands, and what the bridge does with their progress events. Like actions.ts,
// each returns the CommandResult for the calling form and folds successful answers into the store.
import type { BacktestProgress, SweepProgress } from '../../../shared/backtest.ts';
import type { CommandRequest, CommandResult } from '../../../shared/contract.ts';
import {
  applyBacktestProgress,
  applySweepProgress,
  cacheResult,
  findProgress,
  findResult,
  findSweep,
  isRunSettled,
  isSweepSettled,
  removeRun,
  setDatasets,
  setRuns,
  startRun,
  startSweep,
  toggleCompare,
  viewRun,
} from './backtest-reducers.ts';
import { engine } from './engine.ts';
import { useTerminal } from './store.ts';
import type { BacktestSlice } from './terminal-state.ts';

function updateBacktest(change: (slice: BacktestSlice) => BacktestSlice): void {
  useTerminal.setState((s) => {
    const backtest = change(s.backtest);
    return backtest === s.backtest ? s : { ...s, backtest };
  });
}

const backtest = (): BacktestSlice => useTerminal.getState().backtest;

export async function loadDatasets(): Promise<CommandResult<'backtest.datasets'>> {
  const result = await engine.invoke('backtest.datasets', {});
  if (result.ok) {
    const list = result.value;
    updateBacktest((s) => setDatasets(s, list));
  }
  return result;
}

export async function loadRuns(): Promise<CommandResult<'backtest.list'>> {
  const result = await engine.invoke('backtest.list', {});
  if (result.ok) {
    const runs = result.value;
    updateBacktest((s) => setRuns(s, runs));
  }
  return result;
}

const pendingResults = new Map<string, Promise<CommandResult<'backtest.get'>>>();

/** The full result of a run, from the cache or the engine; one request per run at a time. */
export function loadResult(runId: string): Promise<CommandResult<'backtest.get'>> {
  const cached = findResult(backtest(), runId);
  if (cached) return Promise.resolve({ ok: true, value: cached });
  let pending = pendingResults.get(runId);
  if (!pending) {
    pending = engine.invoke('backtest.get', { runId }).then((result) => {
      pendingResults.delete(runId);
      if (result.ok) {
        const value = result.value;
        updateBacktest((s) => cacheResult(s, value));
      }
      return result;
    });
    pendingResults.set(runId, pending);
  }
  return pending;
}

/** A run that has just finished well: its result is shown and the list of runs catches up. */
function onRunDone(runId: string): void {
  void loadRuns();
  const slice = backtest();
  if (slice.activeRunId === runId || slice.viewRunId === runId) void loadResult(runId);
}

/** Starts a run; the progress bar follows it and its result is shown once done. */
export async function runBacktest(request: CommandRequest<'backtest.run'>): Promise<CommandResult<'backtest.run'>> {
  const result = await engine.invoke('backtest.run', request);
  if (result.ok) {
    const { runId } = result.value;
    updateBacktest((s) => viewRun(startRun(s, runId), runId));
    // A short run may have finished before its own answer arrived.
    if (findProgress(backtest(), runId)?.state === 'done') onRunDone(runId);
  }
  return result;
}

export function cancelBacktest(runId: string): Promise<CommandResult<'backtest.cancel'>> {
  return engine.invoke('backtest.cancel', { runId });
}

/** The bridge's handler for 'backtest.progress'. */
export function receiveBacktestProgress(progress: BacktestProgress): void {
  const before = findProgress(backtest(), progress.runId);
  updateBacktest((s) => applyBacktestProgress(s, progress));
  const after = findProgress(backtest(), progress.runId);
  const settledNow = after !== before && after !== null && isRunSettled(after.state);
  if (settledNow && after.state === 'done') onRunDone(progress.runId);
}

/** Shows a past run in the result view, fetching it if needed. */
export function showRun(runId: string): Promise<CommandResult<'backtest.get'>> {
  updateBacktest((s) => viewRun(s, runId));
  return loadResult(runId);
}

/** Ticks or unticks a run for comparison, fetching its result for the chart. */
export function toggleCompareRun(runId: string): void {
  updateBacktest((s) => toggleCompare(s, runId));
  if (backtest().compareIds.includes(runId)) void loadResult(runId);
}

export async function deleteRun(runId: string): Promise<CommandResult<'backtest.delete'>> {
  const result = await engine.invoke('backtest.delete', { runId });
  // Gone already is as good as deleted: drop it here too.
  if (result.ok || result.error.code === 'NOT_FOUND') updateBacktest((s) => removeRun(s, runId));
  return result;
}

/** The CSV the engine renders; the caller turns it into a download. */
export function exportRun(runId: string, what: 'trades' | 'metrics'): Promise<CommandResult<'backtest.export'>> {
  return engine.invoke('backtest.export', { runId, what });
}

export async function runSweep(request: CommandRequest<'sweep.run'>): Promise<CommandResult<'sweep.run'>> {
  const result = await engine.invoke('sweep.run', request);
  if (result.ok) {
    const { sweepId } = result.value;
    updateBacktest((s) => startSweep(s, sweepId, request.base));
  }
  return result;
}

export function cancelSweep(sweepId: string): Promise<CommandResult<'sweep.cancel'>> {
  return engine.invoke('sweep.cancel', { sweepId });
}

/** The bridge's handler for 'sweep.progress'. */
export function receiveSweepProgress(progress: SweepProgress): void {
  const before = findSweep(backtest(), progress.sweepId);
  updateBacktest((s) => applySweepProgress(s, progress));
  const after = findSweep(backtest(), progress.sweepId);
  // A sweep that kept its runs has added them to the list.
  const settledNow = after !== before && after !== null && isSweepSettled(after.state);
  if (settledNow && after.cells.some((cell) => cell.runId !== undefined)) void loadRuns();
}
