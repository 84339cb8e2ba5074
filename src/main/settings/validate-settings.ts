import { settingsSchema, type Settings } from '../../shared/settings.ts';

/** The JSON of a settings file, skipping a byte order mark (Notepad saves one); throws "not valid JSON: ...". */
export function parseSettingsJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`not valid JSON: ${(error as Error).message}`);
  }
}

export type SettingsCheck = { ok: true; settings: Settings } | { ok: false; problem: string };

/** One validation for every settings store: the problem names each bad field, e.g. "simSpeed: Too big: expected number to be <=100". */
export function validateSettings(raw: unknown): SettingsCheck {
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const problem = parsed.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(settings)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, problem };
}

/** For save(): refuse to write settings that would be rejected on the next load. */
export function assertValidSettings(settings: Settings): Settings {
  const check = validateSettings(settings);
  if (!check.ok) throw new Error(`Settings not saved: ${check.problem}`);
  return check.settings;
}
