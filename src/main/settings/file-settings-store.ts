import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings.ts';
import { setAside } from './set-aside.ts';
import type { SettingsStore } from './settings-store.ts';
import { assertValidSettings, parseSettingsJson, validateSettings } from './validate-settings.ts';

/** Settings as `<dir>/settings.json`, for the headless host (no Electron). */
export class FileSettingsStore implements SettingsStore {
  readonly filePath: string;

  constructor(dir: string) {
    this.filePath = join(dir, 'settings.json');
  }

  load(): { settings: Settings; warning?: string } {
    let text: string;
    try {
      text = readFileSync(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: DEFAULT_SETTINGS };
      throw error;
    }
    let raw: unknown;
    try {
      raw = parseSettingsJson(text);
    } catch (error) {
      return { settings: DEFAULT_SETTINGS, warning: setAside(this.filePath, (error as Error).message) };
    }
    const check = validateSettings(raw);
    if (check.ok) return { settings: check.settings };
    return { settings: DEFAULT_SETTINGS, warning: setAside(this.filePath, check.problem) };
  }

  /** Temp file + fsync + rename: a crash mid-write leaves the previous file intact. */
  save(settings: Settings): void {
    const data = `${JSON.stringify(assertValidSettings(settings), null, 2)}\n`;
    mkdirSync(dirname(this.filePath), { recursive: true });
    const temp = `${this.filePath}.tmp-${process.pid}`;
    try {
      const fd = openSync(temp, 'w');
      try {
        writeSync(fd, data);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.filePath);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }
}
