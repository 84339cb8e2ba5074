import { describe, expect, it } from 'vitest';
import { parseSavedWindow, restoredBounds, type DisplayArea } from './window-state.ts';

const laptop: DisplayArea = { workArea: { x: 0, y: 0, width: 1440, height: 875 } };
const monitor: DisplayArea = { workArea: { x: 1440, y: -200, width: 2560, height: 1400 } };

describe('the window opens', () => {
  it('where it was left when that is still on a display', () => {
    const bounds = { x: 1600, y: 0, width: 1800, height: 1100 };
    expect(restoredBounds({ bounds, maximized: false }, [laptop, monitor], laptop)).toEqual(bounds);
  });

  it('centred on the primary display at the default size when the monitor it was on is gone', () => {
    const onUnpluggedMonitor = { bounds: { x: 1600, y: 0, width: 1800, height: 1100 }, maximized: true };
    expect(restoredBounds(onUnpluggedMonitor, [laptop], laptop)).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
    const leftOfIt: DisplayArea = { workArea: { x: -2560, y: 0, width: 2560, height: 1400 } };
    expect(restoredBounds(onUnpluggedMonitor, [leftOfIt], leftOfIt)).toEqual({ x: -2080, y: 200, width: 1600, height: 1000 });
  });

  it('centred when its title bar was above every display, where it could not be grabbed', () => {
    expect(restoredBounds({ bounds: { x: 100, y: -900, width: 1200, height: 800 }, maximized: false }, [laptop], laptop)).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
  });

  it('moved in and shrunk to a display that got smaller, never below the minimum size', () => {
    const hanging = { bounds: { x: 600, y: 300, width: 1300, height: 900 }, maximized: false };
    expect(restoredBounds(hanging, [laptop], laptop)).toEqual({ x: 140, y: 0, width: 1300, height: 875 });
    const tiny = { bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false };
    expect(restoredBounds(tiny, [laptop], laptop)).toEqual({ x: 10, y: 10, width: 1024, height: 640 });
  });

  it('at the default when nothing was saved, or what was saved is not a window state', () => {
    expect(restoredBounds(null, [laptop], laptop)).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
    for (const junk of [null, 'big', { bounds: { x: 0, y: 0, width: -5, height: 10 } }, { bounds: { x: 'a', y: 0, width: 5, height: 10 } }, { maximized: true }]) {
      expect(parseSavedWindow(junk)).toBeNull();
    }
    expect(parseSavedWindow({ bounds: { x: 1, y: 2, width: 1200, height: 700 }, maximized: 'yes' })).toEqual({ bounds: { x: 1, y: 2, width: 1200, height: 700 }, maximized: false });
  });
});
