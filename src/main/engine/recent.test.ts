import { describe, expect, it } from 'vitest';
import { Recent } from './recent.ts';

describe('Recent', () => {
  it('keeps the newest items up to its limit and lists them newest first', () => {
    const recent = new Recent<number>(3);
    for (let n = 1; n <= 5; n++) recent.add(n);
    expect(recent.newestFirst()).toEqual([5, 4, 3]);
    expect(recent.size).toBe(3);
  });

  it('starts from a newest-first list, cut to its limit, and adds after it', () => {
    const recent = new Recent<string>(3, ['d', 'c', 'b', 'a']);
    expect(recent.newestFirst()).toEqual(['d', 'c', 'b']);
    recent.add('e');
    expect(recent.newestFirst()).toEqual(['e', 'd', 'c']);
    const seen: string[] = [];
    recent.forEach((item) => seen.push(item));
    expect(seen).toEqual(['c', 'd', 'e']);
  });
});
