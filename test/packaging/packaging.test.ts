// The packaging step as `npm run dist` runs it, offline: electron-builder packs the built app into an
// unpacked Linux app around a stand-in Electron runtime (the real one cannot be downloaded here), and
// the test opens the app.asar it produced. What a user installs must hold the app, its datasets and its
// production dependencies, and nothing of the sources, tests, dev tools or anyone's data.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractAll, extractFile, listPackage } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { build, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builderConfig } from '../../scripts/packaging/builder-config.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's fuse wire as shipped: version 1, 8 fuses; '1' on, '0' off (RunAsNode on, cookie encryption off, ...). */
const SHIPPED_FUSES = '10110001';

let work: string;
let unpacked: string;
let entries: string[];

/** An executable named `electron` holding a fuse wire, all electron-builder needs of a runtime to pack around. */
function standInRuntime(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const binary = join(dir, 'electron');
  writeFileSync(binary, Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in Electron runtime"\nexit 0\n'), Buffer.from(SENTINEL), Buffer.from([1, SHIPPED_FUSES.length]), Buffer.from(SHIPPED_FUSES)]));
  chmodSync(binary, 0o755);
  writeFileSync(join(dir, 'version'), '45.5.0');
  return dir;
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out/main/index.js'))) throw new Error('No built app in out/: run "npm run build" first (npm test does).');
  work = mkdtempSync(join(tmpdir(), 'hft-packaging-'));
  const config = builderConfig({});
  await build({
    projectDir: ROOT,
    targets: Platform.LINUX.createTarget('dir'),
    config: { ...config, electronDist: standInRuntime(join(work, 'electron-dist')), directories: { ...config.directories, output: join(work, 'dist') } },
    publish: 'never',
  });
  unpacked = join(work, 'dist', 'linux-unpacked');
  entries = listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
  const modules = new Set(entries.map((entry) => /^\/node_modules\/((?:@[^/]+\/)?[^/@][^/]*)/.exec(entry)?.[1]).filter((name) => name !== undefined));
  const size = statSync(join(unpacked, 'resources', 'app.asar')).size;
  console.log(`app.asar: ${entries.length} entries, ${(size / 1e6).toFixed(1)} MB; ${modules.size} packages in node_modules: ${[...modules].sort().join(', ')}`);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packaged app', () => {
  it('holds the main process, preload, renderer and the sample datasets', () => {
    for (const file of ['/package.json', '/out/main/index.js', '/out/main/backtest-worker.js', '/out/main/projection-worker.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/resources/datasets/BTC-USDT_1m.csv', '/resources/datasets/BTC-USDT_trades.csv']) {
      expect(entries).toContain(file);
    }
  });

  it('starts where its package.json says, and every entry the main process loads is inside', () => {
    const manifest = JSON.parse(extractFile(join(unpacked, 'resources', 'app.asar'), 'package.json').toString()) as { main: string; name: string };
    expect(entries).toContain(`/${manifest.main.replace(/^\.\//, '')}`);
    const main = readFileSync(join(ROOT, 'out/main/index.js'), 'utf8');
    // The preload and the renderer are found relative to the main bundle.
    expect(main).toContain('../preload/index.cjs');
    expect(main).toContain('../renderer/index.html');
  });

  it('carries the production dependencies and none of the development ones', () => {
    for (const name of ['ccxt', 'zod', 'ws', 'electron-store', 'electron-log', 'electron-updater']) expect(entries).toContain(`/node_modules/${name}/package.json`);
    for (const name of ['electron', 'electron-builder', 'electron-vite', 'vite', 'vitest', 'typescript', 'playwright-core', 'fast-check', 'react', 'lightweight-charts']) {
      expect(entries).not.toContain(`/node_modules/${name}/package.json`);
    }
  });

  it('loads the dependencies the main process imports that need no Electron (ccxt, zod) from what was packed', () => {
    const extracted = join(work, 'extracted');
    extractAll(join(unpacked, 'resources', 'app.asar'), extracted);
    const check = join(extracted, 'out', 'main', 'check-imports.mjs');
    writeFileSync(check, "const ccxt = await import('ccxt'); const { z } = await import('zod'); console.log(typeof ccxt.pro.binance, typeof z.object);");
    expect(execFileSync(process.execPath, [check], { encoding: 'utf8' }).trim()).toBe('function function');
  });

  it('leaves out sources, tests, benchmarks, main-process source maps, env files and data folders', () => {
    for (const prefix of ['/src/', '/test/', '/bench/', '/scripts/', '/.hft-desk-data/', '/dist/']) expect(entries.filter((entry) => entry.startsWith(prefix))).toEqual([]);
    expect(entries.filter((entry) => entry.startsWith('/out/main/') && entry.endsWith('.map'))).toEqual([]);
    expect(entries.filter((entry) => /(^|\/)\.env(\.|$)/.test(entry))).toEqual([]);
    expect(entries.filter((entry) => /\.sqlite$|keys\.json$|headless-token$/.test(entry))).toEqual([]);
  });

  it('has its fuses set: no running as Node, cookies encrypted, the app only from its asar', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'hft-desk'));
    const ON = 49;
    const OFF = 48;
    // FuseV1Options order: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
    // EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar.
    expect([wire[0], wire[1], wire[2], wire[3], wire[4], wire[5]]).toEqual([OFF, ON, OFF, OFF, ON, ON]);
  });
});
