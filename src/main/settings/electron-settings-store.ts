import { join } from 'node:path';
import Store from 'electron-store';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings.ts';
import { setAside } from './set-aside.ts';
import type { SettingsStore } from './settings-store.ts';
import { assertValidSettings, parseSettingsJson, validateSettings } from './validate-settings.ts';

type StoredSettings = { settings?: unknown };

/**
 * electron-store reads a file that is valid JSON but not an object (null, [], 42) as an empty store, and
 * the next save would write over it; refusing it here sets it aside like any other unusable file.
 */
function readStoredSettings(text: string): StoredSettings {
  const parsed = parseSettingsJson(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const what = parsed === null ? 'null' : Array.isArray(parsed) ? 'a list' : `a ${typeof parsed}`;
    throw new Error(`the file holds ${what}, not an object of settings`);
  }
  return parsed as StoredSettings;
}

/** Settings in `<dir>/settings.json` through electron-store (atomic writes), validated like the file store. */
export class ElectronSettingsStore implements SettingsStore {
  readonly #dir: string;
  #store: Store<StoredSettings> | null = null;

  constructor(dir: string) {
    this.#dir = dir;
  }

  load(): { settings: Settings; warning?: string } {
    let raw: unknown;
    try {
      raw = this.#open().get('settings');
    } catch (error) {
      // electron-store throws on a file it cannot parse; opening again after setting it aside starts clean.
      this.#store = null;
      return { settings: DEFAULT_SETTINGS, warning: setAside(this.#filePath(), (error as Error).message) };
    }
    if (raw === undefined) return { settings: DEFAULT_SETTINGS };
    const check = validateSettings(raw);
    if (check.ok) return { settings: check.settings };
    this.#store = null;
    return { settings: DEFAULT_SETTINGS, warning: setAside(this.#filePath(), check.problem) };
  }

  save(settings: Settings): void {
    this.#open().set('settings', assertValidSettings(settings));
  }

  #open(): Store<StoredSettings> {
    this.#store ??= new Store<StoredSettings>({ name: 'settings', cwd: this.#dir, deserialize: readStoredSettings });
    return this.#store;
  }

  #filePath(): string {
    return join(this.#dir, 'settings.json');
  }
}
