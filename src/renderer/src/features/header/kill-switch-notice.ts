import type { KillSwitchReport } from '../../../../shared/contract.ts';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** What the kill switch did, and for each position still held, what is left and why. */
export function killSwitchNotice(report: KillSwitchReport): string {
  const stopped = report.strategiesStopped > 0 ? `, ${plural(report.strategiesStopped, 'strategy', 'strategies')} switched off` : '';
  const done = `Kill switch: ${plural(report.cancelled, 'order', 'orders')} cancelled, ${plural(report.closed, 'position', 'positions')} closed${stopped}.`;
  const left = report.remaining.map((r) => `${r.symbol}: ${r.reason}`);
  return [done, ...left].join(' ');
}
