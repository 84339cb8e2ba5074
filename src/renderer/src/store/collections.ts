// Immutable list helpers for the reducers: upserts by key and bounded newest-first lists.

/**
 * Replaces items whose key already exists (in place) and appends the rest. Items for which
 * `remove` is true are deleted instead. Returns the original list when nothing changed.
 */
export function upsertBy<T>(
  list: readonly T[],
  incoming: readonly T[],
  key: (item: T) => string,
  remove: (item: T) => boolean = () => false,
): T[] {
  if (incoming.length === 0) return list as T[];
  const next = [...list];
  for (const item of incoming) {
    const id = key(item);
    const index = next.findIndex((existing) => key(existing) === id);
    if (remove(item)) {
      if (index !== -1) next.splice(index, 1);
    } else if (index === -1) {
      next.push(item);
    } else {
      next[index] = item;
    }
  }
  return next;
}

/**
 * Puts incoming entries (any order) in front of a newest-first list, newest first, dropping
 * duplicates by key when one is given, and keeps at most `limit` entries.
 */
export function prependNewest<T extends { ts: number }>(
  list: readonly T[],
  incoming: readonly T[],
  limit: number,
  key?: (item: T) => string,
): T[] {
  if (incoming.length === 0) return list as T[];
  let fresh = [...incoming].sort((a, b) => b.ts - a.ts);
  if (key) {
    const seen = new Set(list.map(key));
    fresh = fresh.filter((item) => {
      const id = key(item);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }
  return [...fresh, ...list].slice(0, limit);
}

/** Upserts into a list sorted ascending by `time`, keeping it sorted and at most `limit` long (oldest dropped). */
export function upsertSorted<T>(list: readonly T[], incoming: readonly T[], time: (item: T) => number, limit: number): T[] {
  if (incoming.length === 0) return list as T[];
  const next = [...list];
  for (const item of incoming) {
    const t = time(item);
    const last = next.length - 1;
    if (last === -1 || t > time(next[last])) {
      next.push(item);
      continue;
    }
    // Live updates touch the newest entry almost always; search back from the end.
    let index = last;
    while (index >= 0 && time(next[index]) > t) index--;
    if (index >= 0 && time(next[index]) === t) next[index] = item;
    else next.splice(index + 1, 0, item);
  }
  return next.length > limit ? next.slice(next.length - limit) : next;
}
