import { useMemo, useState } from 'react';
import type { SweepCell } from '../../../../shared/backtest.ts';
import { findSweep } from '../../store/backtest-reducers.ts';
import { useTerminal } from '../../store/store.ts';
import { PARAM_LABELS } from '../strategies/strategy-form.ts';
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
  textColorOn,
  valueRange,
  type SortDirection,
  type SweepColumn,
} from './sweep.ts';

const paramLabel = (name: string) => PARAM_LABELS[name]?.label ?? name;

function Heatmap({ cells, xParam, yParam, metric, best }: { cells: SweepCell[]; xParam: string; yParam: string; metric: MetricKey; best: SweepCell | null }) {
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
                  title={`${paramLabel(xParam)} ${x}, ${paramLabel(yParam)} ${y}: ${formatMetric(metric, value)}`}
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

/** The active sweep: heatmap (two params) or bars (one) of the chosen metric, and a sortable table of every cell. */
export function SweepResults() {
  const sweep = useTerminal((s) => findSweep(s.backtest, s.backtest.activeSweepId));
  const [metric, setMetric] = useState<MetricKey>('sharpe');
  const [sort, setSort] = useState<{ column: SweepColumn; direction: SortDirection }>({ column: { kind: 'metric', key: 'sharpe' }, direction: 'desc' });

  const cells = sweep?.cells ?? [];
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
    setSort((current) =>
      columnId(current.column) === columnId(column)
        ? { column, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { column, direction: firstDirection(column) },
    );

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
            {params.map((p) => `${paramLabel(p)} ${best.values[p]}`).join(', ')}
          </span>
        ) : null}
      </div>
      {params.length >= 2 ? (
        <Heatmap cells={cells} xParam={params[0]} yParam={params[1]} metric={metric} best={best} />
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
