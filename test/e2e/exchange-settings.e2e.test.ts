/// <reference lib="dom" />
// Keys and modes end to end: the trader enters API keys in Settings, tests the connection against the
// loopback Binance simulator, switches to shadow and then, after confirming, to live. Nothing the
// renderer holds or receives ever contains the secret.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createCcxtGateway } from '../../src/main/adapters/ccxt/ccxt-gateway.ts';
import { pointCcxtAtSim, startBinanceSim, type BinanceSim } from '../support/exchange-sim/binance-sim.ts';
import { openBrowserDesk, screenshotPath, type BrowserDesk } from './support/browser-desk.ts';

let sim: BinanceSim;
let desk: BrowserDesk;
let page: Page;
const received: string[] = [];
const byTestId = (id: string) => page.getByTestId(id);
const text = async (id: string) => (await byTestId(id).first().textContent()) ?? '';

beforeAll(async () => {
  sim = await startBinanceSim();
  sim.setBook('BTCUSDT', [[60_000, 1], [59_990, 2]], [[60_010, 1], [60_020, 2]]);
  const gateway = createCcxtGateway({ log: () => {}, overrides: { binance: (exchange) => pointCcxtAtSim(exchange, sim) } });
  desk = await openBrowserDesk({}, gateway);
  page = desk.page;
  page.on('websocket', (ws) => ws.on('framereceived', (frame) => received.push(String(frame.payload))));
  await page.goto(desk.url);
  await byTestId('mode-badge').waitFor();
}, 60_000);

afterAll(async () => {
  await desk?.close();
  await sim?.close();
});

describe('exchange keys and modes in the browser', () => {
  it('stores keys from Settings, shows only a masked key and passes Test connection against the simulator', async () => {
    await byTestId('settings-open').click();
    await byTestId('settings-exchange').selectOption('binance');
    await byTestId('settings-exchange-symbols').fill('BTC/USDT');
    await byTestId('settings-exchange-save').click();
    // A test before any key is stored says so; once keys are saved that answer is stale and goes.
    await byTestId('keys-test').click();
    await expect.poll(async () => byTestId('connection-test-result').getAttribute('data-kind'), { timeout: 15_000 }).toBe('error');
    await byTestId('keys-api-key').fill(sim.apiKey);
    await byTestId('keys-secret').fill(sim.secret);
    // Keys typed and not saved are the ones tested, and nothing is stored by testing them.
    expect(await text('keys-test')).toBe('Test these keys');
    await byTestId('keys-test').click();
    await expect.poll(async () => byTestId('connection-test-result').getAttribute('data-kind'), { timeout: 15_000 }).toBe('success');
    expect(await text('connection-test-result')).toMatch(/^Typed keys, not saved yet: /);
    expect(await byTestId('keys-status').getAttribute('data-set')).toBe('false');
    await byTestId('keys-save').click();
    await expect.poll(async () => byTestId('keys-status').getAttribute('data-set')).toBe('true');
    expect(await text('keys-status')).toContain(`${sim.apiKey.slice(0, 4)}…${sim.apiKey.slice(-4)}`);
    expect(await byTestId('keys-secret').inputValue()).toBe('');
    expect(await byTestId('connection-test-result').count()).toBe(0);
    await byTestId('keys-test').click();
    await expect.poll(async () => byTestId('connection-test-result').getAttribute('data-kind'), { timeout: 15_000 }).toBe('success');
    expect(await text('connection-test-result')).toMatch(/USDT/);
    await byTestId('settings-close').click();
  });

  it('switches to shadow mode on the real book and sends nothing to the exchange', async () => {
    await byTestId('mode-switch-shadow').click();
    await expect.poll(async () => text('mode-badge'), { timeout: 20_000 }).toBe('SHADOW');
    await byTestId('ticket-side-buy').click();
    await byTestId('ticket-tab-market').click();
    await byTestId('ticket-size').fill('0.01');
    await byTestId('ticket-submit').click();
    await byTestId('ticket-message').waitFor();
    await expect.poll(async () => `${await byTestId('ticket-message').getAttribute('data-kind')}: ${await text('ticket-message')}`).toMatch(/^success/);
    expect(sim.orders()).toHaveLength(0);
  });

  it('asks for confirmation before live mode, showing exchange and network, then trades live', async () => {
    await byTestId('mode-switch-live').click();
    await byTestId('live-confirm').waitFor();
    expect(await text('live-confirm-exchange')).toMatch(/binance/i);
    // A new exchange starts on its testnet: real money is a deliberate choice.
    expect(await text('live-confirm-network')).toBe('TESTNET');
    await page.screenshot({ path: screenshotPath('live-confirm.png') });
    await byTestId('confirm-yes').click();
    await expect.poll(async () => text('mode-badge'), { timeout: 20_000 }).toBe('LIVE');
    await byTestId('ticket-tab-limit').click();
    await byTestId('ticket-size').fill('0.01');
    await byTestId('ticket-price').fill('59000');
    await byTestId('ticket-submit').click();
    await expect.poll(() => sim.orders().length, { timeout: 10_000 }).toBe(1);
  });

  it('never lets the secret reach the page, its storage or anything it received', async () => {
    const inPage = await page.evaluate(() =>
      JSON.stringify({ html: document.documentElement.outerHTML, local: { ...localStorage }, session: { ...sessionStorage }, url: location.href }),
    );
    expect(inPage).not.toContain(sim.secret);
    expect(received.length).toBeGreaterThan(10);
    expect(received.some((frame) => frame.includes(sim.secret))).toBe(false);
    expect(received.some((frame) => frame.includes(sim.apiKey))).toBe(false);
  });

  it('leaves no trace of the secret or the full API key anywhere in the data folder after trading', async () => {
    const files = readdirSync(desk.dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['keys.json', 'settings.json', 'live-binance-testnet.sqlite']));
    for (const file of files) {
      const bytes = readFileSync(join(file.parentPath, file.name));
      for (const needle of [sim.secret, sim.apiKey]) {
        expect(bytes.includes(Buffer.from(needle)), `${file.name} holds key material`).toBe(false);
        expect(bytes.includes(Buffer.from(needle, 'utf16le')), `${file.name} holds key material (UTF-16)`).toBe(false);
      }
    }
  });
});
