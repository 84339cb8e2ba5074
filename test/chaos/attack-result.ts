// What one chaos run reports, saved beside the harnesses so RELIABILITY.md can be rebuilt from the last long runs.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AttackResult {
  /** Row name in RELIABILITY.md, e.g. "kill -9 (paper)". */
  attack: string;
  /** How many times the attack was made (kills, faults injected, payloads, simulated hours...). */
  runs: number;
  /** What the count in `runs` counts, e.g. "kills". */
  unit: string;
  /** Fills, orders or state lost or doubled; anything but 0 is a failure. */
  lost: number;
  /** Invariant breaches, one sentence each; empty when the run passed. */
  breaches: string[];
  /** Measured figures worth a line in the table (latencies, rates, memory). */
  figures: Record<string, string | number>;
  /** The command that reproduces this run. */
  command: string;
  measuredAt: string;
}

export const RESULTS_DIR = join(import.meta.dirname, 'results');

export function saveAttackResult(file: string, result: AttackResult): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${file}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

export function loadAttackResults(): AttackResult[] {
  return readdirSync(RESULTS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(RESULTS_DIR, name), 'utf8')) as AttackResult);
}
