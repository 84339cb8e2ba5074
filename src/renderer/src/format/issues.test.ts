import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issuesByField } from './issues.ts';

const schema = z.object({
  lookback: z.number().int().min(2),
  threshold: z.number().positive().max(1),
  limits: z.object({ drawdown: z.number().positive().max(1) }),
});

describe('issuesByField', () => {
  it('turns zod issues into short phrases keyed by field path', () => {
    const result = schema.safeParse({ lookback: 1.5, threshold: 0, limits: { drawdown: 0.5 } });
    expect(result.success).toBe(false);
    expect(issuesByField(result.error?.issues ?? [])).toEqual({
      lookback: 'must be a whole number',
      threshold: 'must be greater than 0',
    });
  });

  it('states bounds in the unit the field is shown in', () => {
    const result = schema.safeParse({ lookback: 2, threshold: 0.1, limits: { drawdown: 1.5 } });
    expect(issuesByField(result.error?.issues ?? [], { 'limits.drawdown': { scale: 100, suffix: '%' } })).toEqual({
      'limits.drawdown': 'must be at most 100%',
    });
  });
});
