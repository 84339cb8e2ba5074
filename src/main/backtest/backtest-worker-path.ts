// Where the backtest worker's script is. From source (node runs .ts directly, and so does vitest) it
// is backtest-worker.ts beside this file. In the electron-vite bundle this file is inlined into
// out/main/index.js and the worker is its own entry (electron.vite.config.ts), out/main/backtest-worker.js:
// again beside the code that asks. Only the extension tells the two apart.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function backtestWorkerPath(moduleUrl: string = import.meta.url): string {
  const here = fileURLToPath(moduleUrl);
  const extension = here.endsWith('.ts') ? 'ts' : 'js';
  return join(dirname(here), `backtest-worker.${extension}`);
}
