import { ColorType, CrosshairMode, type ChartOptions, type DeepPartial } from 'lightweight-charts';
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

/** The colours every chart on the desk shares. */
export interface ChartFrameTheme {
  background: string;
  text: string;
  grid: string;
  border: string;
  fontFamily: string;
}

/** One look for every chart: the trading chart and the backtest charts differ only in the time axis. */
export function chartFrameOptions(theme: ChartFrameTheme, timeScale: { secondsVisible: boolean; rightOffset?: number }): DeepPartial<ChartOptions> {
  return {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: theme.background },
      textColor: theme.text,
      fontFamily: theme.fontFamily,
      fontSize: 11,
      panes: { separatorColor: theme.border, separatorHoverColor: theme.grid },
    },
    grid: { vertLines: { color: theme.grid }, horzLines: { color: theme.grid } },
    crosshair: { mode: CrosshairMode.Normal },
    rightPriceScale: { borderColor: theme.border },
    timeScale: { borderColor: theme.border, timeVisible: true, ...timeScale },
  };
}
