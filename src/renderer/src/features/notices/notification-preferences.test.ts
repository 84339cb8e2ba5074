import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, readPreferences } from './notification-preferences.ts';

describe('notification preferences', () => {
  it('start with every kind on and no sound', () => {
    expect(readPreferences(null)).toEqual(DEFAULT_PREFERENCES);
    expect(Object.values(DEFAULT_PREFERENCES.kinds).every(Boolean)).toBe(true);
    expect(DEFAULT_PREFERENCES.sound).toBe(false);
  });

  it('keep what was saved and fall back to the defaults for anything unreadable', () => {
    expect(readPreferences(JSON.stringify({ kinds: { fill: false }, sound: true }))).toEqual({ kinds: { ...DEFAULT_PREFERENCES.kinds, fill: false }, sound: true });
    expect(readPreferences('{not json')).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences(JSON.stringify({ kinds: { fill: 'no', halt: false }, sound: 1 }))).toEqual({ kinds: { ...DEFAULT_PREFERENCES.kinds, halt: false }, sound: false });
  });
});
