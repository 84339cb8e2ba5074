import type { Settings } from '../../shared/settings.ts';

/** Where settings live: electron-store in the desktop app, a JSON file for the headless host. */
export interface SettingsStore {
  /** Saved settings, or defaults when none are saved. A corrupt file is reported, kept aside, and replaced by defaults. */
  load(): { settings: Settings; warning?: string };
  save(settings: Settings): void;
}
