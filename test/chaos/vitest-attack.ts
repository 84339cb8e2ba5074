// Runs a group of test files (property tests, security checks) as one attack row of RELIABILITY.md:
// how many cases ran, and every failing test as a breach.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttackResult } from './attack-result.ts';

export interface VitestAttack {
  /** Results file name under test/chaos/results. */
  file: string;
  attack: string;
  files: string[];
  /** fast-check cases per property (HFT_PROPERTY_RUNS); absent for plain checks. */
  propertyRuns?: number;
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

const ROOT = join(import.meta.dirname, '../..');

export function runVitestAttack(spec: VitestAttack): AttackResult {
  const out = mkdtempSync(join(tmpdir(), 'hft-desk-reliability-'));
  const casesFile = join(out, 'cases');
  const figuresFile = join(out, 'figures');
  try {
    const command = `npx vitest run ${spec.files.join(' ')}`;
    const env: NodeJS.ProcessEnv = { ...process.env, HFT_PROPERTY_CASES_FILE: casesFile, HFT_PROPERTY_FIGURES_FILE: figuresFile };
    if (spec.propertyRuns !== undefined) env['HFT_PROPERTY_RUNS'] = String(spec.propertyRuns);
    // Long property runs outlast the suite's per-test timeout, which is sized for the short runs.
    spawnSync('npx', ['vitest', 'run', ...spec.files, '--testTimeout=1800000', '--reporter=json', `--outputFile=${join(out, 'report.json')}`], {
      cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'],
    });
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as VitestJson;
    const failed = report.testResults.flatMap((file) => file.assertionResults.filter((t) => t.status === 'failed'));
    const cases = readCases(casesFile);
    const property = spec.propertyRuns !== undefined;
    return {
      attack: spec.attack,
      runs: property ? cases.total : report.numPassedTests + report.numFailedTests,
      unit: property ? 'generated cases' : 'checks',
      lost: report.numFailedTests,
      breaches: failed.map((t) => `${t.fullName}: ${firstLines(t.failureMessages[0] ?? '')}`),
      figures: {
        tests: `${report.numPassedTests} passed, ${report.numFailedTests} failed`,
        ...(property ? { properties: cases.properties, 'cases per property': spec.propertyRuns! } : {}),
        ...readFigures(figuresFile),
      },
      command: property ? `HFT_PROPERTY_RUNS=${spec.propertyRuns} ${command}` : command,
      measuredAt: new Date().toISOString(),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** One line per property run, written by test/support/property-runs.ts. */
function readCases(file: string): { properties: number; total: number } {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { properties: 0, total: 0 };
  }
  const runs = text.split('\n').filter(Boolean).map(Number);
  return { properties: runs.length, total: runs.reduce((a, b) => a + b, 0) };
}

/** The figures the tests counted (test/support/property-runs.ts countFigure), summed by name. */
function readFigures(file: string): Record<string, number> {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const figures: Record<string, number> = {};
  for (const line of text.split('\n').filter(Boolean)) {
    const [name, count] = line.split('\t');
    const key = JSON.parse(name!) as string;
    figures[key] = (figures[key] ?? 0) + Number(count);
  }
  return figures;
}

/** Enough of a failure to reproduce it (a property's seed and counterexample) and its error, not the whole stack. */
function firstLines(message: string): string {
  const lines = message.split('\n').filter((line) => line.trim() !== '' && !line.trimStart().startsWith('at '));
  return lines.slice(0, 6).map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line)).join(' / ');
}
