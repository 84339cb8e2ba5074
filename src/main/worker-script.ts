// Where a worker thread's script is. From source (node runs .ts directly, and so does vitest) it is
// `<name>.ts` beside the module that asks. In the electron-vite bundle every module is inlined into
// out/main/index.js and each worker is its own entry (electron.vite.config.ts), out/main/<name>.js:
// again beside the code that asks. Only the extension tells the two apart.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function workerScript(moduleUrl: string, name: string): string {
  const here = fileURLToPath(moduleUrl);
  const extension = here.endsWith('.ts') ? 'ts' : 'js';
  return join(dirname(here), `${name}.${extension}`);
}
