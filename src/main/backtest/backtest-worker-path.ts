// Where the backtest worker's script is: backtest-worker.ts beside this file, or out/main/backtest-worker.js
// in the bundle (worker-script.ts).
import { workerScript } from '../worker-script.ts';

export function backtestWorkerPath(moduleUrl: string = import.meta.url): string {
  return workerScript(moduleUrl, 'backtest-worker');
}
