// `npm run chaos:net`: a long live session through the fault proxy.
//   node test/chaos/net/main.ts [--minutes N] [--seed S]
import { parseArgs } from 'node:util';
import { logUnhandledRejections } from '../../../src/main/process-guards.ts';
import { saveAttackResult } from '../attack-result.ts';
import { printAttackResult } from '../print-result.ts';
import { runNetChaos } from './run-net.ts';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '5' }, seed: { type: 'string', default: '1' } } });
const minutes = Number(values.minutes);
const seed = Number(values.seed);
// As the app does: ccxt.pro leaves some rejected promises unawaited when a socket is cut.
logUnhandledRejections((line) => console.log(`  ${line}`));
console.log(`network faults, live: ${minutes} min session, seed ${seed}`);
const result = await runNetChaos({
  durationMs: minutes * 60_000,
  seed,
  command: `npm run chaos:net -- --minutes ${minutes} --seed ${seed}`,
  log: (line) => {
    if (!line.startsWith('desk: ')) console.log(`  ${line}`);
  },
});
printAttackResult(result);
saveAttackResult('network', result);
process.exit(result.lost === 0 && result.breaches.length === 0 ? 0 : 1);
