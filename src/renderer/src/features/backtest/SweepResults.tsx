import { useMemo, useState } from 'react';
import { cellRequest, isAnnualisable, type SweepCell } from '../../../../shared/backtest.ts';
import { createStrategy, describeError, updateStrategy } from '../../store/actions.ts';
import { runBacktest, showRun } from '../../store/backtest-actions.ts';
import { findSweep } from '../../store/backtest-reducers.ts';
import { findSymbol } from '../../store/symbols.ts';
import { notify } from '../notices/notices.ts';
import { useTerminal } from '../../store/store.ts';
import { PARAM_LABELS, defaultOrderSize, newStrategyRequest } from '../strategies/strategy-form.ts';
import { METRIC_SPECS, formatMetric, metricSpec, shownMetric, type MetricKey } from './metrics.ts';
import {
  barExtent,
  bestCell,
  columnId,
  firstDirection,
  heatColor,
  heatmapGrid,
  scalePosition,
  sortCells,
  strategyFromCell,
  textColorOn,
  valueRange,
  type SortDirection,
  type SweepColumn,
} from './sweep.ts';

const paramLabel = (name: string) => PARAM_LABELS[name]?.label ?? name;

function Heatmap({ cells, xParam, yParam, metric, best, onOpen }: { cells: SweepCell[]; xParam: string; yParam: string; metric: MetricKey; best: SweepCell | null; onOpen: (cell: SweepCell) => void }) {
  const grid = useMemo(() => heatmapGrid(cells, xParam, yParam), [cells, xParam, yParam]);
  const range = valueRange(cells.map((c) => shownMetric(c.metrics, metric)));
  const { better } = metricSpec(metric);
  return (
    <div className="bt-heatmap-wrap">
      <div className="bt-axis-title dim">
        rows: {paramLabel(yParam)} · columns: {paramLabel(xParam)}
      </div>
      <div
        className="bt-heatmap"
        data-testid="sweep-heatmap"
        data-metric={metric}
        data-x-param={xParam}
        data-y-param={yParam}
        style={{ gridTemplateColumns: `auto repeat(${grid.xs.length}, minmax(48px, 1fr))` }}
      >
        <div className="bt-heat-corner" />
        {grid.xs.map((x) => (
          <div key={`x${x}`} className="bt-heat-label num">
            {x}
          </div>
        ))}
        {grid.ys.map((y, row) => (
          <div key={`row${y}`} className="bt-heat-row">
            <div className="bt-heat-label num">{y}</div>
            {grid.xs.map((x, col) => {
              const cell = grid.rows[row][col];
              const value = shownMetric(cell?.metrics, metric);
              const background = heatColor(scalePosition(value, range), better);
              return (
                <div
                  key={`c${x}`}
                  className={cell && cell === best ? 'bt-heat-cell num is-best' : 'bt-heat-cell num'}
                  data-testid="sweep-cell"
                  data-x={x}
                  data-y={y}
                  data-value={value ?? ''}
                  style={{ background, color: textColorOn(background) }}
                  title={`${paramLabel(xParam)} ${x}, ${paramLabel(yParam)} ${y}: ${formatMetric(metric, value)}${cell?.metrics ? ' (click to open this run)' : ''}`}
                  onClick={cell?.metrics ? () => onOpen(cell) : undefined}
                >
                  {cell?.metrics ? formatMetric(metric, value) : '·'}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}

function Bars({ cells, param, metric, best }: { cells: SweepCell[]; param: string; metric: MetricKey; best: SweepCell | null }) {
  const sorted = useMemo(() => sortCells(cells, { kind: 'param', name: param }, 'asc'), [cells, param]);
  const range = valueRange(cells.map((c) => shownMetric(c.metrics, metric)));
  const { better } = metricSpec(metric);
  return (
    <div className="bt-bars" data-testid="sweep-bars" data-metric={metric} data-param={param}>
      {sorted.map((cell) => {
        const value = shownMetric(cell.metrics, metric);
        const extent = barExtent(value, range);
        const colour = heatColor(scalePosition(value, range), better);
        const x = cell.values[param];
        return (
          <div key={x} className={cell === best ? 'bt-bar-slot is-best' : 'bt-bar-slot'} title={`${paramLabel(param)} ${x}: ${formatMetric(metric, value)}`}>
            <div className="bt-bar-plot">
              {extent ? (
                <div className="bt-bar" data-testid="sweep-bar" data-x={x} data-value={value ?? ''} style={{ bottom: `${extent.bottom}%`, height: `${Math.max(extent.height, 0.5)}%`, background: colour }} />
              ) : null}
            </div>
            <div className="bt-bar-value num">{cell.metrics ? formatMetric(metric, value) : '·'}</div>
            <div className="bt-bar-label num dim">{x}</div>
          </div>
        );
      })}
    </div>
  );
}

function SortHeader({ column, label, sort, onSort }: { column: SweepColumn; label: string; sort: { column: SweepColumn; direction: SortDirection }; onSort: (column: SweepColumn) => void }) {
  const active = columnId(sort.column) === columnId(column);
  const testId = column.kind === 'param' ? `sweep-sort-param-${column.name}` : `sweep-sort-${column.key}`;
  return (
    <th className="num" aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="bt-sort" data-testid={testId} data-sort={active ? sort.direction : ''} onClick={() => onSort(column)}>
        {label}
        {active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
}

/** Shows a cell's run: the one the sweep kept, or else the cell run again as a backtest of its own. */
async function openCell(cell: SweepCell, onOpened: () => void): Promise<void> {
  if (cell.runId !== undefined) {
    onOpened();
    const shown = await showRun(cell.runId);
    if (!shown.ok) notify('error', describeError(shown) ?? 'The run could not be opened.');
    return;
  }
  const base = useTerminal.getState().backtest.activeSweepBase;
  if (base === null) return;
  const result = await runBacktest(cellRequest(base, cell));
  if (result.ok) onOpened();
  else notify('error', describeError(result) ?? 'The run could not start.');
}

/** Gives the desk's strategy of the sweep's kind, market and timeframe the cell's parameters, or makes one. */
async function useAsStrategy(cell: SweepCell): Promise<void> {
  const state = useTerminal.getState();
  const base = state.backtest.activeSweepBase;
  if (base === null) return;
  const orderSize = defaultOrderSize(findSymbol(state.market.symbols, base.symbol), state.market.tickers[base.symbol]?.last);
  const defaults = newStrategyRequest(base.strategy.kind, base.symbol, base.timeframe, orderSize);
  const plan = strategyFromCell(base, cell, state.strategies.list, defaults);
  const values = Object.entries(cell.values)
    .map(([name, value]) => `${paramLabel(name)} ${value}`)
    .join(', ');
  const result = 'update' in plan ? await updateStrategy(plan.update.id, plan.update.params) : await createStrategy(plan.create);
  if (result.ok) notify('success', `${result.value.config.id} ${'update' in plan ? 'now runs' : 'added, switched off,'} with ${values}.`);
  else notify('error', describeError(result) ?? 'The strategy was not changed.');
}

/** The active sweep: heatmap (two params) or bars (one) of the chosen metric, and a sortable table of every cell. */
export function SweepResults({ onOpenRun }: { onOpenRun: () => void }) {
  const sweep = useTerminal((s) => findSweep(s.backtest, s.backtest.activeSweepId));
  const cells = sweep?.cells ?? [];
  // Sharpe unless the runs are too short to annualise (it is not shown then): total return instead.
  const fallback: MetricKey = cells.some((c) => c.metrics !== null && !isAnnualisable(c.metrics)) ? 'totalReturn' : 'sharpe';
  const [chosenMetric, setMetric] = useState<MetricKey | null>(null);
  const metric = chosenMetric ?? fallback;
  const [chosenSort, setSort] = useState<{ column: SweepColumn; direction: SortDirection } | null>(null);
  const sort = chosenSort ?? { column: { kind: 'metric', key: fallback }, direction: 'desc' };

  const params = cells.length > 0 ? Object.keys(cells[0].values) : [];
  const sorted = useMemo(() => sortCells(cells, sort.column, sort.direction), [cells, sort]);
  const best = bestCell(cells, metric);

  if (!sweep) {
    return (
      <div className="empty" data-testid="sweep-empty">
        Set up a sweep on the left and run it: results appear here as they come in.
      </div>
    );
  }

  const onSort = (column: SweepColumn) =>
    setSort(columnId(sort.column) === columnId(column) ? { column, direction: sort.direction === 'asc' ? 'desc' : 'asc' } : { column, direction: firstDirection(column) });

  return (
    <div className="bt-sweep" data-testid="sweep-results" data-sweep-id={sweep.sweepId} data-state={sweep.state}>
      <div className="bt-sweep-head">
        <label className="field field-compact bt-inline">
          <span className="field-label">Colour by</span>
          <select className="select" data-testid="sweep-metric" value={metric} onChange={(e) => setMetric(e.target.value as MetricKey)}>
            {METRIC_SPECS.map((spec) => (
              <option key={spec.key} value={spec.key}>
                {spec.label}
              </option>
            ))}
          </select>
        </label>
        {best ? (
          <span className="bt-hint" data-testid="sweep-best">
            Best {metricSpec(metric).label.toLowerCase()}: {formatMetric(metric, shownMetric(best.metrics, metric))} at{' '}
            {params.map((p) => `${paramLabel(p)} ${best.values[p]}`).join(', ')}{' '}
            <button type="button" className="btn btn-small" data-testid="sweep-best-open" onClick={() => void openCell(best, onOpenRun)}>
              Open run
            </button>{' '}
            <button type="button" className="btn btn-small btn-primary" data-testid="sweep-best-use" onClick={() => void useAsStrategy(best)}>
              Use these parameters
            </button>
          </span>
        ) : null}
      </div>
      {params.length >= 2 ? (
        <Heatmap cells={cells} xParam={params[0]} yParam={params[1]} metric={metric} best={best} onOpen={(cell) => void openCell(cell, onOpenRun)} />
      ) : params.length === 1 ? (
        <Bars cells={cells} param={params[0]} metric={metric} best={best} />
      ) : null}
      <div className="bt-scroll">
        <table className="grid-table bt-sweep-table" data-testid="sweep-table" data-sort-column={columnId(sort.column)} data-sort-direction={sort.direction}>
          <thead>
            <tr>
              {params.map((name) => (
                <SortHeader key={name} column={{ kind: 'param', name }} label={paramLabel(name)} sort={sort} onSort={onSort} />
              ))}
              {METRIC_SPECS.map((spec) => (
                <SortHeader key={spec.key} column={{ kind: 'metric', key: spec.key }} label={spec.short} sort={sort} onSort={onSort} />
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((cell) => (
              <tr
                key={params.map((p) => cell.values[p]).join('|')}
                className={cell === best ? 'is-best' : undefined}
                data-testid="sweep-row"
                data-values={JSON.stringify(cell.values)}
                data-done={cell.metrics !== null}
              >
                {params.map((p) => (
                  <td key={p} className="num">
                    {cell.values[p]}
                  </td>
                ))}
                {METRIC_SPECS.map((spec) => (
                  <td key={spec.key} className="num" data-metric={spec.key} data-value={cell.metrics ? String(cell.metrics[spec.key]) : ''}>
                    {cell.metrics ? formatMetric(spec.key, shownMetric(cell.metrics, spec.key)) : '·'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
