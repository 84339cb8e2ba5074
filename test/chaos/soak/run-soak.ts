// Runs one soak: forks soak-child.ts with --expose-gc (the engine's memory, not this process's), collects
// its samples over IPC and judges them. Rejects when the child fails, so a crash is never a pass.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { SOAK_SPEED, type SoakChildMessage, type SoakChildOptions, type SoakEnd, type SoakSample } from './soak-sample.ts';
import { judgeSoak, SOAK_BOUNDS, type SoakBounds, type SoakVerdict } from './soak-verdict.ts';

export const DEFAULT_SOAK_SEED = 7_100;
/** A sample every five simulated minutes: every 3 s of wall time, 72 samples in six hours. */
export const DEFAULT_SAMPLE_MINUTES = 5;

export interface SoakOptions {
  simulatedHours: number;
  /** Simulated minutes between samples. */
  sampleEveryMinutes?: number;
  seed?: number;
  bounds?: SoakBounds;
  /** Called as each sample arrives, for a live table. */
  onSample?: (sample: SoakSample) => void;
}

export interface SoakReport extends SoakVerdict {
  options: SoakChildOptions;
  bounds: SoakBounds;
  samples: SoakSample[];
  end: SoakEnd;
}

/**
 * V8 doubles its young generation twice in the first two simulated hours (new space 16 -> 32 -> 64 MB,
 * +40 MB of RSS, then flat for hours): a one-off sizing. Starting it at the size it settles at keeps that
 * step out of the RSS trend, so growth that remains is the engine's.
 */
const YOUNG_GENERATION_FLAGS = ['--min-semi-space-size=32', '--max-semi-space-size=32'];
/** Start-up (history, strategies) and a loaded machine's slack beyond the run's own wall time. */
const SLACK_MS = 60_000;
const STDERR_TAIL = 4_000;

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const childOptions: SoakChildOptions = {
    simulatedHours: options.simulatedHours,
    sampleEveryMinutes: options.sampleEveryMinutes ?? DEFAULT_SAMPLE_MINUTES,
    seed: options.seed ?? DEFAULT_SOAK_SEED,
  };
  const bounds = options.bounds ?? SOAK_BOUNDS;
  const { samples, end } = await runChild(childOptions, options.onSample);
  return { options: childOptions, bounds, samples, end, ...judgeSoak(samples, end, bounds) };
}

function runChild(options: SoakChildOptions, onSample?: (sample: SoakSample) => void): Promise<{ samples: SoakSample[]; end: SoakEnd }> {
  const samples: SoakSample[] = [];
  let end: SoakEnd | undefined;
  let stderr = '';
  const child = fork(join(import.meta.dirname, 'soak-child.ts'), [JSON.stringify(options)], {
    execArgv: ['--expose-gc', ...YOUNG_GENERATION_FLAGS],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
  });
  child.on('message', (message: SoakChildMessage) => {
    if (message.type === 'sample') {
      samples.push(message.sample);
      onSample?.(message.sample);
    } else end = message.end;
  });
  const limitMs = (options.simulatedHours * 3_600_000) / SOAK_SPEED + SLACK_MS;
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The soak child ran past ${Math.round(limitMs / 1000)} s and was killed.\n${stderr}`));
    }, limitMs);
    child.on('error', (error) => {
      clearTimeout(timeout);
      reject(error);
    });
    // 'close' comes after the IPC channel and stderr are drained, so the end message is in by then.
    child.on('close', (code, signal) => {
      clearTimeout(timeout);
      if (end && code === 0) resolve({ samples, end });
      else reject(new Error(`The soak child exited with ${signal ?? `code ${code}`} before reporting its end.\n${stderr}`));
    });
  });
}
