// Where the window opens: where it was left, if that is still on a screen; else centred on the primary
// display at the default size. A monitor unplugged, a resolution lowered or a laptop undocked must never
// leave the window somewhere the trader cannot see or reach it.

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindow {
  bounds: Rectangle;
  maximized: boolean;
}

/** The part of a display windows may use (without the task bar or dock), as Electron's screen reports it. */
export interface DisplayArea {
  workArea: Rectangle;
}

export const DEFAULT_SIZE = { width: 1600, height: 1000 };
export const MIN_SIZE = { width: 1024, height: 640 };
/** The strip at the window's top the trader drags it by: this much of it must be on a display. */
const GRAB = { height: 32, width: 120 };

function overlap(a: Rectangle, b: Rectangle): Rectangle | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

function isRectangle(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((key) => typeof r[key] === 'number' && Number.isFinite(r[key]));
}

/** A saved window state as read from a store that anything may have written: null unless it has the right shape. */
export function parseSavedWindow(value: unknown): SavedWindow | null {
  if (typeof value !== 'object' || value === null) return null;
  const saved = value as Record<string, unknown>;
  if (!isRectangle(saved.bounds) || saved.bounds.width <= 0 || saved.bounds.height <= 0) return null;
  return { bounds: saved.bounds, maximized: saved.maximized === true };
}

/** The default size, no larger than the display, centred on it. */
function centred(display: DisplayArea): Rectangle {
  const area = display.workArea;
  const width = Math.min(DEFAULT_SIZE.width, area.width);
  const height = Math.min(DEFAULT_SIZE.height, area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/**
 * The bounds to open with. The saved ones when the top of the window (where it is grabbed) lies on a
 * display, shrunk to that display if the display got smaller; otherwise the default on `primary`.
 */
export function restoredBounds(saved: SavedWindow | null, displays: readonly DisplayArea[], primary: DisplayArea): Rectangle {
  if (saved === null) return centred(primary);
  const { bounds } = saved;
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: GRAB.height };
  const host = displays.find((display) => {
    const visible = overlap(titleBar, display.workArea);
    return visible !== null && visible.height >= GRAB.height / 2 && visible.width >= Math.min(GRAB.width, bounds.width);
  });
  if (host === undefined) return centred(primary);
  const area = host.workArea;
  const width = Math.min(Math.max(bounds.width, MIN_SIZE.width), area.width);
  const height = Math.min(Math.max(bounds.height, MIN_SIZE.height), area.height);
  // Kept whole on the display it is on: moved in by as much as it hangs over an edge.
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}
