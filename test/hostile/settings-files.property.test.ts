// Hostile settings files: whatever settings.json holds, both settings stores start the desk. A file they
// cannot use is kept aside byte for byte under a name the warning gives, the defaults are used, and the
// warning names what was wrong; a valid file loads as it is and is left alone.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ElectronSettingsStore } from '../../src/main/settings/electron-settings-store.ts';
import { FileSettingsStore } from '../../src/main/settings/file-settings-store.ts';
import type { SettingsStore } from '../../src/main/settings/settings-store.ts';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../src/shared/settings.ts';
import { propertyRuns } from '../support/property-runs.ts';
import { hostileDocuments, prototypePolluted, type HostileDocument } from './hostile-documents.ts';

// electron-store needs Electron's app only without an absolute cwd. Node's 'electron' package downloads
// the binary when it is missing, unless told where it is: then it only returns that path, as here.
const electronOverride = vi.hoisted(() => {
  const before = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron';
  return before;
});

const SAVED: Settings = {
  mode: 'shadow',
  startingCapital: 25_000,
  simSpeed: 10,
  riskLimits: { ...DEFAULT_SETTINGS.riskLimits, maxDrawdown: 0.1, noDuplicatePosition: true },
  exchange: { id: 'binance', testnet: true, symbols: ['BTC/USDT', 'ETH/USDT'] },
  updates: { enabled: true, feed: 'hft-desk/hft-desk' },
};

const root = mkdtempSync(join(tmpdir(), 'hft-hostile-settings-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  if (electronOverride === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
});
let runs = 0;
const freshDir = (): string => join(root, String(runs++));

interface StoreCase {
  name: string;
  open: (dir: string) => SettingsStore;
  /** The document as the store writes it. */
  wrap: (settings: Settings) => Record<string, unknown>;
  /** The settings a parsed file holds, for the oracle. */
  unwrap: (parsed: unknown) => unknown;
  /** A field path of the file as the warning names it. */
  fieldName: (path: string) => string;
}

const CASES: StoreCase[] = [
  {
    name: 'FileSettingsStore',
    open: (dir) => new FileSettingsStore(dir),
    wrap: (settings) => settings,
    unwrap: (parsed) => parsed,
    fieldName: (path) => path,
  },
  {
    name: 'ElectronSettingsStore',
    open: (dir) => new ElectronSettingsStore(dir),
    wrap: (settings) => ({ settings }),
    // The store may hold other keys; one without settings has nothing saved yet.
    unwrap: (parsed) => {
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return parsed;
      return Object.hasOwn(parsed, 'settings') ? (parsed as { settings: unknown }).settings : DEFAULT_SETTINGS;
    },
    fieldName: (path) => path.replace(/^settings\.?/, ''),
  },
];

/** What a file should load as: its settings when it is valid JSON they validate in, else null. */
function expectedSettings(store: StoreCase, bytes: Buffer): Settings | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  const check = settingsSchema.safeParse(store.unwrap(parsed));
  return check.success ? check.data : null;
}

function checkLoad(store: StoreCase, doc: HostileDocument): void {
  const dir = freshDir();
  const file = join(dir, 'settings.json');
  mkdirSync(dir);
  writeFileSync(file, doc.bytes);
  const expected = expectedSettings(store, doc.bytes);

  const loaded = store.open(dir).load();

  expect(settingsSchema.safeParse(loaded.settings).success).toBe(true);
  expect(prototypePolluted()).toBe(false);
  if (expected !== null) {
    expect(loaded).toEqual({ settings: expected });
    expect(readFileSync(file).equals(doc.bytes)).toBe(true);
    return;
  }
  expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
  const aside = readdirSync(dir).filter((name) => name.startsWith('settings.json.corrupt-'));
  expect(aside, 'exactly one file set aside').toHaveLength(1);
  expect(readFileSync(join(dir, aside[0]!)).equals(doc.bytes), 'the set-aside file holds the original bytes').toBe(true);
  expect(readdirSync(dir)).not.toContain('settings.json');
  const warning = loaded.warning ?? '';
  expect(warning).toContain(join(dir, aside[0]!));
  expect(warning).toMatch(/default settings are in use/);
  expect(warning.length, 'a sentence, not a dump of the file').toBeLessThan(2_000);
  if (doc.field !== undefined && doc.field !== '') expect(warning).toContain(store.fieldName(doc.field));

  // The next start sees no file and says nothing.
  expect(store.open(dir).load()).toEqual({ settings: DEFAULT_SETTINGS });
}

describe.each(CASES)('$name with a hostile settings.json', (store) => {
  it('starts with valid settings, keeps a bad file aside byte for byte and names the problem', () => {
    fc.assert(
      fc.property(hostileDocuments(store.wrap(SAVED)), (doc) => checkLoad(store, doc)),
      { numRuns: propertyRuns(100) },
    );
  });

  it('loads a valid file saved with a byte order mark, as Notepad saves it', () => {
    const dir = freshDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'settings.json'), `\uFEFF${JSON.stringify(store.wrap(SAVED))}`);
    expect(store.open(dir).load()).toEqual({ settings: SAVED });
  });

  it.each(['null', '[]', '42', '"settings"'])('keeps a file holding only %s aside instead of writing over it later', (text) => {
    checkLoad(store, { bytes: Buffer.from(text), how: text });
  });

  it('saves again after setting a bad file aside, and leaves the kept file as it was', () => {
    const dir = freshDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'settings.json'), '[]');
    const store1 = store.open(dir);
    expect(store1.load().warning).toMatch(/could not be used/);
    store1.save(SAVED);
    expect(store.open(dir).load()).toEqual({ settings: SAVED });
    const aside = readdirSync(dir).filter((name) => name.startsWith('settings.json.corrupt-'));
    expect(aside.map((name) => readFileSync(join(dir, name), 'utf8'))).toEqual(['[]']);
  });

  it('loads back any valid settings it saved, from a fresh instance', () => {
    const validSettings = fc.record({
      mode: fc.constantFrom('paper', 'shadow', 'live'),
      startingCapital: fc.double({ min: 1e-6, max: 1e12, noNaN: true }),
      simSpeed: fc.double({ min: 1, max: 100, noNaN: true }),
      riskLimits: fc.record({
        ...Object.fromEntries(Object.entries(DEFAULT_SETTINGS.riskLimits).map(([key, value]) => [key, fc.constant(value)])),
        maxPositionValue: fc.double({ min: 1e-6, max: 1e12, noNaN: true }),
        maxDrawdown: fc.double({ min: 1e-6, max: 1, noNaN: true }),
        noDuplicatePosition: fc.boolean(),
      }),
      exchange: fc.option(fc.record({ id: fc.constantFrom('binance', 'kraken', 'okx'), testnet: fc.boolean(), symbols: fc.constant(['BTC/USDT']) })),
      updates: fc.record({ enabled: fc.boolean(), feed: fc.constantFrom(null, 'hft-desk/hft-desk', 'https://updates.example.com/hft-desk') }),
    }) as fc.Arbitrary<Settings>;
    fc.assert(
      fc.property(validSettings, (settings) => {
        const dir = freshDir();
        store.open(dir).save(settings);
        expect(store.open(dir).load()).toEqual({ settings });
      }),
      { numRuns: propertyRuns(30) },
    );
  });
});
