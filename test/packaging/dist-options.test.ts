// What `npm run dist` reads from its command line and its environment.
import { Platform } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { builderConfig, signingPlan } from '../../scripts/packaging/builder-config.ts';
import { targetsFromArgs } from '../../scripts/packaging/dist-targets.ts';

describe('npm run dist', () => {
  it('says, per platform, that it builds unsigned when no certificate is in the environment', () => {
    const plan = signingPlan({});
    expect([plan.mac, plan.notarize, plan.windows]).toEqual([false, false, false]);
    expect(plan.lines).toEqual([
      'macOS: CSC_LINK and CSC_NAME are not set; the dmg is not signed (Gatekeeper will warn).',
      'macOS: not notarized (needs signing and APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID).',
      'Windows: WIN_CSC_LINK and CSC_LINK are not set; the installer is not signed (SmartScreen will warn).',
    ]);
    expect(builderConfig({}).mac?.identity).toBeNull();
  });

  it('signs and notarizes when the environment holds what each needs', () => {
    const env = { CSC_LINK: '/keys/dev.p12', CSC_KEY_PASSWORD: 'x', APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 'T' };
    expect(signingPlan(env)).toMatchObject({ mac: true, notarize: true, windows: true });
    expect(builderConfig(env).mac).toMatchObject({ identity: undefined, notarize: true });
    // A certificate alone signs but does not notarize.
    expect(signingPlan({ CSC_NAME: 'Developer ID Application: X' })).toMatchObject({ mac: true, notarize: false, windows: false });
  });

  it('builds each named platform’s targets, and this platform’s installers when none is named', () => {
    expect(targetsFromArgs([])).toBeUndefined();
    const picked = targetsFromArgs(['--linux', 'dir', 'deb', '--win']);
    expect([...picked!.keys()].map((platform) => platform.name)).toEqual([Platform.LINUX.name, Platform.WINDOWS.name]);
    expect([...picked!.get(Platform.LINUX)!.values()][0]).toEqual(['dir', 'deb']);
    expect(() => targetsFromArgs(['dir'])).toThrow('"dir": name a platform first (--linux, --mac or --win), then its targets.');
  });

  it('associates no file type and no URL scheme with the app', () => {
    expect([builderConfig({}).fileAssociations, builderConfig({}).protocols]).toEqual([[], []]);
  });
});
