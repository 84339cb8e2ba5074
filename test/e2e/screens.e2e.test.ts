// The trade and backtest screens at the two sizes traders use most (1920x1080 and 1366x768): what fits,
// screenshots in test-results/, and how smooth the 1m chart is at 100x (frames and long tasks, printed).
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openBrowserDesk, screenshotPath, type BrowserDesk } from './support/browser-desk.ts';

let desk: BrowserDesk;

beforeAll(async () => {
  desk = await openBrowserDesk({ simSpeed: 100 });
}, 60_000);

afterAll(async () => {
  await desk?.close();
});

async function openAt(width: number, height: number): Promise<{ context: BrowserContext; page: Page }> {
  const browser = desk.page.context().browser();
  if (browser === null) throw new Error('the page has no browser');
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(desk.url);
  await page.getByTestId('book-ask-row').nth(5).waitFor({ timeout: 15_000 });
  return { context, page };
}

/** Frames drawn and long tasks over `seconds` of the page's own time. */
async function smoothness(page: Page, seconds: number): Promise<{ fps: number; p99FrameMs: number; longTasks: number; longestTaskMs: number }> {
  return page.evaluate(async (ms) => {
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    const frames: number[] = [];
    let last = performance.now();
    const end = last + ms;
    await new Promise<void>((done) => {
      const tick = (t: number) => {
        frames.push(t - last);
        last = t;
        if (t < end) requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    observer.disconnect();
    frames.sort((a, b) => a - b);
    return { fps: frames.length / (ms / 1000), p99FrameMs: frames[Math.floor(frames.length * 0.99)] ?? 0, longTasks: tasks.length, longestTaskMs: Math.max(0, ...tasks) };
  }, seconds * 1000);
}

describe('the screens at common sizes', () => {
  for (const [width, height] of [
    [1920, 1080],
    [1366, 768],
  ] as const) {
    it(`shows the trade screen at ${width}x${height} with the ticket's submit, the book and an active strategy in view`, async () => {
      const { context, page } = await openAt(width, height);
      try {
        await page.getByTestId('timeframe-select').selectOption('1m');
        const inView = async (testId: string) => {
          const box = await page.getByTestId(testId).first().boundingBox();
          return box !== null && box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width;
        };
        expect(await inView('ticket-submit')).toBe(true);
        expect(await inView('book-bid-row')).toBe(true);
        const row = page.getByTestId('strategy-row').first();
        await row.getByTestId('strategy-toggle').click();
        await expect.poll(async () => row.getAttribute('data-active')).toBe('true');
        expect(await inView('strategy-row')).toBe(true);
        const path = screenshotPath(`trade-${width}x${height}.png`);
        await page.screenshot({ path });
        expect(statSync(path).size).toBeGreaterThan(50_000);
        await row.getByTestId('strategy-toggle').click();
        await expect.poll(async () => row.getAttribute('data-active')).toBe('false');

        await page.getByTestId('view-backtest').click();
        await page.getByTestId('backtest-run').click();
        await expect.poll(async () => page.getByTestId('backtest-progress').getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
        const backtest = screenshotPath(`backtest-${width}x${height}.png`);
        await page.screenshot({ path: backtest });
        expect(statSync(backtest).size).toBeGreaterThan(50_000);
      } finally {
        await context.close();
      }
    });
  }

  // The target is held on a machine left to this test: `npm run smoothness` (60 fps, no long task here,
  // over 10 s). In `npm test` the other files' browsers and engines share the two cores (load 5 and more),
  // so there it measures 3 s and fails only on a chart that stalls: a second without a frame, or far too
  // few frames.
  const strict = process.env.HFT_SMOOTHNESS === 'strict';
  const seconds = strict ? 10 : 3;
  it(`draws the 1m chart at 100x smoothly: frames and long tasks measured over ${seconds} s`, async () => {
    const { context, page } = await openAt(1920, 1080);
    try {
      await page.getByTestId('timeframe-select').selectOption('1m');
      await page.waitForTimeout(1_000);
      const figures = await smoothness(page, seconds);
      console.log(`chart at 100x, 1920x1080, ${seconds} s: ${figures.fps.toFixed(1)} fps, p99 frame ${figures.p99FrameMs.toFixed(1)} ms, ${figures.longTasks} long tasks, longest ${figures.longestTaskMs.toFixed(0)} ms (target >= 55 fps, no long task over 50 ms)`);
      expect(figures.fps).toBeGreaterThanOrEqual(strict ? 55 : 10);
      expect(figures.longestTaskMs).toBeLessThanOrEqual(strict ? 50 : 1_000);
    } finally {
      await context.close();
    }
  });
});
