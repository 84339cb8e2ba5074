// The icons electron-builder packs for each platform, read back as a desktop would read them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ICONS = resolve(import.meta.dirname, '../../resources/icons');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('the app icons', () => {
  it('come for Linux as square PNGs named for their size, 16 to 512 px, and a 1024 px master', () => {
    const named = readdirSync(ICONS).filter((name) => /^\d+x\d+\.png$/.test(name));
    expect(named.map((name) => Number(name.split('x')[0])).sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256, 512]);
    for (const name of named) {
      const size = Number(name.split('x')[0]);
      expect(pngSize(readFileSync(join(ICONS, name)))).toEqual([size, size]);
    }
    expect(pngSize(readFileSync(join(ICONS, 'icon.png')))).toEqual([1024, 1024]);
  });

  it('come for Windows as an .ico whose entries are PNGs of the sizes they claim, up to 256 px', () => {
    const ico = readFileSync(join(ICONS, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const claimed = ico.readUInt8(entry) || 256;
      const png = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
      expect(pngSize(png)).toEqual([claimed, claimed]);
      sizes.push(claimed);
    }
    expect(sizes).toContain(256);
    expect(sizes).toContain(16);
  });

  it('come for macOS as an .icns whose length is its own and which holds the 1024 px (ic10) and 16 px (icp4) images', () => {
    const icns = readFileSync(join(ICONS, 'icon.icns'));
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types = new Map<string, [number, number]>();
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.set(icns.toString('ascii', at, at + 4), pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4))));
    }
    expect(types.get('ic10')).toEqual([1024, 1024]);
    expect(types.get('icp4')).toEqual([16, 16]);
  });
});
