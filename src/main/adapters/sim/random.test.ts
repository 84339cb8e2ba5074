import { describe, expect, it } from 'vitest';
import { Random, deriveSeed } from './random.ts';

function draws(random: Random, count: number): number[] {
  return Array.from({ length: count }, () => random.next());
}

describe('Random', () => {
  it('replays the same sequence from the same seed', () => {
    expect(draws(new Random(42), 1_000)).toEqual(draws(new Random(42), 1_000));
  });

  it('gives a different sequence for a different seed', () => {
    expect(draws(new Random(42), 10)).not.toEqual(draws(new Random(43), 10));
  });

  it('draws uniforms in [0, 1) with a mean near one half', () => {
    const values = draws(new Random(7), 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 2);
  });

  it('draws standard normals with mean 0 and variance 1', () => {
    const random = new Random(11);
    let sum = 0;
    let sumOfSquares = 0;
    const count = 200_000;
    for (let index = 0; index < count; index++) {
      const value = random.normal();
      sum += value;
      sumOfSquares += value * value;
    }
    const mean = sum / count;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(sumOfSquares / count - mean * mean).toBeCloseTo(1, 1);
  });

  it('works from a zero seed', () => {
    const values = draws(new Random(0), 100);
    expect(new Set(values).size).toBe(100);
  });

  it('derives distinct seeds for distinct salts, the same for the same salt', () => {
    expect(deriveSeed(42, 1)).toBe(deriveSeed(42, 1));
    expect(new Set([0, 1, 2, 3, 4].map((salt) => deriveSeed(42, salt))).size).toBe(5);
    expect(deriveSeed(42, 1)).not.toBe(deriveSeed(43, 1));
  });
});
