// `npm run chaos:soak` (node --expose-gc test/chaos/soak/main.ts [--hours N] [--every MINUTES]): hours of
// paper trading on the simulated market at 100x, a table of samples as they come, then the verdict.
// Saves test/chaos/results/soak.json and exits 1 on any breach or loss.
import { parseArgs } from 'node:util';
import { saveAttackResult, type AttackResult } from '../attack-result.ts';
import { printAttackResult } from '../print-result.ts';
import { DEFAULT_SAMPLE_MINUTES, runSoak, type SoakReport } from './run-soak.ts';
import { SOAK_SPEED, type SoakSample } from './soak-sample.ts';

/** Six simulated hours: 216 s of wall time at 100x, long enough for a slow leak to show as a slope. */
const DEFAULT_HOURS = 6;

const { values } = parseArgs({ options: { hours: { type: 'string' }, every: { type: 'string' } } });
const hours = Number(values.hours ?? DEFAULT_HOURS);
const every = Number(values.every ?? DEFAULT_SAMPLE_MINUTES);
if (!(hours > 0) || !(every > 0)) {
  console.error('Usage: node --expose-gc test/chaos/soak/main.ts [--hours N] [--every MINUTES]');
  process.exit(2);
}

const COLUMNS: [string, number, (s: SoakSample) => string][] = [
  ['sim min', 7, (s) => s.simMinutes.toFixed(0)],
  ['wall s', 6, (s) => s.wallSeconds.toFixed(0)],
  ['heap MB', 7, (s) => s.heapUsedMB.toFixed(2)],
  ['rss MB', 7, (s) => s.rssMB.toFixed(1)],
  ['events/s', 8, (s) => s.eventsPerSecond.toFixed(0)],
  ['p50 µs', 7, (s) => (s.handling.median * 1000).toFixed(1)],
  ['p99 µs', 7, (s) => (s.handling.p99 * 1000).toFixed(1)],
  ['max ms', 7, (s) => s.handling.max.toFixed(2)],
  ['UI msg/s', 8, (s) => s.uiMessagesPerSecond.toFixed(1)],
  ['UI max/s', 8, (s) => String(s.uiMaxMessagesInOneSecond)],
  ['UI KB/s', 7, (s) => (s.uiBytesPerSecond / 1024).toFixed(1)],
  ['orders', 7, (s) => String(s.orders)],
  ['fills', 7, (s) => String(s.fills)],
];
const row = (cells: string[]): string => cells.map((cell, i) => cell.padStart(COLUMNS[i]![1])).join('  ');

console.log(`Soak: ${hours} simulated hours at ${SOAK_SPEED}x (~${Math.round((hours * 3600) / SOAK_SPEED)} s), a sample every ${every} simulated minutes.\n`);
console.log(row(COLUMNS.map(([title]) => title)));
const report: SoakReport = await runSoak({
  simulatedHours: hours,
  sampleEveryMinutes: every,
  onSample: (sample) => console.log(row(COLUMNS.map(([, , cell]) => cell(sample)))),
});

const command = `npm run chaos:soak -- --hours ${hours}${values.every ? ` --every ${every}` : ''}`;
const result: AttackResult = {
  attack: 'soak (paper, 100x)',
  runs: report.figures.simulatedHours,
  unit: 'simulated hours',
  lost: report.lost,
  breaches: report.breaches,
  figures: {
    'RSS start/end MB': `${report.figures.rssStartMB} / ${report.figures.rssEndMB}`,
    'RSS slope MB/h': report.figures.rssSlopeMBPerHour,
    'heap start/end MB': `${report.figures.heapStartMB} / ${report.figures.heapEndMB}`,
    'heap slope MB/h': report.figures.heapSlopeMBPerHour,
    'handling p99 first/last third µs': `${(report.figures.p99FirstMs * 1000).toFixed(1)} / ${(report.figures.p99LastMs * 1000).toFixed(1)}`,
    'max UI msgs/s': report.figures.maxUiMessagesPerSecond,
    'max UI KB/s': Math.round(report.figures.maxUiBytesPerSecond / 1024),
    'events/s': report.figures.eventsPerSecond,
    'orders (journal)': `${report.figures.orders} (${report.figures.journalOrders})`,
    'fills (journal)': `${report.figures.fills} (${report.figures.journalFills})`,
  },
  command,
  measuredAt: new Date().toISOString(),
};
console.log('');
printAttackResult(result);
saveAttackResult('soak', result);
process.exit(result.lost === 0 && result.breaches.length === 0 ? 0 : 1);
