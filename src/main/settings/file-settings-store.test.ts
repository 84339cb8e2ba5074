import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings.ts';
import { FileSettingsStore } from './file-settings-store.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hft-settings-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const custom: Settings = {
  ...DEFAULT_SETTINGS,
  startingCapital: 25_000,
  simSpeed: 10,
  riskLimits: { ...DEFAULT_SETTINGS.riskLimits, maxDrawdown: 0.1 },
};

describe('FileSettingsStore', () => {
  it('returns the defaults without a warning when nothing is saved yet', () => {
    expect(new FileSettingsStore(dir).load()).toEqual({ settings: DEFAULT_SETTINGS });
  });

  it('loads back exactly what it saved, from a fresh instance', () => {
    new FileSettingsStore(join(dir, 'nested')).save(custom);
    expect(new FileSettingsStore(join(dir, 'nested')).load()).toEqual({ settings: custom });
  });

  it('leaves no temporary file beside the settings after saving', () => {
    const store = new FileSettingsStore(dir);
    store.save(custom);
    store.save({ ...custom, simSpeed: 2 });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('keeps a corrupt file aside, uses the defaults and says so', () => {
    const store = new FileSettingsStore(dir);
    writeFileSync(store.filePath, '{"mode": "paper", ');
    const loaded = store.load();
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.warning).toMatch(/not valid JSON/);
    const aside = readdirSync(dir).filter((name) => name.startsWith('settings.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(loaded.warning).toContain(aside[0]);
    expect(readFileSync(join(dir, aside[0]), 'utf8')).toBe('{"mode": "paper", ');
  });

  it('keeps a file with invalid values aside and names the bad field in the warning', () => {
    const store = new FileSettingsStore(dir);
    writeFileSync(store.filePath, JSON.stringify({ ...custom, riskLimits: { ...custom.riskLimits, dailyLossLimit: 5 } }));
    const loaded = store.load();
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.warning).toMatch(/riskLimits\.dailyLossLimit/);
    expect(readdirSync(dir).some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true);
  });

  it('can save again after a corrupt file was set aside', () => {
    const store = new FileSettingsStore(dir);
    writeFileSync(store.filePath, 'not json');
    store.load();
    store.save(custom);
    expect(store.load()).toEqual({ settings: custom });
  });

  it('refuses to save invalid values, names the field and keeps the previous file', () => {
    const store = new FileSettingsStore(dir);
    store.save(custom);
    expect(() => store.save({ ...custom, simSpeed: 1000 })).toThrow(/simSpeed/);
    expect(store.load()).toEqual({ settings: custom });
  });
});
