// A choice of this screen kept in the browser's storage (theme, time zone, chart style): one of the
// allowed values, or the fallback when nothing (or something else) was saved.
const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

export function storedChoice<T extends string>(key: string, allowed: readonly T[], fallback: T): { initial: T; save(value: T): void } {
  const saved = storage()?.getItem(key);
  return {
    initial: (allowed as readonly string[]).includes(saved ?? '') ? (saved as T) : fallback,
    save: (value) => storage()?.setItem(key, value),
  };
}
