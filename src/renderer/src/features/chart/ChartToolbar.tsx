import { useShallow } from 'zustand/react/shallow';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/market.ts';
import { Select } from '../../components/Select.tsx';
import { formatPercent, formatPrice } from '../../format/number.ts';
import { focus } from '../../store/actions.ts';
import { useTerminal } from '../../store/store.ts';
import { useSteps } from '../../store/symbols.ts';
import { pickIndicators } from './chart-data.ts';
import { CHART_STYLE_LABELS, CHART_STYLES, setChartStyle, useChartStyle } from './chart-style.ts';
import { CHART_INDICATORS, INDICATOR_LABELS, toggleChartIndicator, useChartIndicators } from './chart-indicators.ts';

function IndicatorLegend() {
  // Flat primitives compared shallowly: this re-renders only when the overlays change.
  const legend = useTerminal(
    useShallow((s) => {
      const { bollinger, rateOfChange } = pickIndicators(s.strategies.list, s.market.focus);
      return {
        period: bollinger?.period,
        stdMultiplier: bollinger?.stdMultiplier,
        lookback: rateOfChange?.lookback,
        threshold: rateOfChange?.threshold,
      };
    }),
  );
  return (
    <span className="chart-legend">
      {legend.period !== undefined ? (
        <span className="legend-item legend-bands">
          BB {legend.period} · {legend.stdMultiplier}σ
        </span>
      ) : null}
      {legend.lookback !== undefined ? (
        <span className="legend-item legend-roc">
          ROC {legend.lookback} ±{formatPercent(legend.threshold)}
        </span>
      ) : null}
    </span>
  );
}

function FocusTicker({ symbol }: { symbol: string }) {
  const ticker = useTerminal((s) => s.market.tickers[symbol]);
  const { tickSize } = useSteps(symbol);
  if (!ticker) return null;
  return (
    <span className="chart-ticker num">
      <span className="ticker-last">{formatPrice(ticker.last, tickSize)}</span>
      <span className="tone-up">{formatPrice(ticker.bid, tickSize)}</span>
      <span className="tone-down">{formatPrice(ticker.ask, tickSize)}</span>
    </span>
  );
}

/** The trader's own indicators: a list of checkboxes behind one button. */
function IndicatorPicker() {
  const shown = useChartIndicators((s) => s.shown);
  return (
    <details className="indicator-picker" data-testid="indicator-picker">
      <summary className="btn btn-small">Indicators{shown.length > 0 ? ` (${shown.length})` : ''}</summary>
      <div className="indicator-menu">
        {CHART_INDICATORS.map((indicator) => (
          <label key={indicator} className="field-check">
            <input type="checkbox" data-testid={`indicator-${indicator}`} checked={shown.includes(indicator)} onChange={() => toggleChartIndicator(indicator)} />
            <span>{INDICATOR_LABELS[indicator]}</span>
          </label>
        ))}
      </div>
    </details>
  );
}

export function ChartToolbar() {
  const symbols = useTerminal(useShallow((s) => s.market.symbols.map((info) => info.symbol)));
  const current = useTerminal((s) => s.market.focus);
  const onSymbol = (symbol: string) => current && void focus(symbol, current.timeframe);
  const onTimeframe = (timeframe: Timeframe) => current && void focus(current.symbol, timeframe);
  const style = useChartStyle((s) => s.style);
  return (
    <span className="chart-toolbar">
      <Select testId="symbol-select" label="Symbol" value={current?.symbol ?? ''} options={symbols} disabled={!current} onChange={onSymbol} />
      <Select testId="timeframe-select" label="Timeframe" value={current?.timeframe ?? ''} options={TIMEFRAMES} disabled={!current} onChange={onTimeframe} />
      <Select testId="chart-style-select" label="Chart style" value={style} options={CHART_STYLES} optionLabel={(s) => CHART_STYLE_LABELS[s]} onChange={setChartStyle} />
      <IndicatorPicker />
      {current ? <FocusTicker symbol={current.symbol} /> : null}
      <IndicatorLegend />
    </span>
  );
}
