// How electron-builder packs HFT Desk: what goes in (the built app, the sample datasets, production
// dependencies; nothing else), the installers per platform, the fuses, and code signing taken from
// the environment. `npm run dist` (scripts/dist.ts) and the packaging test both build from here.
import type { Configuration } from 'electron-builder';

export const APP_ID = 'io.github.hft-desk';
export const PRODUCT_NAME = 'HFT Desk';

/** Which signing the environment allows, and a line per platform saying so. */
export interface SigningPlan {
  mac: boolean;
  notarize: boolean;
  windows: boolean;
  lines: string[];
}

const set = (env: NodeJS.ProcessEnv, name: string): boolean => (env[name] ?? '').trim() !== '';

export function signingPlan(env: NodeJS.ProcessEnv): SigningPlan {
  const mac = set(env, 'CSC_LINK') || set(env, 'CSC_NAME');
  const notarize = mac && ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'].every((name) => set(env, name));
  const windows = set(env, 'WIN_CSC_LINK') || set(env, 'CSC_LINK');
  return {
    mac,
    notarize,
    windows,
    lines: [
      mac ? 'macOS: signing with the certificate in CSC_LINK / CSC_NAME.' : 'macOS: CSC_LINK and CSC_NAME are not set; the dmg is not signed (Gatekeeper will warn).',
      notarize ? 'macOS: notarizing with APPLE_ID and APPLE_TEAM_ID.' : 'macOS: not notarized (needs signing and APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID).',
      windows ? 'Windows: signing with the certificate in WIN_CSC_LINK / CSC_LINK.' : 'Windows: WIN_CSC_LINK and CSC_LINK are not set; the installer is not signed (SmartScreen will warn).',
    ],
  };
}

export function builderConfig(env: NodeJS.ProcessEnv = process.env): Configuration {
  const signing = signingPlan(env);
  return {
    appId: APP_ID,
    productName: PRODUCT_NAME,
    executableName: 'hft-desk',
    copyright: 'Copyright © 2026 HFT Desk contributors',
    directories: { output: 'dist', buildResources: 'resources' },
    // A whitelist: without it src/, test/ and bench/ would be packed. Source maps of the main process
    // stay out; node_modules get production dependencies only, added by electron-builder itself, less
    // what nothing loads at run time: type declarations, source maps, and ccxt's CommonJS copy (the
    // app imports its ES modules), half of its 60 MB.
    files: ['package.json', 'out/**/*', '!out/**/*.map', 'resources/datasets/**/*', '!node_modules/**/*.d.ts', '!node_modules/**/*.d.cts', '!node_modules/**/*.map', '!node_modules/ccxt/dist/**'],
    asar: true,
    // A rebuild downloads Electron's headers; the app has no native module of its own.
    npmRebuild: false,
    nodeGypRebuild: false,
    electronFuses: {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      // Checked by Electron on macOS and Windows; elsewhere the fuse is set and has no effect.
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    },
    fileAssociations: [],
    protocols: [],
    linux: {
      target: ['AppImage', 'deb'],
      icon: 'resources/icons',
      category: 'Finance',
      synopsis: 'Desktop trading terminal: paper, shadow and live',
      maintainer: 'HFT Desk contributors',
    },
    mac: {
      target: ['dmg'],
      icon: 'resources/icons/icon.icns',
      category: 'public.app-category.finance',
      hardenedRuntime: true,
      // null: do not look for a certificate in the keychain either.
      identity: signing.mac ? undefined : null,
      notarize: signing.notarize,
    },
    win: {
      target: ['nsis'],
      icon: 'resources/icons/icon.ico',
    },
    nsis: {
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    },
  };
}
