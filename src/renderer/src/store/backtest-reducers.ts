// Pure transitions of the backtest slice: progress events, command answers, the compare pick.
import type { BacktestProgress, BacktestRequest, BacktestResult, BacktestSummary, DatasetInfo, SweepProgress } from '../../../shared/backtest.ts';
import { LIST_LIMITS, type BacktestSlice } from './terminal-state.ts';

type RunState = BacktestProgress['state'];
type SweepState = SweepProgress['state'];

/** Finished for good: nothing the engine says later about the run changes it. */
export function isRunSettled(state: RunState): boolean {
  return state === 'done' || state === 'cancelled' || state === 'failed';
}

export function isSweepSettled(state: SweepState): boolean {
  return state !== 'running';
}

/** Order of a run's life: loading, then running, then one of the endings. */
function runStage(state: RunState): number {
  return state === 'loading' ? 0 : state === 'running' ? 1 : 2;
}

/** Drops the oldest entries over the limit, settled ones first so a live run never loses its bar. */
function bounded<T>(list: T[], limit: number, settled: (item: T) => boolean): T[] {
  let result = list;
  while (result.length > limit) {
    const index = result.findIndex(settled);
    result = result.filter((_, i) => i !== (index === -1 ? 0 : index));
  }
  return result;
}

export function findProgress(slice: BacktestSlice, runId: string | null): BacktestProgress | null {
  if (runId === null) return null;
  return slice.progress.find((p) => p.runId === runId) ?? null;
}

export function findResult(slice: BacktestSlice, runId: string | null): BacktestResult | null {
  if (runId === null) return null;
  return slice.results.find((r) => r.runId === runId) ?? null;
}

export function findSweep(slice: BacktestSlice, sweepId: string | null): SweepProgress | null {
  if (sweepId === null) return null;
  return slice.sweeps.find((s) => s.sweepId === sweepId) ?? null;
}

/**
 * The latest word on a run. Ignored when it would go backwards: anything after the run settled, a
 * 'loading' after 'running', or fewer processed events than already seen in the same stage.
 */
export function applyBacktestProgress(slice: BacktestSlice, progress: BacktestProgress): BacktestSlice {
  const held = findProgress(slice, progress.runId);
  if (held) {
    if (isRunSettled(held.state)) return slice;
    const stage = runStage(progress.state);
    const heldStage = runStage(held.state);
    if (stage < heldStage) return slice;
    if (stage === heldStage && progress.processed < held.processed) return slice;
  }
  const others = slice.progress.filter((p) => p.runId !== progress.runId);
  const list = bounded([...others, progress], LIST_LIMITS.backtestProgress, (p) => isRunSettled(p.state));
  return { ...slice, progress: list };
}

/** The same for a sweep: each event carries all its cells, so it replaces the one held. */
export function applySweepProgress(slice: BacktestSlice, progress: SweepProgress): BacktestSlice {
  const held = findSweep(slice, progress.sweepId);
  if (held) {
    if (isSweepSettled(held.state)) return slice;
    if (progress.state === 'running' && progress.done < held.done) return slice;
  }
  const others = slice.sweeps.filter((s) => s.sweepId !== progress.sweepId);
  const list = bounded([...others, progress], LIST_LIMITS.sweeps, (s) => isSweepSettled(s.state));
  return { ...slice, sweeps: list };
}

/** A run this window has just started: the progress bar follows it, starting empty. */
export function startRun(slice: BacktestSlice, runId: string): BacktestSlice {
  return { ...slice, activeRunId: runId };
}

export function startSweep(slice: BacktestSlice, sweepId: string, base: BacktestRequest): BacktestSlice {
  return { ...slice, activeSweepId: sweepId, activeSweepBase: base };
}

export function setDatasets(slice: BacktestSlice, datasets: readonly DatasetInfo[]): BacktestSlice {
  const sorted = [...datasets].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { ...slice, datasets: sorted };
}

const newestFirst = (a: BacktestSummary, b: BacktestSummary): number => b.createdAt - a.createdAt;

/** The engine's list of runs, newest first. Picks of runs that no longer exist are dropped. */
export function setRuns(slice: BacktestSlice, runs: readonly BacktestSummary[]): BacktestSlice {
  const sorted = [...runs].sort(newestFirst);
  const exists = new Set(sorted.map((r) => r.runId));
  const compareIds = slice.compareIds.filter((id) => exists.has(id));
  return {
    ...slice,
    runs: sorted,
    compareIds: compareIds.length === slice.compareIds.length ? slice.compareIds : compareIds,
  };
}

/** A fetched result: cached, and listed among the runs if the list has not caught up yet. */
export function cacheResult(slice: BacktestSlice, result: BacktestResult): BacktestSlice {
  const others = slice.results.filter((r) => r.runId !== result.runId);
  const results = [...others, result].slice(-LIST_LIMITS.backtestResults);
  let runs = slice.runs;
  if (runs && !runs.some((r) => r.runId === result.runId)) {
    const { trades: _trades, equity: _equity, fills: _fills, candles: _candles, ...summary } = result;
    runs = [...runs, summary].sort(newestFirst);
  }
  return { ...slice, results, runs };
}

export function viewRun(slice: BacktestSlice, runId: string | null): BacktestSlice {
  return slice.viewRunId === runId ? slice : { ...slice, viewRunId: runId };
}

/** Ticks or unticks a run for comparison; a third pick replaces the older of the two. */
export function toggleCompare(slice: BacktestSlice, runId: string): BacktestSlice {
  if (slice.compareIds.includes(runId)) return { ...slice, compareIds: slice.compareIds.filter((id) => id !== runId) };
  return { ...slice, compareIds: [...slice.compareIds, runId].slice(-2) };
}

/** Forgets a deleted run everywhere it may be referenced. */
export function removeRun(slice: BacktestSlice, runId: string): BacktestSlice {
  return {
    ...slice,
    runs: slice.runs ? slice.runs.filter((r) => r.runId !== runId) : null,
    results: slice.results.filter((r) => r.runId !== runId),
    progress: slice.progress.filter((p) => p.runId !== runId),
    compareIds: slice.compareIds.filter((id) => id !== runId),
    viewRunId: slice.viewRunId === runId ? null : slice.viewRunId,
    activeRunId: slice.activeRunId === runId ? null : slice.activeRunId,
  };
}
