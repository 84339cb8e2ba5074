import { describe, expect, it } from 'vitest';
import { FillKeyFilter } from './fill-key-filter.ts';

describe('FillKeyFilter', () => {
  it('never says a key it was given is absent', () => {
    const filter = new FillKeyFilter();
    for (let i = 0; i < 100_000; i++) filter.add(`P-hd-${i}`, `P-hd-${i}:${i % 7}`);
    for (let i = 0; i < 100_000; i++) expect(filter.mayHave(`P-hd-${i}`, `P-hd-${i}:${i % 7}`)).toBe(true);
  });

  it('says almost every key it was not given is absent, and tells the order id from the trade id', () => {
    const filter = new FillKeyFilter();
    for (let i = 0; i < 1_000_000; i++) filter.add(`o${i}`, `t${i}`);
    let falsePositives = 0;
    for (let i = 0; i < 100_000; i++) if (filter.mayHave(`o${i}`, `t${i + 1}`)) falsePositives++;
    expect(falsePositives / 100_000).toBeLessThan(0.02);
    expect(filter.mayHave('ab', 'c')).toBe(false);
    filter.add('a', 'bc');
    expect(filter.mayHave('ab', 'c')).toBe(false);
  });
});
