import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { clampSize, setPanelSize, useLayout, type PanelSize } from './panel-layout.ts';

const CSS_VARIABLE: Record<PanelSize, string> = { bottom: '--bottom-height', trade: '--trade-width', side: '--side-width' };
const KEY_STEP_PX = 16;

/** How big the panel is on screen now, and the room it shares with the chart. */
function measure(size: PanelSize, panel: HTMLElement): { px: number; room: number } {
  const workspace = panel.parentElement!;
  const style = getComputedStyle(workspace);
  if (size === 'bottom') {
    return { px: panel.getBoundingClientRect().height, room: workspace.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) };
  }
  const other = workspace.querySelector<HTMLElement>(size === 'trade' ? '.area-side' : '.area-trade');
  const otherWidth = other?.getBoundingClientRect().width ?? 0;
  return { px: panel.getBoundingClientRect().width, room: workspace.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - otherWidth };
}

/**
 * The edge between a panel and the chart, dragged to resize the panel (or moved with the arrow keys;
 * a double click gives back the default). The size is kept for the next start.
 */
export function Splitter({ size, label }: { size: PanelSize; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const saved = useLayout((layout) => layout[size]);
  const rows = size === 'bottom';

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const handle = ref.current;
    const panel = handle?.parentElement;
    if (!handle || !panel || event.button !== 0) return;
    event.preventDefault();
    const { px: startPx, room } = measure(size, panel);
    const start = rows ? event.clientY : event.clientX;
    let current = Math.round(startPx);
    handle.setPointerCapture(event.pointerId);
    // While dragging only the grid's variable moves: nothing re-renders until the drop.
    const move = (e: globalThis.PointerEvent) => {
      current = clampSize(size, startPx + start - (rows ? e.clientY : e.clientX), room);
      panel.parentElement!.style.setProperty(CSS_VARIABLE[size], `${current}px`);
    };
    const drop = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', drop);
      handle.removeEventListener('pointercancel', drop);
      setPanelSize(size, current);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', drop);
    handle.addEventListener('pointercancel', drop);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const grow = rows ? { ArrowUp: 1, ArrowDown: -1 } : { ArrowLeft: 1, ArrowRight: -1 };
    const direction = grow[event.key as keyof typeof grow];
    const panel = ref.current?.parentElement;
    if (direction === undefined || !panel) return;
    event.preventDefault();
    const { px, room } = measure(size, panel);
    setPanelSize(size, clampSize(size, px + direction * KEY_STEP_PX, room));
  };

  return (
    <div
      ref={ref}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={rows ? 'horizontal' : 'vertical'}
      aria-valuenow={saved ?? undefined}
      className={`splitter splitter-${rows ? 'rows' : 'columns'}`}
      data-testid={`splitter-${size}`}
      title={`${label}: drag to resize, double-click for the default size`}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDoubleClick={() => setPanelSize(size, null)}
    />
  );
}
