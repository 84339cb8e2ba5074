// The indicators the engine's strategies run and the chart draws.
export { Bollinger } from './bollinger.ts';
export { bollingerSeries, rateOfChangeSeries, type BollingerPoint } from './overlay-series.ts';
export { RateOfChange } from './rate-of-change.ts';
export { AverageTrueRange } from './average-true-range.ts';
