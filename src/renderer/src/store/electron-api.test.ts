import { describe, expect, it } from 'vitest';
import { electronApi } from './electron-api.ts';

describe('electronApi', () => {
  it('returns the preload api when it has invoke and onEvent', () => {
    const api = { invoke: () => Promise.resolve({ ok: true }), onEvent: () => () => {} };
    expect(electronApi({ api })).toBe(api);
  });

  it('returns null in a browser, or for something that only looks similar', () => {
    expect(electronApi({})).toBeNull();
    expect(electronApi({ api: { invoke: 'no' } })).toBeNull();
  });
});
