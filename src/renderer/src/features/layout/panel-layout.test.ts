import { describe, expect, it } from 'vitest';
import { clampSize, DEFAULT_LAYOUT, layoutStyle, parseLayout } from './panel-layout.ts';

describe('panel sizes', () => {
  it('keep within their limits and leave the chart its minimum of the room they share with it', () => {
    expect(clampSize('bottom', 50, 900)).toBe(120);
    expect(clampSize('bottom', 400.4, 900)).toBe(400);
    expect(clampSize('bottom', 800, 900)).toBe(720); // 900 less the chart's 180
    expect(clampSize('trade', 1_000, 2_000)).toBe(560);
    expect(clampSize('side', 500, 700)).toBe(340); // 700 less the chart's 360
    // A window too small for both: the panel keeps its own minimum.
    expect(clampSize('trade', 300, 400)).toBe(220);
  });

  it('come back from storage only when they are numbers within their limits', () => {
    expect(parseLayout(null)).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('not json')).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('[1,2]')).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('{"bottom":300,"trade":"320","side":10000}')).toEqual({ bottom: 300, trade: null, side: null });
    expect(parseLayout('{"bottom":null,"trade":320,"side":280}')).toEqual({ bottom: null, trade: 320, side: 280 });
  });

  it('reach the grid as variables, none for a size left at the default', () => {
    expect(layoutStyle(DEFAULT_LAYOUT)).toEqual({});
    expect(layoutStyle({ bottom: 300, trade: null, side: 280 })).toEqual({ '--bottom-height': '300px', '--side-width': '280px' });
  });
});
