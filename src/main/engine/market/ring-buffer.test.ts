import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.ts';

function contents<T>(ring: RingBuffer<T>): T[] {
  const items: T[] = [];
  for (let index = 0; index < ring.size; index++) items.push(ring.at(index));
  return items;
}

describe('RingBuffer', () => {
  it('keeps items oldest first until it is full', () => {
    const ring = new RingBuffer<number>(3);
    ring.push(1);
    ring.push(2);
    expect(contents(ring)).toEqual([1, 2]);
    expect(ring.last()).toBe(2);
  });

  it('drops the oldest item when pushed past capacity', () => {
    const ring = new RingBuffer<number>(3);
    for (let value = 1; value <= 7; value++) ring.push(value);
    expect(ring.size).toBe(3);
    expect(contents(ring)).toEqual([5, 6, 7]);
  });

  it('replaces an item in place by its index from the oldest', () => {
    const ring = new RingBuffer<string>(2);
    ring.push('a');
    ring.push('b');
    ring.push('c');
    ring.set(0, 'B');
    expect(contents(ring)).toEqual(['B', 'c']);
  });

  it('refuses indexes outside the items it holds', () => {
    const ring = new RingBuffer<number>(4);
    ring.push(1);
    expect(() => ring.at(1)).toThrow(RangeError);
    expect(() => ring.at(-1)).toThrow(RangeError);
  });

  it('is empty again after clear', () => {
    const ring = new RingBuffer<number>(2);
    ring.push(1);
    ring.push(2);
    ring.push(3);
    ring.clear();
    expect(ring.size).toBe(0);
    expect(ring.last()).toBeUndefined();
    ring.push(9);
    expect(contents(ring)).toEqual([9]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(1.5)).toThrow(RangeError);
  });
});
