// Draws the app's icons from resources/icons/icon.svg with Chromium: PNGs at every size a desktop asks
// for, icon.ico (Windows: PNG entries) and icon.icns (macOS: PNG entries). Run after changing the SVG:
//   node scripts/draw-icons.ts      (CHROMIUM_PATH if Chromium is not at /usr/bin/chromium)
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ICONS = resolve(import.meta.dirname, '../resources/icons');
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** icns entry types holding PNG data, by pixel size (Apple's "ic07".."ic10", "icp4".."icp6"). */
const ICNS_TYPES: [string, number][] = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];

async function renderPngs(): Promise<Map<number, Buffer>> {
  const svg = readFileSync(join(ICONS, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const pngs = new Map<number, Buffer>();
  try {
    const page = await browser.newPage();
    for (const size of PNG_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`);
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
  } finally {
    await browser.close();
  }
  return pngs;
}

/** ICONDIR, one ICONDIRENTRY per size, then the PNGs: Windows Vista and later read PNG entries. */
function ico(pngs: Map<number, Buffer>): Buffer {
  const header = Buffer.alloc(6 + 16 * ICO_SIZES.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(ICO_SIZES.length, 4);
  let offset = header.length;
  ICO_SIZES.forEach((size, i) => {
    const png = pngs.get(size)!;
    const entry = 6 + 16 * i;
    header.writeUInt8(size === 256 ? 0 : size, entry);
    header.writeUInt8(size === 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...ICO_SIZES.map((size) => pngs.get(size)!)]);
}

/** 'icns' and the file's length, then each entry as type, length (with its 8-byte head) and PNG data. */
function icns(pngs: Map<number, Buffer>): Buffer {
  const entries = ICNS_TYPES.map(([type, size]) => {
    const png = pngs.get(size)!;
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const pngs = await renderPngs();
// NxN.png up to 512 for Linux desktops (electron-builder reads the folder); icon.png is the 1024 master.
for (const [size, png] of pngs) if (size <= 512) writeFileSync(join(ICONS, `${size}x${size}.png`), png);
writeFileSync(join(ICONS, 'icon.png'), pngs.get(1024)!);
writeFileSync(join(ICONS, 'icon.ico'), ico(pngs));
writeFileSync(join(ICONS, 'icon.icns'), icns(pngs));
console.log(`Icons written to ${ICONS}: ${PNG_SIZES.filter((size) => size <= 512).join(', ')} px PNGs, icon.png (1024), icon.ico, icon.icns.`);
