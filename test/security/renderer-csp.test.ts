// The built renderer's Content-Security-Policy: strict as written in out/renderer/index.html, and
// enforced by Chromium on the running desk and on the page as Electron loads it (file://, meta only).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserDesk, type BrowserDesk } from '../e2e/support/browser-desk.ts';
import { BUILT_RENDERER_PAGE, requireBuild } from './support/built-main.ts';

function builtPage(): string {
  requireBuild();
  return readFileSync(BUILT_RENDERER_PAGE, 'utf8');
}

function metaPolicies(html: string): string[] {
  return [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((match) => match[1]);
}

function directives(policy: string): Map<string, string[]> {
  const parsed = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter(([name]) => name);
  return new Map(parsed.map(([name, ...sources]) => [name.toLowerCase(), sources]));
}

describe('CSP of the built renderer page', () => {
  it('is set once, in a meta tag ahead of every script, so it covers them all', () => {
    const html = builtPage();
    expect(metaPolicies(html)).toHaveLength(1);
    const meta = html.search(/<meta\s+http-equiv="Content-Security-Policy"/i);
    const firstScript = html.search(/<script\b/i);
    expect(firstScript).toBeGreaterThan(meta);
  });

  it("allows scripts, connections and everything by default from the app's own origin only", () => {
    const policy = directives(metaPolicies(builtPage())[0]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    // form-action does not fall back to default-src: without it a form could post to any site.
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('has no wildcard, no eval anywhere, and inline code only for styles', () => {
    for (const [name, sources] of directives(metaPolicies(builtPage())[0])) {
      expect(sources, name).not.toContain('*');
      expect(sources, name).not.toContain("'unsafe-eval'");
      expect(sources, name).not.toContain("'wasm-unsafe-eval'");
      if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'");
    }
  });
});

interface InjectionOutcome {
  ran: string[];
  evalError: string | null;
  fetchError: string | null;
  violations: Array<{ directive: string; policy: string }>;
}

/** Injects what an XSS would: an inline script, an inline handler, eval and a foreign fetch; reports what ran. */
function injectIntoPage(page: Page): Promise<InjectionOutcome> {
  return page.evaluate(async () => {
    const scope = window as unknown as { __ran: string[] };
    scope.__ran = [];
    const violations: Array<{ directive: string; policy: string }> = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push({ directive: event.effectiveDirective, policy: event.originalPolicy }),
    );
    const script = document.createElement('script');
    script.textContent = 'window.__ran.push("inline script")';
    document.body.append(script);
    const image = document.createElement('img');
    image.setAttribute('onerror', 'window.__ran.push("inline handler")');
    image.src = 'data:,not-an-image';
    document.body.append(image);
    // From a timer, not from this evaluation: DevTools lets code it evaluates directly use eval.
    const evalError = await new Promise<string | null>((resolve) =>
      setTimeout(() => {
        try {
          (0, eval)('window.__ran.push("eval")');
          resolve(null);
        } catch (error) {
          resolve((error as Error).name);
        }
      }),
    );
    let fetchError: string | null = null;
    try {
      await fetch('http://127.0.0.1:9/exfiltrate');
    } catch (error) {
      fetchError = (error as Error).name;
    }
    // Violation events are queued as tasks; give them a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { ran: scope.__ran, evalError, fetchError, violations };
  });
}

describe('CSP enforced by Chromium', () => {
  let desk: BrowserDesk;

  beforeAll(async () => {
    desk = await openBrowserDesk();
  });

  afterAll(async () => {
    await desk?.close();
  });

  it('runs the desk, yet keeps injected inline scripts, inline handlers, eval and foreign connections from running', async () => {
    await expect.poll(() => desk.page.getByTestId('mode-badge').innerText(), { timeout: 15_000 }).toBe('PAPER');
    const outcome = await injectIntoPage(desk.page);
    expect(outcome.ran).toEqual([]);
    expect(outcome.evalError).toBe('EvalError');
    expect(outcome.fetchError).toBe('TypeError');
    expect(new Set(outcome.violations.map((v) => v.directive))).toEqual(
      new Set(['script-src-elem', 'script-src-attr', 'script-src', 'connect-src']),
    );
  });

  it('blocks them on the page as Electron loads it, from file:// with only its meta policy', async () => {
    // Last: the desk's tab leaves the host for the built file itself.
    await desk.page.goto(pathToFileURL(BUILT_RENDERER_PAGE).href, { waitUntil: 'domcontentloaded' });
    const outcome = await injectIntoPage(desk.page);
    expect(outcome.ran).toEqual([]);
    expect(outcome.evalError).toBe('EvalError');
    expect(outcome.violations.length).toBeGreaterThan(0);
    expect(new Set(outcome.violations.map((v) => v.policy))).toEqual(new Set(metaPolicies(builtPage())));
  });
});
