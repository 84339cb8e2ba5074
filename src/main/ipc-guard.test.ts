import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedSender, readIpcCommand } from './ipc-guard.ts';

const FILE_APP = 'file:///opt/HFT%20Desk/resources/app/out/renderer/index.html';
const DEV_APP = 'http://localhost:5173';

describe('isAppUrl', () => {
  it("accepts the app's own built page, with or without a query or hash", () => {
    expect(isAppUrl(FILE_APP, FILE_APP)).toBe(true);
    expect(isAppUrl(`${FILE_APP}?x=1#/orders`, FILE_APP)).toBe(true);
  });

  it('refuses another local file, even in the same folder', () => {
    expect(isAppUrl('file:///opt/HFT%20Desk/resources/app/out/renderer/other.html', FILE_APP)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', FILE_APP)).toBe(false);
  });

  it('refuses web pages and blank or malformed URLs when the app is a file', () => {
    for (const url of ['https://example.com/index.html', 'about:blank', '', 'not a url']) {
      expect(isAppUrl(url, FILE_APP)).toBe(false);
    }
  });

  it("accepts any page of the dev server's origin and refuses other origins", () => {
    expect(isAppUrl('http://localhost:5173/index.html', DEV_APP)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV_APP)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', DEV_APP)).toBe(false);
    expect(isAppUrl('http://localhost.evil.example:5173/', DEV_APP)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it("trusts the main window's top frame showing the app", () => {
    expect(isTrustedSender({ frameUrl: FILE_APP, isMainWindowTopFrame: true }, FILE_APP)).toBe(true);
  });

  it('refuses a subframe or another window even when it shows the app', () => {
    expect(isTrustedSender({ frameUrl: FILE_APP, isMainWindowTopFrame: false }, FILE_APP)).toBe(false);
  });

  it('refuses the top frame once it shows a foreign page', () => {
    expect(isTrustedSender({ frameUrl: 'https://evil.example/', isMainWindowTopFrame: true }, FILE_APP)).toBe(false);
  });

  it('refuses a frame that is already gone', () => {
    expect(isTrustedSender({ frameUrl: null, isMainWindowTopFrame: true }, FILE_APP)).toBe(false);
  });
});

describe('readIpcCommand', () => {
  it('reads {command, payload}', () => {
    expect(readIpcCommand({ command: 'order.cancelAll', payload: {} })).toEqual({ ok: true, command: 'order.cancelAll', payload: {} });
  });

  it('answers anything else with INVALID_PAYLOAD', () => {
    for (const message of [null, 'order.cancelAll', [], { payload: {} }, { command: 42 }]) {
      expect(readIpcCommand(message)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    }
  });
});
