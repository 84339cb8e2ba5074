import { describe, expect, it } from 'vitest';
import { KnownSecrets } from './known-secrets.ts';
import { createRedactingLog, redact } from './redact.ts';

const secret = 'pa/ss+wo rd=Zx"9';

describe('redact', () => {
  it('replaces a secret written as is', () => {
    expect(redact('key=AKIA1234567890 failed', ['AKIA1234567890'])).toBe('key=[redacted] failed');
  });

  it('replaces every occurrence, not only the first', () => {
    expect(redact('s3cr3t-s3cr3t s3cr3t', ['s3cr3t'])).toBe('[redacted]-[redacted] [redacted]');
  });

  it('replaces the URL-encoded form, as in a signed query string', () => {
    const line = `GET https://api.example.com/v3/order?secret=${encodeURIComponent(secret)}&x=1`;
    expect(redact(line, [secret])).toBe('GET https://api.example.com/v3/order?secret=[redacted]&x=1');
  });

  it('replaces the form-encoded form with + for spaces and lower-case escapes', () => {
    const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
    expect(redact(`body ${formEncoded}`, [secret])).toBe('body [redacted]');
    const lowerCase = encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
    expect(redact(`q=${lowerCase}`, [secret])).toBe('q=[redacted]');
  });

  it('replaces the JSON-escaped form', () => {
    expect(redact(JSON.stringify({ secret }), [secret])).toBe('{"secret":"[redacted]"}');
  });

  it('hides a secret that contains another one whole', () => {
    expect(redact('abcdefgh', ['cdef', 'abcdefgh'])).toBe('[redacted]');
  });

  it('leaves strings shorter than four characters and lines without secrets alone', () => {
    expect(redact('abc order filled', ['abc', 'zzzzzzzz'])).toBe('abc order filled');
  });
});

describe('createRedactingLog', () => {
  it('hides keys the source learns after the log was created', () => {
    const lines: string[] = [];
    const known = new KnownSecrets();
    const log = createRedactingLog((line) => lines.push(line), known);
    log('before: apiKey-123456789');
    known.remember({ apiKey: 'apiKey-123456789', secret: 'secret-abcdefgh', password: 'trading-pass' });
    log('after: apiKey-123456789 secret-abcdefgh trading-pass');
    expect(lines).toEqual(['before: apiKey-123456789', 'after: [redacted] [redacted] [redacted]']);
  });
});
