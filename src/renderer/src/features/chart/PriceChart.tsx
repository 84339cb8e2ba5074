import { useEffect, useRef } from 'react';
import { Panel } from '../../components/Panel.tsx';
import { useTerminal } from '../../store/store.ts';
import type { TerminalState } from '../../store/terminal-state.ts';
import { ChartController } from './chart-controller.ts';
import { ChartToolbar } from './ChartToolbar.tsx';
import { readChartTheme } from './chart-theme.ts';

/** Only these parts of the state are drawn; other changes do not schedule a frame. */
function chartInputsChanged(next: TerminalState, prev: TerminalState): boolean {
  return next.market !== prev.market || next.orders.fills !== prev.orders.fills || next.strategies !== prev.strategies;
}

export function PriceChart() {
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const controller = new ChartController(container, readChartTheme(container));
    let frame = 0;
    const draw = () => {
      frame = 0;
      const stats = controller.render(useTerminal.getState());
      // Read by end-to-end tests to see the chart move without decoding the canvas.
      container.dataset.candleCount = String(stats.candleCount);
      container.dataset.lastCandleTime = stats.lastCandleTime === null ? '' : String(stats.lastCandleTime);
      container.dataset.lastClose = stats.lastClose === null ? '' : String(stats.lastClose);
    };
    // Transient subscription: the chart never re-renders React, and draws at most once a frame.
    const unsubscribe = useTerminal.subscribe((next, prev) => {
      if (!frame && chartInputsChanged(next, prev)) frame = requestAnimationFrame(draw);
    });
    frame = requestAnimationFrame(draw);
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
      controller.destroy();
    };
  }, []);

  return (
    <Panel title={<ChartToolbar />} className="chart-panel">
      <div
        ref={containerRef}
        className="chart-container"
        data-testid="price-chart"
        data-candle-count="0"
        data-last-candle-time=""
        data-last-close=""
      />
    </Panel>
  );
}
