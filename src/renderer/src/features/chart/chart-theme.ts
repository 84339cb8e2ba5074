import type { ChartTheme } from './chart-controller.ts';

/** Chart colours from the stylesheet's variables, so the theme lives in one place. */
export function readChartTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const value = (name: string) => style.getPropertyValue(name).trim();
  return {
    background: value('--bg-panel'),
    text: value('--text-dim'),
    grid: value('--grid'),
    border: value('--border'),
    up: value('--up'),
    down: value('--down'),
    upVolume: value('--up-volume'),
    downVolume: value('--down-volume'),
    band: value('--band'),
    bandMiddle: value('--band-middle'),
    roc: value('--accent'),
    fontFamily: value('--font-mono'),
  };
}
