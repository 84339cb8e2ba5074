import { RingBuffer } from './market/ring-buffer.ts';

/**
 * The newest `limit` items, read newest first: O(1) to add (Array.unshift moved every kept item, on each
 * fill, signal and log line), and the array is built only when read.
 */
export class Recent<T> {
  private readonly ring: RingBuffer<T>;

  /** `newestFirst`: what to start with, as a snapshot lists it. */
  constructor(limit: number, newestFirst: readonly T[] = []) {
    this.ring = new RingBuffer(limit);
    for (let index = Math.min(newestFirst.length, limit) - 1; index >= 0; index--) this.ring.push(newestFirst[index]!);
  }

  get size(): number {
    return this.ring.size;
  }

  add(item: T): void {
    this.ring.push(item);
  }

  newestFirst(): T[] {
    const items: T[] = [];
    for (let index = this.ring.size - 1; index >= 0; index--) items.push(this.ring.at(index));
    return items;
  }

  /** Oldest first, without building an array. */
  forEach(visit: (item: T) => void): void {
    for (let index = 0; index < this.ring.size; index++) visit(this.ring.at(index));
  }
}
