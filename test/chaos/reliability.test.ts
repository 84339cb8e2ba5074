import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAttackResults, type AttackResult } from './attack-result.ts';
import { reliabilityMarkdown } from './reliability-table.ts';

const attack = (overrides: Partial<AttackResult>): AttackResult => ({
  attack: 'kill -9 (paper)', runs: 50, unit: 'kills', lost: 0, breaches: [], figures: { fills: 1200 },
  command: 'npm run chaos:crash', measuredAt: '2026-11-25T20:00:00.000Z', ...overrides,
});

describe('RELIABILITY.md', () => {
  it('has a row per attack with its runs, what was lost and the command that reproduces it', () => {
    const text = reliabilityMarkdown([attack({}), attack({ attack: 'network faults (live)', runs: 1234, unit: 'faults injected', lost: 2, breaches: ['trade 7 is not in the journal'], command: 'npm run chaos:net' })]);
    expect(text).toContain('| kill -9 (paper) | 50 kills | 0 | pass | `npm run chaos:crash` |');
    expect(text).toContain('| network faults (live) | 1,234 faults injected | 2 | FAIL | `npm run chaos:net` |');
    expect(text).toContain('- **breach:** trade 7 is not in the journal');
    expect(text).toContain('- fills: 1,200');
  });

  it('is exactly what the saved results give, so it never drifts from the last runs', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../RELIABILITY.md'), 'utf8');
    expect(committed).toBe(reliabilityMarkdown(loadAttackResults()));
  });
});
