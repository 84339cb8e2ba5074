// `npm run reliability`: every long attack, then RELIABILITY.md from their results.
//   node test/chaos/reliability.ts               run everything (about half an hour), then write the table
//   node test/chaos/reliability.ts --table-only  rewrite RELIABILITY.md from test/chaos/results/*.json
//   node test/chaos/reliability.ts --only hostile-exchange   run one attack again (a results file name), then the table
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAttackResults, saveAttackResult } from './attack-result.ts';
import { printAttackResult } from './print-result.ts';
import { reliabilityMarkdown } from './reliability-table.ts';
import { runVitestAttack, type VitestAttack } from './vitest-attack.ts';

const ROOT = join(import.meta.dirname, '../..');

/** The harnesses with their own long runs; each saves its result file. */
const LONG_RUNS: { name: string; files: string[]; args: string[] }[] = [
  { name: 'kill -9, paper and live', files: ['crash-paper', 'crash-live'], args: ['test/chaos/crash/main.ts', '--kills', '50'] },
  { name: 'network faults', files: ['network'], args: ['test/chaos/net/main.ts', '--minutes', '5'] },
  { name: 'soak', files: ['soak'], args: ['--expose-gc', 'test/chaos/soak/main.ts'] },
];

const TEST_ATTACKS: VitestAttack[] = [
  { file: 'hostile-commands', attack: 'hostile command payloads (IPC handler and WebSocket host)', files: ['test/hostile/commands.property.test.ts'], propertyRuns: 200 },
  {
    file: 'hostile-config',
    attack: 'hostile config files (settings.json, electron-store, keys.json, headless environment)',
    files: ['test/hostile/settings-files.property.test.ts', 'test/hostile/key-file.property.test.ts', 'test/hostile/headless-env.property.test.ts'],
    propertyRuns: 1_000,
  },
  { file: 'hostile-csv', attack: 'hostile CSV datasets', files: ['test/hostile/datasets.property.test.ts'], propertyRuns: 500 },
  { file: 'hostile-exchange', attack: 'hostile exchange responses (REST and streams, through ccxt)', files: ['test/hostile/exchange-responses.property.test.ts'], propertyRuns: 60 },
  {
    file: 'reference-model-paper',
    attack: 'paper desk against the reference model, through the public contract (orders, fills with fees in base and quote, cancels, Close, halts, kill switch, settings, resets, restarts)',
    files: ['test/model/paper-desk-vs-model.property.test.ts', 'test/model/spot-account-model.test.ts'],
    propertyRuns: 2_000,
  },
  {
    file: 'reference-model-venue',
    attack: 'live desk against the Binance simulator account (with and without faults), shadow desk against the reference model: positions and cash equal to the exchange after every step, every trade journaled once',
    files: ['test/integration/exchange-vs-venue.property.test.ts', 'test/integration/exchange-vs-venue-faults.property.test.ts', 'test/integration/shadow-vs-model.property.test.ts'],
    propertyRuns: 40,
  },
  {
    file: 'risk-invariants',
    attack: 'breakers at their exact thresholds, and the equity identity, on random prices and fills',
    files: ['test/invariants/risk.property.test.ts', 'src/main/engine/portfolio/portfolio.property.test.ts'],
    propertyRuns: 300,
  },
  {
    file: 'security-electron',
    attack: 'Electron security of the built app (sandbox, isolation, CSP, window.open, navigation, IPC sender, preload surface)',
    files: ['test/security/built-main.test.ts', 'test/security/built-preload.test.ts', 'test/security/renderer-csp.test.ts'],
  },
  { file: 'security-headless', attack: 'headless host access (token, loopback bind, cross-origin upgrades, payload caps)', files: ['test/security/headless-host.test.ts', 'src/main/headless/server.test.ts'] },
  { file: 'security-secrets', attack: 'secrets at rest and in flight (data folder, journal, logs, everything the renderer received)', files: ['test/e2e/exchange-settings.e2e.test.ts'] },
];

const { values } = parseArgs({ options: { 'table-only': { type: 'boolean', default: false }, only: { type: 'string' } } });
const chosen = (files: string[]): boolean => values.only === undefined || files.includes(values.only);
if (!values['table-only']) {
  spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  for (const run of LONG_RUNS.filter((r) => chosen(r.files))) {
    console.log(`\n=== ${run.name}`);
    spawnSync(process.execPath, run.args, { cwd: ROOT, stdio: 'inherit' });
  }
  for (const spec of TEST_ATTACKS.filter((a) => chosen([a.file]))) {
    console.log(`\n=== ${spec.attack}`);
    const result = runVitestAttack(spec);
    printAttackResult(result);
    saveAttackResult(spec.file, result);
  }
}
const results = loadAttackResults();
writeFileSync(join(ROOT, 'RELIABILITY.md'), reliabilityMarkdown(results));
console.log(`\nRELIABILITY.md: ${results.length} attacks, ${results.filter((r) => r.lost > 0 || r.breaches.length > 0).length} with losses or breaches.`);
process.exitCode = results.some((r) => r.lost > 0 || r.breaches.length > 0) ? 1 : 0;
