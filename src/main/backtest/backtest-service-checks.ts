// What the service checks before it starts anything, so a mistake comes back as the command's answer
// (a sentence) rather than as a failed run a moment later.
import { cellRequest, MAX_SAVED_SWEEP_RUNS, type BacktestRequest, type DatasetInfo, type SweepCell, type SweepRequest } from '../../shared/backtest.ts';
import { strategyParamsFor } from './strategy-params.ts';

/** Throws a sentence naming the first bad parameter (the runner fills the rest from the kind's defaults). */
export function checkStrategyParams(strategy: BacktestRequest['strategy']): void {
  strategyParamsFor(strategy);
}

/** The dataset must be listed and hold the request's symbol; throws a sentence otherwise. */
export function checkDataset(request: BacktestRequest, datasets: readonly DatasetInfo[]): void {
  if (request.source.kind !== 'dataset') return;
  const id = request.source.id;
  const dataset = datasets.find((d) => d.id === id);
  if (!dataset) throw new Error(`There is no dataset "${id}"; pick one from the list.`);
  if (dataset.symbol !== request.symbol) throw new Error(`${dataset.name} holds ${dataset.symbol}, not ${request.symbol}.`);
}

/** Every combination of the grid's values, first parameter varying slowest. */
export function sweepCells(request: SweepRequest): SweepCell[] {
  let combos: Record<string, number>[] = [{}];
  for (const axis of request.grid) {
    combos = combos.flatMap((values) => axis.values.map((value) => ({ ...values, [axis.param]: value })));
  }
  return combos.map((values) => ({ values, metrics: null }));
}

/** The contract has already refused parameters the strategy's kind does not take. */
export function checkSweep(request: SweepRequest): SweepCell[] {
  const params = request.grid.map((axis) => axis.param);
  if (new Set(params).size !== params.length) throw new Error(`The sweep varies "${params[0]}" twice; pick two different parameters.`);
  const cells = sweepCells(request);
  if (request.saveRuns === true && cells.length > MAX_SAVED_SWEEP_RUNS) {
    throw new Error(`A sweep keeps its runs only up to ${MAX_SAVED_SWEEP_RUNS} cells; this one has ${cells.length}. Narrow the ranges or leave the runs out of the list.`);
  }
  for (const cell of cells) checkStrategyParams(cellRequest(request.base, cell).strategy);
  return cells;
}
