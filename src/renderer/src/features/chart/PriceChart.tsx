import { useEffect, useRef } from 'react';
import { Panel } from '../../components/Panel.tsx';
import { amendOrder, describeError } from '../../store/actions.ts';
import { useTerminal } from '../../store/store.ts';
import { findSymbol } from '../../store/symbols.ts';
import type { TerminalState } from '../../store/terminal-state.ts';
import { ChartController } from './chart-controller.ts';
import { ChartToolbar } from './ChartToolbar.tsx';
import { useChartStyle } from './chart-style.ts';
import { useChartIndicators } from './chart-indicators.ts';
import { useTimeZone } from '../../format/time.ts';
import { readChartTheme } from './chart-theme.ts';

/** Only these parts of the state are drawn; other changes do not schedule a frame. */
function chartInputsChanged(next: TerminalState, prev: TerminalState): boolean {
  return (
    next.market !== prev.market ||
    next.orders.fills !== prev.orders.fills ||
    next.orders.open !== prev.orders.open ||
    next.portfolio.positions !== prev.portfolio.positions ||
    next.strategies !== prev.strategies
  );
}

/** A dragged stop or take-profit line: the trader confirms the new trigger (on the tick grid) before it is sent. */
async function moveOrder(clientOrderId: string, dropped: number): Promise<void> {
  const state = useTerminal.getState();
  const order = state.orders.open.find((o) => o.clientOrderId === clientOrderId);
  if (!order) return;
  const tick = findSymbol(state.market.symbols, order.symbol)?.tickSize ?? 0.01;
  const price = Number((Math.round(dropped / tick) * tick).toFixed(10));
  if (!window.confirm(`Move ${clientOrderId} from ${order.triggerPrice} to ${price}?`)) return;
  const result = await amendOrder({ clientOrderId, triggerPrice: price });
  if (!result.ok) window.alert(describeError(result) ?? 'The order could not be moved.');
}

export function PriceChart() {
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const controller = new ChartController(container, readChartTheme(container), (clientOrderId, price) => void moveOrder(clientOrderId, price));
    let frame = 0;
    const draw = () => {
      frame = 0;
      const stats = controller.render(useTerminal.getState());
      // Read by end-to-end tests to see the chart move without decoding the canvas.
      container.dataset.candleCount = String(stats.candleCount);
      container.dataset.timeframe = stats.timeframe ?? '';
      container.dataset.lastCandleTime = stats.lastCandleTime === null ? '' : String(stats.lastCandleTime);
      container.dataset.lastClose = stats.lastClose === null ? '' : String(stats.lastClose);
    };
    // Transient subscription: the chart never re-renders React, and draws at most once a frame.
    const unsubscribe = useTerminal.subscribe((next, prev) => {
      if (!frame && chartInputsChanged(next, prev)) frame = requestAnimationFrame(draw);
    });
    frame = requestAnimationFrame(draw);
    controller.setStyle(useChartStyle.getState().style);
    const unsubscribeStyle = useChartStyle.subscribe(({ style }) => controller.setStyle(style));
    controller.setTimeZone(useTimeZone.getState().zone);
    controller.setPicked(useChartIndicators.getState().shown);
    const unsubscribePicked = useChartIndicators.subscribe(({ shown }) => controller.setPicked(shown));
    const unsubscribeZone = useTimeZone.subscribe(({ zone }) => controller.setTimeZone(zone));
    return () => {
      unsubscribeZone();
      unsubscribePicked();
      unsubscribeStyle();
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
