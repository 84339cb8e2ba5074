// `npm run chaos:crash`: the long crash runs, paper then live, at least 50 kills each.
//   node test/chaos/crash/main.ts [--kills N] [--seed S]
import { parseArgs } from 'node:util';
import { saveAttackResult } from '../attack-result.ts';
import { printAttackResult } from '../print-result.ts';
import { runCrashChaos, type CrashMode } from './run-crash.ts';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '50' }, seed: { type: 'string', default: '1' } } });
const kills = Number(values.kills);
const seed = Number(values.seed);
let failed = false;
for (const mode of ['paper', 'live'] as CrashMode[]) {
  console.log(`\nkill -9, ${mode}: ${kills} kills, seed ${seed}`);
  const result = await runCrashChaos({ mode, kills, seed, command: `npm run chaos:crash -- --kills ${kills} --seed ${seed}`, log: (line) => console.log(`  ${line}`) });
  printAttackResult(result);
  saveAttackResult(`crash-${mode}`, result);
  failed ||= result.lost > 0 || result.breaches.length > 0;
}
process.exit(failed ? 1 : 0);
