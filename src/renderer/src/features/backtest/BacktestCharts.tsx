import { useEffect, useRef } from 'react';
import type { BacktestResult } from '../../../../shared/backtest.ts';
import { useSteps } from '../../store/symbols.ts';
import { CompareChartController, EquityChartController, readBacktestTheme } from './equity-chart.ts';

/** A chart controller that lives as long as the component, created on its container once mounted. */
function useChartController<C extends { destroy(): void }>(create: (container: HTMLDivElement) => C) {
  const containerRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<C | null>(null);
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const controller = create(container);
    controllerRef.current = controller;
    return () => {
      controllerRef.current = null;
      controller.destroy();
    };
    // The controller is made once per mount; create is not a dependency.
  }, []);
  return { containerRef, controllerRef };
}

/**
 * Equity (a dot where each trade closed), drawdown and price candles (buy/sell markers at the fills) of one run,
 * with the values under the crosshair in a legend. The chart lives as long as the
 * component; a new result replaces the data. data-points and friends tell tests what was drawn.
 */
export function EquityChart({ result }: { result: BacktestResult | null }) {
  const { containerRef, controllerRef } = useChartController((c) => new EquityChartController(c, readBacktestTheme(c)));
  const { tickSize } = useSteps(result?.request.symbol);

  useEffect(() => {
    const container = containerRef.current;
    const controller = controllerRef.current;
    if (!container || !controller) return;
    const stats = controller.show(result, tickSize);
    container.dataset.points = String(stats.points);
    container.dataset.markers = String(stats.markers);
    container.dataset.fills = String(stats.fills);
    container.dataset.candles = String(stats.candles);
    container.dataset.runId = result?.runId ?? '';
  }, [result, tickSize]);

  return (
    <div
      ref={containerRef}
      className="bt-chart"
      data-testid="backtest-equity-chart"
      data-points="0"
      data-markers="0"
      data-fills="0"
      data-candles="0"
      data-run-id=""
    />
  );
}

/** Both runs' equity on one time axis: in money when they started equal, else in percent return. */
export function CompareChart({ a, b }: { a: BacktestResult | null; b: BacktestResult | null }) {
  const { containerRef, controllerRef } = useChartController((c) => new CompareChartController(c, readBacktestTheme(c)));

  useEffect(() => {
    const container = containerRef.current;
    const controller = controllerRef.current;
    if (!container || !controller) return;
    const stats = controller.show(a, b);
    container.dataset.pointsA = String(stats.pointsA);
    container.dataset.pointsB = String(stats.pointsB);
    container.dataset.unit = stats.unit;
  }, [a, b]);

  return <div ref={containerRef} className="bt-chart" data-testid="backtest-compare-chart" data-points-a="0" data-points-b="0" data-unit="" />;
}
