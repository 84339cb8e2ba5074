import { renameSync } from 'node:fs';

/**
 * Renames an unusable settings file to `<file>.corrupt-<ms>` so nothing the user had is lost, and returns
 * the warning sentence to show them.
 */
export function setAside(filePath: string, problem: string, now: number = Date.now()): string {
  const aside = `${filePath}.corrupt-${now}`;
  renameSync(filePath, aside);
  return `Settings in ${filePath} could not be used (${problem}); the file was kept as ${aside} and default settings are in use.`;
}
