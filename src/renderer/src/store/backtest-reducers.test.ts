import { describe, expect, it } from 'vitest';
import {
  applyBacktestProgress,
  applySweepProgress,
  cacheResult,
  findProgress,
  findSweep,
  removeRun,
  setRuns,
  startRun,
  toggleCompare,
  viewRun,
} from './backtest-reducers.ts';
import { applyDelta, applySnapshot } from './reducers.ts';
import { initialBacktestSlice, initialTerminalState, LIST_LIMITS, type BacktestSlice } from './terminal-state.ts';
import { progress, result, snapshot, summary, sweepProgress } from './test-fixtures.ts';

const apply = (slice: BacktestSlice, ...events: ReturnType<typeof progress>[]): BacktestSlice =>
  events.reduce(applyBacktestProgress, slice);

describe('backtest progress reducer', () => {
  it('keeps the latest progress of each run by id', () => {
    const slice = apply(initialBacktestSlice, progress('r1', 'loading'), progress('r2', 'running', 10), progress('r1', 'running', 500));
    expect(findProgress(slice, 'r1')).toMatchObject({ state: 'running', processed: 500 });
    expect(findProgress(slice, 'r2')).toMatchObject({ state: 'running', processed: 10 });
  });

  it('holds progress that arrives before the run command has answered', () => {
    const early = apply(initialBacktestSlice, progress('r1', 'running', 100));
    const started = startRun(early, 'r1');
    expect(findProgress(started, started.activeRunId)).toMatchObject({ processed: 100 });
  });

  it('ignores anything after a run has settled', () => {
    const done = apply(initialBacktestSlice, progress('r1', 'running', 900), progress('r1', 'done', 1_000, 1_000));
    expect(apply(done, progress('r1', 'running', 950))).toBe(done);
    expect(apply(done, progress('r1', 'failed'))).toBe(done);
  });

  it('does not go backwards: no loading after running, no fewer processed events', () => {
    const running = apply(initialBacktestSlice, progress('r1', 'running', 500));
    expect(apply(running, progress('r1', 'loading'))).toBe(running);
    expect(apply(running, progress('r1', 'running', 400))).toBe(running);
    expect(findProgress(apply(running, progress('r1', 'cancelled', 450)), 'r1')?.state).toBe('cancelled');
  });

  it('keeps a failed run with its sentence', () => {
    const failed = apply(initialBacktestSlice, { ...progress('r1', 'failed'), message: 'The dataset has no rows in that range.' });
    expect(findProgress(failed, 'r1')?.message).toBe('The dataset has no rows in that range.');
  });

  it('is bounded, dropping settled runs before running ones', () => {
    let slice = apply(initialBacktestSlice, progress('live', 'running', 1));
    for (let i = 0; i < LIST_LIMITS.backtestProgress + 5; i++) slice = apply(slice, progress(`r${i}`, 'done', 1, 1));
    expect(slice.progress).toHaveLength(LIST_LIMITS.backtestProgress);
    expect(findProgress(slice, 'live')).not.toBeNull();
    expect(findProgress(slice, 'r0')).toBeNull();
  });
});

describe('sweep progress reducer', () => {
  const cell = { values: { lookback: 10 }, metrics: null };
  it('replaces the sweep with each event and stops at its end', () => {
    let slice = applySweepProgress(initialBacktestSlice, sweepProgress('s1', 'running', 1, [cell]));
    slice = applySweepProgress(slice, sweepProgress('s1', 'running', 3, [cell]));
    expect(findSweep(slice, 's1')?.done).toBe(3);
    expect(applySweepProgress(slice, sweepProgress('s1', 'running', 2))).toBe(slice);
    const done = applySweepProgress(slice, sweepProgress('s1', 'done', 4));
    expect(applySweepProgress(done, sweepProgress('s1', 'running', 4))).toBe(done);
  });
});

describe('runs, results and comparison', () => {
  it('lists runs newest first and drops compare picks of runs that are gone', () => {
    const picked = toggleCompare(toggleCompare(initialBacktestSlice, 'a'), 'gone');
    const slice = setRuns(picked, [summary('a', 1), summary('b', 3), summary('c', 2)]);
    expect(slice.runs?.map((r) => r.runId)).toEqual(['b', 'c', 'a']);
    expect(slice.compareIds).toEqual(['a']);
  });

  it('compares at most two runs, a third pick replacing the older', () => {
    let slice = toggleCompare(initialBacktestSlice, 'a');
    slice = toggleCompare(slice, 'b');
    slice = toggleCompare(slice, 'c');
    expect(slice.compareIds).toEqual(['b', 'c']);
    expect(toggleCompare(slice, 'b').compareIds).toEqual(['c']);
  });

  it('caches a bounded number of results and lists a result the list has not caught up with', () => {
    let slice = setRuns(initialBacktestSlice, [summary('old', 1)]);
    for (let i = 0; i < LIST_LIMITS.backtestResults + 2; i++) slice = cacheResult(slice, result(`r${i}`));
    expect(slice.results).toHaveLength(LIST_LIMITS.backtestResults);
    expect(slice.results[0]?.runId).toBe('r2');
    expect(slice.runs?.some((r) => r.runId === 'r7')).toBe(true);
    expect(slice.runs?.find((r) => r.runId === 'r7')).not.toHaveProperty('equity');
  });

  it('forgets a deleted run everywhere', () => {
    let slice = setRuns(initialBacktestSlice, [summary('a', 1), summary('b', 2)]);
    slice = cacheResult(viewRun(startRun(toggleCompare(slice, 'a'), 'a'), 'a'), result('a'));
    slice = applyBacktestProgress(slice, progress('a', 'done', 1, 1));
    const after = removeRun(slice, 'a');
    expect(after).toMatchObject({ viewRunId: null, activeRunId: null, compareIds: [], results: [], progress: [] });
    expect(after.runs?.map((r) => r.runId)).toEqual(['b']);
  });

  it('survives snapshots and deltas, which do not carry it', () => {
    const state = { ...initialTerminalState, backtest: startRun(initialBacktestSlice, 'r1') };
    const afterSnapshot = applySnapshot(state, snapshot());
    expect(afterSnapshot.backtest).toBe(state.backtest);
    expect(applyDelta(afterSnapshot, { seq: 1, ts: 1 }).backtest).toBe(state.backtest);
  });
});
