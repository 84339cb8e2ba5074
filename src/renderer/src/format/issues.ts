// Zod's validation issues as short phrases for a form field ("must be at least 2").
import type { z } from 'zod';

/** How a field shows its value, when not as stored: fractions as percent (scale 100, suffix '%'). */
export interface DisplayUnit {
  scale: number;
  suffix: string;
}

function bound(value: number | bigint, unit: DisplayUnit | undefined): string {
  if (!unit) return String(value);
  return `${Number((Number(value) * unit.scale).toPrecision(12))}${unit.suffix}`;
}

export function issueText(issue: z.core.$ZodIssue, unit?: DisplayUnit): string {
  switch (issue.code) {
    case 'too_small':
      return issue.inclusive ? `must be at least ${bound(issue.minimum, unit)}` : `must be greater than ${bound(issue.minimum, unit)}`;
    case 'too_big':
      return issue.inclusive ? `must be at most ${bound(issue.maximum, unit)}` : `must be less than ${bound(issue.maximum, unit)}`;
    case 'invalid_type':
      return issue.expected === 'int' ? 'must be a whole number' : `must be a ${issue.expected}`;
    default:
      return issue.message;
  }
}

/** The first problem per field, keyed by the field's path ("riskLimits.maxDrawdown"). */
export function issuesByField(
  issues: readonly z.core.$ZodIssue[],
  units: Readonly<Record<string, DisplayUnit>> = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    errors[field] ??= issueText(issue, units[field]);
  }
  return errors;
}
