import { beforeEach, describe, expect, it } from 'vitest';
import {
  deleteRun,
  loadResult,
  receiveBacktestProgress,
  receiveSweepProgress,
  runBacktest,
  runSweep,
  showRun,
  toggleCompareRun,
} from './backtest-actions.ts';
import { findProgress, findResult, findSweep } from './backtest-reducers.ts';
import { installFakeEngine, type FakeEngine } from './fake-engine.ts';
import { useTerminal } from './store.ts';
import { initialTerminalState } from './terminal-state.ts';
import { backtestRequest, progress, result, summary, sweepProgress } from './test-fixtures.ts';

let fake: FakeEngine;
const slice = () => useTerminal.getState().backtest;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  useTerminal.setState(initialTerminalState, true);
  fake = installFakeEngine();
  fake.answer('backtest.list', () => ({ ok: true, value: [summary('r1', 5)] }));
  fake.answer('backtest.get', ({ runId }) => ({ ok: true, value: result(runId) }));
});

describe('backtest actions', () => {
  it('follows the run it started and fetches its result when done', async () => {
    fake.answer('backtest.run', () => ({ ok: true, value: { runId: 'r1' } }));
    await runBacktest(backtestRequest);
    expect(slice()).toMatchObject({ activeRunId: 'r1', viewRunId: 'r1' });
    receiveBacktestProgress(progress('r1', 'running', 500));
    expect(fake.calls.map((c) => c.command)).toEqual(['backtest.run']);
    receiveBacktestProgress(progress('r1', 'done', 1_000));
    await flush();
    expect(fake.calls.map((c) => c.command)).toEqual(['backtest.run', 'backtest.list', 'backtest.get']);
    expect(findResult(slice(), 'r1')?.equity).toHaveLength(3);
    expect(slice().runs?.map((r) => r.runId)).toEqual(['r1']);
  });

  it('still fetches the result when the run finished before its own answer arrived', async () => {
    fake.answer('backtest.run', async () => {
      receiveBacktestProgress(progress('r1', 'done', 1_000));
      return { ok: true, value: { runId: 'r1' } };
    });
    await runBacktest(backtestRequest);
    await flush();
    expect(findResult(slice(), 'r1')).not.toBeNull();
  });

  it('does not fetch again when a duplicate done event arrives', async () => {
    fake.answer('backtest.run', () => ({ ok: true, value: { runId: 'r1' } }));
    await runBacktest(backtestRequest);
    receiveBacktestProgress(progress('r1', 'done', 1_000));
    receiveBacktestProgress(progress('r1', 'done', 1_000));
    await flush();
    expect(fake.calls.filter((c) => c.command === 'backtest.get')).toHaveLength(1);
  });

  it('leaves the store alone when the engine refuses a run', async () => {
    fake.answer('backtest.run', () => ({ ok: false, error: { code: 'REFUSED', message: 'A backtest is already running.' } }));
    const answer = await runBacktest(backtestRequest);
    expect(answer.ok).toBe(false);
    expect(slice().activeRunId).toBeNull();
  });

  it('keeps a failed run in the store without fetching anything', async () => {
    receiveBacktestProgress({ ...progress('r9', 'failed'), message: 'No candles for XYZ/USDT.' });
    await flush();
    expect(findProgress(slice(), 'r9')?.message).toBe('No candles for XYZ/USDT.');
    expect(fake.calls).toEqual([]);
  });

  it('asks for a result once however many panels want it', async () => {
    await Promise.all([loadResult('r1'), showRun('r1'), loadResult('r1')]);
    await loadResult('r1');
    expect(fake.calls.filter((c) => c.command === 'backtest.get')).toHaveLength(1);
    expect(slice().viewRunId).toBe('r1');
  });

  it('fetches a run ticked for comparison', async () => {
    toggleCompareRun('r2');
    await flush();
    expect(slice().compareIds).toEqual(['r2']);
    expect(findResult(slice(), 'r2')).not.toBeNull();
  });

  it('drops a deleted run, and one the engine no longer has', async () => {
    fake.answer('backtest.delete', ({ runId }) =>
      runId === 'r1' ? { ok: true, value: { deleted: 'r1' } } : { ok: false, error: { code: 'NOT_FOUND', message: 'no such run' } },
    );
    fake.answer('backtest.list', () => ({ ok: true, value: [summary('r1', 5), summary('r2', 4), summary('r3', 3)] }));
    await showRun('r1');
    useTerminal.setState((s) => ({ ...s, backtest: { ...s.backtest, runs: [summary('r1', 5), summary('r2', 4), summary('r3', 3)] } }));
    await deleteRun('r1');
    await deleteRun('r2');
    expect(slice().runs?.map((r) => r.runId)).toEqual(['r3']);
    expect(slice().viewRunId).toBeNull();
  });

  it('follows the sweep it started', async () => {
    fake.answer('sweep.run', () => ({ ok: true, value: { sweepId: 's1' } }));
    await runSweep({ base: backtestRequest, grid: [{ param: 'lookback', values: [10, 20] }] });
    receiveSweepProgress(sweepProgress('s1', 'running', 1, [{ values: { lookback: 10 }, metrics: null }]));
    expect(findSweep(slice(), slice().activeSweepId)?.done).toBe(1);
  });
});
