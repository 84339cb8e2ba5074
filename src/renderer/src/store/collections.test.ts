import { describe, expect, it } from 'vitest';
import { prependNewest, upsertBy, upsertSorted } from './collections.ts';

interface Item {
  id: string;
  ts: number;
  v?: number;
}

const byId = (item: Item) => item.id;

describe('upsertBy', () => {
  it('replaces known items in place and appends new ones', () => {
    const list: Item[] = [{ id: 'a', ts: 1 }, { id: 'b', ts: 2 }];
    expect(upsertBy(list, [{ id: 'b', ts: 3 }, { id: 'c', ts: 4 }], byId)).toEqual([
      { id: 'a', ts: 1 },
      { id: 'b', ts: 3 },
      { id: 'c', ts: 4 },
    ]);
  });

  it('deletes items the remove predicate matches', () => {
    const list: Item[] = [{ id: 'a', ts: 1 }, { id: 'b', ts: 2 }];
    expect(upsertBy(list, [{ id: 'a', ts: 0 }], byId, (item) => item.ts === 0)).toEqual([{ id: 'b', ts: 2 }]);
  });

  it('returns the same list when there is nothing to apply', () => {
    const list: Item[] = [{ id: 'a', ts: 1 }];
    expect(upsertBy(list, [], byId)).toBe(list);
  });
});

describe('prependNewest', () => {
  it('puts incoming entries newest first in front and keeps the bound', () => {
    const list: Item[] = [{ id: 'b', ts: 2 }, { id: 'a', ts: 1 }];
    const next = prependNewest(list, [{ id: 'c', ts: 3 }, { id: 'd', ts: 4 }], 3);
    expect(next.map(byId)).toEqual(['d', 'c', 'b']);
  });

  it('drops entries whose key is already held', () => {
    const list: Item[] = [{ id: 'a', ts: 1 }];
    const next = prependNewest(list, [{ id: 'a', ts: 1 }, { id: 'b', ts: 2 }, { id: 'b', ts: 2 }], 10, byId);
    expect(next.map(byId)).toEqual(['b', 'a']);
  });
});

describe('upsertSorted', () => {
  const time = (item: Item) => item.ts;

  it('appends newer entries, replaces equal times and inserts older ones in order', () => {
    const list: Item[] = [{ id: 'a', ts: 1 }, { id: 'c', ts: 3 }];
    const next = upsertSorted(list, [{ id: 'd', ts: 4 }, { id: 'c2', ts: 3 }, { id: 'b', ts: 2 }], time, 10);
    expect(next.map(byId)).toEqual(['a', 'b', 'c2', 'd']);
  });

  it('drops the oldest entries past the bound', () => {
    const list: Item[] = [{ id: 'a', ts: 1 }, { id: 'b', ts: 2 }];
    expect(upsertSorted(list, [{ id: 'c', ts: 3 }], time, 2).map(byId)).toEqual(['b', 'c']);
  });
});
