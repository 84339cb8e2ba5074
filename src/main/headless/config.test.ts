import { describe, expect, it } from 'vitest';
import { isLoopback, readHeadlessConfig } from './config.ts';

describe('readHeadlessConfig', () => {
  it('defaults to port 7420 on 127.0.0.1 with data in ~/.hft-desk and no key passphrase', () => {
    const config = readHeadlessConfig({}, '/home/trader');
    expect(config).toMatchObject({ port: 7420, bindAddress: '127.0.0.1', dataDir: '/home/trader/.hft-desk', keyPassphrase: undefined });
  });

  it('notes that API keys cannot be stored without HFT_KEY_PASSPHRASE', () => {
    expect(readHeadlessConfig({}, '/h').warnings).toEqual([
      'Note: HFT_KEY_PASSPHRASE is not set, so exchange API keys cannot be stored; paper mode needs none.',
    ]);
  });

  it('warns about a short key passphrase without printing it', () => {
    const warnings = readHeadlessConfig({ HFT_KEY_PASSPHRASE: 'hunter2' }, '/h').warnings;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^WARNING: HFT_KEY_PASSPHRASE is shorter than 12 characters/);
    expect(warnings[0]).not.toContain('hunter2');
  });

  it('leaves the token to the data folder when none is given, and rotates it on HFT_NEW_TOKEN=1', () => {
    expect(readHeadlessConfig({}, '/h')).toMatchObject({ token: undefined, rotateToken: false });
    expect(readHeadlessConfig({ HFT_NEW_TOKEN: '1' }, '/h').rotateToken).toBe(true);
  });

  it('takes port, bind address, token and data directory from the environment', () => {
    const config = readHeadlessConfig(
      {
        HFT_PORT: '0',
        HFT_BIND: '::1',
        HFT_TOKEN: 'a-long-enough-token',
        HFT_DATA_DIR: '/srv/hft',
        HFT_KEY_PASSPHRASE: 'a long key passphrase',
      },
      '/h',
    );
    expect(config).toEqual({
      port: 0,
      bindAddress: '::1',
      token: 'a-long-enough-token',
      rotateToken: false,
      dataDir: '/srv/hft',
      keyPassphrase: 'a long key passphrase',
      warnings: [],
    });
  });

  it('warns loudly when bound beyond loopback', () => {
    expect(readHeadlessConfig({ HFT_BIND: '0.0.0.0' }, '/h').warnings[0]).toMatch(/^WARNING: HFT_BIND=0\.0\.0\.0 lets other machines/);
  });

  it('warns about a short token', () => {
    expect(readHeadlessConfig({ HFT_TOKEN: 'abc', HFT_KEY_PASSPHRASE: 'a long key passphrase' }, '/h').warnings).toHaveLength(1);
  });

  it('rejects a port that is not a number, naming the variable', () => {
    expect(() => readHeadlessConfig({ HFT_PORT: 'http' }, '/h')).toThrow(/HFT_PORT/);
  });
});

describe('isLoopback', () => {
  it('accepts only loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '192.168.1.5', '127.example.com'].map(isLoopback)).toEqual([false, false, false, false]);
  });
});
