// The trade screen's panel sizes as the trader dragged them: the bottom tables' height and the widths of
// the two columns on the right. Kept in the browser's storage; null is the screen's own default.
import { create } from 'zustand';

export type PanelSize = 'bottom' | 'trade' | 'side';

export type PanelLayout = Record<PanelSize, number | null>;

export const DEFAULT_LAYOUT: PanelLayout = { bottom: null, trade: null, side: null };

/** Each size's range in px. */
export const SIZE_LIMITS: Record<PanelSize, { min: number; max: number }> = {
  bottom: { min: 120, max: 900 },
  trade: { min: 220, max: 560 },
  side: { min: 240, max: 600 },
};
/** The chart keeps at least this much of the room it shares with a panel. */
const MIN_CHART = { width: 360, height: 180 };

const STORAGE_KEY = 'hft-desk.layout';

/**
 * A size within its limits that leaves the chart its minimum of `room`, the px the panel shares with the
 * chart (the workspace's height for the bottom tables; its width less the other column for a column).
 */
export function clampSize(size: PanelSize, px: number, room: number): number {
  const { min, max } = SIZE_LIMITS[size];
  const chartMin = size === 'bottom' ? MIN_CHART.height : MIN_CHART.width;
  const upper = Math.max(min, Math.min(max, room - chartMin));
  return Math.round(Math.min(upper, Math.max(min, px)));
}

/** What storage held, read defensively: anything but a size within its limits is the default. */
export function parseLayout(text: string | null): PanelLayout {
  let saved: unknown = null;
  try {
    saved = text === null ? null : JSON.parse(text);
  } catch {
    return DEFAULT_LAYOUT;
  }
  const layout: PanelLayout = { ...DEFAULT_LAYOUT };
  if (typeof saved !== 'object' || saved === null) return layout;
  for (const size of Object.keys(SIZE_LIMITS) as PanelSize[]) {
    const value = (saved as Record<string, unknown>)[size];
    const { min, max } = SIZE_LIMITS[size];
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) layout[size] = value;
  }
  return layout;
}

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

export const useLayout = create<PanelLayout>()(() => parseLayout(storage()?.getItem(STORAGE_KEY) ?? null));

export function setPanelSize(size: PanelSize, px: number | null): void {
  useLayout.setState({ [size]: px });
  storage()?.setItem(STORAGE_KEY, JSON.stringify(useLayout.getState()));
}

/** The CSS custom properties the workspace grid reads; a size left at its default sets none. */
export function layoutStyle(layout: PanelLayout): Record<string, string> {
  const style: Record<string, string> = {};
  if (layout.bottom !== null) style['--bottom-height'] = `${layout.bottom}px`;
  if (layout.trade !== null) style['--trade-width'] = `${layout.trade}px`;
  if (layout.side !== null) style['--side-width'] = `${layout.side}px`;
  return style;
}
