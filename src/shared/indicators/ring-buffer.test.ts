import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.ts';

function contents(ring: RingBuffer): number[] {
  return Array.from({ length: ring.length }, (_, i) => ring.at(i));
}

describe('RingBuffer', () => {
  it('keeps values oldest first while filling', () => {
    const ring = new RingBuffer(3);
    ring.push(1);
    ring.push(2);
    expect(ring.full).toBe(false);
    expect(contents(ring)).toEqual([1, 2]);
    expect(ring.oldest).toBe(1);
    expect(ring.newest).toBe(2);
  });

  it('overwrites the oldest value once full', () => {
    const ring = new RingBuffer(3);
    for (const value of [1, 2, 3, 4, 5]) ring.push(value);
    expect(ring.full).toBe(true);
    expect(ring.length).toBe(3);
    expect(contents(ring)).toEqual([3, 4, 5]);
    expect(ring.oldest).toBe(3);
    expect(ring.newest).toBe(5);
  });

  it('holds a single value when its capacity is one', () => {
    const ring = new RingBuffer(1);
    ring.push(7);
    ring.push(8);
    expect(contents(ring)).toEqual([8]);
  });

  it('rejects reads outside the stored values', () => {
    const ring = new RingBuffer(2);
    expect(() => ring.oldest).toThrow(RangeError);
    ring.push(1);
    expect(() => ring.at(1)).toThrow(RangeError);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(/capacity/);
    expect(() => new RingBuffer(2.5)).toThrow(/capacity/);
  });
});
