import { appendFileSync } from 'node:fs';

/**
 * numRuns for fast-check properties: HFT_PROPERTY_RUNS (a positive integer) when set, to run every
 * property longer on a nightly job or shorter on a slow machine, else the file's own default. Call it
 * once per property: with HFT_PROPERTY_CASES_FILE set, each call adds its count there, which is how
 * `npm run reliability` reports how many cases ran.
 */
export function propertyRuns(defaultRuns: number): number {
  const runs = configuredRuns(defaultRuns);
  const casesFile = process.env.HFT_PROPERTY_CASES_FILE;
  if (casesFile) appendFileSync(casesFile, `${runs}\n`);
  return runs;
}

function configuredRuns(defaultRuns: number): number {
  const text = process.env.HFT_PROPERTY_RUNS;
  if (text === undefined || text.trim() === '') return defaultRuns;
  const runs = Number(text);
  if (!Number.isSafeInteger(runs) || runs < 1) {
    throw new Error(`HFT_PROPERTY_RUNS must be a positive whole number of runs, not "${text}".`);
  }
  return runs;
}

/**
 * With HFT_PROPERTY_FIGURES_FILE set, adds `count` to the figure `name` (steps run, orders refused by
 * code...), summed over the run by `npm run reliability` for RELIABILITY.md; otherwise does nothing.
 */
export function countFigure(name: string, count = 1): void {
  const file = process.env.HFT_PROPERTY_FIGURES_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(name)}\t${count}\n`);
}
