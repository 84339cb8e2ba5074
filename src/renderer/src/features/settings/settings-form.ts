// The settings form: text fields to and from Settings, fractions shown as percentages.
import type { CommandRequest } from '../../../../shared/contract.ts';
import type { RiskLimits } from '../../../../shared/risk.ts';
import { settingsSchema, type Settings } from '../../../../shared/settings.ts';
import { issuesByField, type DisplayUnit } from '../../format/issues.ts';

type NumericLimit = Exclude<keyof RiskLimits, 'noDuplicatePosition'>;
export type NumericField = 'startingCapital' | NumericLimit;

export interface FieldSpec {
  name: NumericField;
  label: string;
  unit: string;
  testId: string;
  /** Stored as a fraction, shown as a percentage. */
  percent: boolean;
  group: 'account' | 'risk';
}

export const SETTINGS_FIELDS: readonly FieldSpec[] = [
  { name: 'startingCapital', label: 'Starting capital', unit: 'USDT', testId: 'settings-starting-capital', percent: false, group: 'account' },
  { name: 'maxPositionValue', label: 'Max position value', unit: 'USDT', testId: 'settings-max-position-value', percent: false, group: 'risk' },
  { name: 'maxGrossExposure', label: 'Max gross exposure', unit: '× equity', testId: 'settings-max-gross-exposure', percent: false, group: 'risk' },
  { name: 'riskPerTrade', label: 'Risk per trade', unit: '%', testId: 'settings-risk-per-trade', percent: true, group: 'risk' },
  { name: 'defaultStopPct', label: 'Default stop', unit: '%', testId: 'settings-default-stop', percent: true, group: 'risk' },
  { name: 'dailyLossLimit', label: 'Daily loss limit', unit: '%', testId: 'settings-daily-loss-limit', percent: true, group: 'risk' },
  { name: 'maxDrawdown', label: 'Max drawdown', unit: '%', testId: 'settings-max-drawdown', percent: true, group: 'risk' },
  { name: 'staleFeedMs', label: 'Stale feed after', unit: 'ms', testId: 'settings-stale-feed-ms', percent: false, group: 'risk' },
];

const PERCENT: DisplayUnit = { scale: 100, suffix: '%' };

export interface SettingsForm {
  values: Record<NumericField, string>;
  simSpeed: number;
  noDuplicatePosition: boolean;
}

/** Drops float noise such as 0.07 * 100 = 7.000000000000001. */
const clean = (value: number): number => Number(value.toPrecision(12));

function pathOf(name: NumericField): string {
  return name === 'startingCapital' ? name : `riskLimits.${name}`;
}

export function formFromSettings(settings: Settings): SettingsForm {
  const values = {} as Record<NumericField, string>;
  for (const field of SETTINGS_FIELDS) {
    const stored = field.name === 'startingCapital' ? settings.startingCapital : settings.riskLimits[field.name];
    values[field.name] = String(field.percent ? clean(stored * 100) : stored);
  }
  return { values, simSpeed: settings.simSpeed, noDuplicatePosition: settings.riskLimits.noDuplicatePosition };
}

export type SettingsError = NumericField | 'simSpeed';

export type SettingsCheck =
  | { ok: true; request: CommandRequest<'settings.update'> }
  | { ok: false; errors: Partial<Record<SettingsError, string>> };

const PERCENT_UNITS: Record<string, DisplayUnit> = Object.fromEntries(
  SETTINGS_FIELDS.filter((f) => f.percent).map((f) => [pathOf(f.name), PERCENT]),
);

export function checkSettingsForm(form: SettingsForm, current: Settings): SettingsCheck {
  const errors: Partial<Record<SettingsError, string>> = {};
  const numbers: Partial<Record<NumericField, number>> = {};
  for (const field of SETTINGS_FIELDS) {
    const text = form.values[field.name].trim().replace(/,/g, '');
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) errors[field.name] = 'must be a number';
    else numbers[field.name] = field.percent ? clean(value / 100) : value;
  }
  const { startingCapital = current.startingCapital, ...limits } = numbers;
  const candidate: Settings = {
    ...current,
    startingCapital,
    simSpeed: form.simSpeed,
    riskLimits: { ...current.riskLimits, ...limits, noDuplicatePosition: form.noDuplicatePosition },
  };
  const parsed = settingsSchema.safeParse(candidate);
  if (!parsed.success) {
    const byPath = issuesByField(parsed.error.issues, PERCENT_UNITS);
    for (const field of SETTINGS_FIELDS) errors[field.name] ??= byPath[pathOf(field.name)];
    errors.simSpeed ??= byPath.simSpeed;
  }
  const found = Object.fromEntries(Object.entries(errors).filter(([, text]) => text !== undefined));
  if (Object.keys(found).length > 0) return { ok: false, errors: found };
  // The mode is not edited here: the header's mode switch changes it ('mode.switch').
  return {
    ok: true,
    request: { startingCapital: candidate.startingCapital, simSpeed: candidate.simSpeed, riskLimits: candidate.riskLimits },
  };
}
