import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../shared/settings.ts';
import { checkSettingsForm, formFromSettings } from './settings-form.ts';

describe('the settings form', () => {
  it('shows fractions as percentages without float noise', () => {
    const form = formFromSettings({ ...DEFAULT_SETTINGS, riskLimits: { ...DEFAULT_SETTINGS.riskLimits, dailyLossLimit: 0.07 } });
    expect(form.values.dailyLossLimit).toBe('7');
    expect(form.values.maxDrawdown).toBe('20');
    expect(form.values.startingCapital).toBe('100000');
  });

  it('turns the fields back into the settings the engine takes', () => {
    const form = formFromSettings(DEFAULT_SETTINGS);
    form.values.maxDrawdown = '15';
    form.values.startingCapital = '50,000';
    form.simSpeed = 10;
    const check = checkSettingsForm(form, DEFAULT_SETTINGS);
    expect(check).toEqual({
      ok: true,
      request: {
        startingCapital: 50_000,
        simSpeed: 10,
        riskLimits: { ...DEFAULT_SETTINGS.riskLimits, maxDrawdown: 0.15 },
      },
    });
  });

  it('reports each invalid field, with percent bounds in percent', () => {
    const form = formFromSettings(DEFAULT_SETTINGS);
    form.values.maxDrawdown = '150';
    form.values.startingCapital = '';
    form.values.staleFeedMs = '1.5';
    expect(checkSettingsForm(form, DEFAULT_SETTINGS)).toEqual({
      ok: false,
      errors: { startingCapital: 'must be a number', maxDrawdown: 'must be at most 100%', staleFeedMs: 'must be a whole number' },
    });
  });
});
