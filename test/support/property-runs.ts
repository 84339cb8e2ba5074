/**
 * numRuns for fast-check properties: HFT_PROPERTY_RUNS (a positive integer) when set, to run every
 * property longer on a nightly job or shorter on a slow machine, else the file's own default.
 */
export function propertyRuns(defaultRuns: number): number {
  const text = process.env.HFT_PROPERTY_RUNS;
  if (text === undefined || text.trim() === '') return defaultRuns;
  const runs = Number(text);
  if (!Number.isSafeInteger(runs) || runs < 1) {
    throw new Error(`HFT_PROPERTY_RUNS must be a positive whole number of runs, not "${text}".`);
  }
  return runs;
}
