// One chaos run's verdict, for the terminal.
import type { AttackResult } from './attack-result.ts';

export function printAttackResult(result: AttackResult): void {
  const verdict = result.lost === 0 && result.breaches.length === 0 ? 'PASS' : 'FAIL';
  console.log(`${verdict}  ${result.attack}: ${result.runs} ${result.unit}, lost ${result.lost}`);
  for (const [name, value] of Object.entries(result.figures)) console.log(`  ${name}: ${value}`);
  for (const breach of result.breaches) console.log(`  BREACH ${breach}`);
}
