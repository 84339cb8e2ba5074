// Hostile environment for the headless host: whatever HFT_PORT, HFT_BIND, HFT_TOKEN and friends hold, the
// host either starts on exactly what they say or stops at once with a sentence naming the variable, and
// never repeats the token or the key passphrase.
import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHeadlessConfig, type HeadlessConfig } from '../../src/main/headless/config.ts';
import { propertyRuns } from '../support/property-runs.ts';

const HOSTILE = [
  '', ' ', '\t', '\n', '0', '-0', '-1', '+80', '80.0', ' 80 ', '0x1F90', '0b1', '1e3', '65535', '65536', '99999999999999999999',
  'NaN', 'Infinity', '８０', '٨٠', '80abc', '127.0.0.1', '127.0.0.1\nWARNING: forged line', '0.0.0.0', '::', '::1', 'localhost',
  '-host', 'host-', 'a..b', 'a'.repeat(300), 'x.'.repeat(130), '__proto__', 'constructor', 'toString', 'tok en', 'tok&en=1',
  'tok#en', 'tok+en', 'tok%2Fen', 'tok/en', 'tók', '\u0000', '\uD800', '"quoted"', '$(rm -rf /)',
];

const value = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 40 }),
  fc.integer({ min: -100, max: 100_000 }).map(String),
  fc.ipV4(),
  fc.ipV6(),
  fc.domain(),
  fc.stringMatching(/^[A-Za-z0-9._~-]{1,40}$/),
);

const env = fc.record(
  {
    HFT_PORT: value,
    HFT_BIND: value,
    HFT_TOKEN: value,
    HFT_DATA_DIR: value,
    HFT_KEY_PASSPHRASE: fc.oneof(value, fc.constant('a long enough key passphrase')),
  },
  { requiredKeys: [] },
);

/** What a browser reads back from the address the host prints. */
const tokenInPrintedAddress = (token: string): string | null =>
  new URL(`http://127.0.0.1:7420/?token=${token}`).searchParams.get('token');

const isHostName = (text: string): boolean =>
  text.length <= 253 && text.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));

function checkConfig(vars: Record<string, string | undefined>): void {
  let config: HeadlessConfig;
  try {
    config = readHeadlessConfig(vars, '/home/trader');
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    const named = /^(HFT_PORT|HFT_BIND|HFT_TOKEN) /.exec(message)?.[1];
    expect(named, `names the variable: ${message}`).toBeDefined();
    expect(vars[named!], 'the variable it names was set').toBeTruthy();
    expect(message.split('\n'), 'one line, whatever the value held').toHaveLength(1);
    if (named === 'HFT_TOKEN' && vars.HFT_TOKEN!.length >= 8) expect(message).not.toContain(vars.HFT_TOKEN);
    return;
  }
  const portText = vars.HFT_PORT?.trim();
  expect(Number.isInteger(config.port) && config.port >= 0 && config.port <= 65_535).toBe(true);
  if (portText) {
    expect(portText, 'a port is taken only when written in digits').toMatch(/^\d+$/);
    expect(config.port).toBe(Number(portText));
  } else {
    expect(config.port).toBe(7420);
  }
  expect(config.bindAddress).toBe(vars.HFT_BIND?.trim() || '127.0.0.1');
  expect(isIP(config.bindAddress) !== 0 || isHostName(config.bindAddress)).toBe(true);
  if (vars.HFT_TOKEN) expect(config.token).toBe(vars.HFT_TOKEN);
  else expect(config.token, 'without HFT_TOKEN the token kept in the data folder is used').toBeUndefined();
  if (config.token !== undefined) expect(tokenInPrintedAddress(config.token), 'the printed address carries the token unchanged').toBe(config.token);
  for (const warning of config.warnings) {
    expect(warning.split('\n')).toHaveLength(1);
    // The bind address is shown on purpose; a secret equal to it is no secret.
    const shown = warning.replaceAll(config.bindAddress, '');
    for (const secret of [config.token ?? '', config.keyPassphrase ?? '']) {
      if (secret.length >= 8 && secret !== config.bindAddress) expect(shown).not.toContain(secret);
    }
  }
}

describe('readHeadlessConfig with a hostile environment', () => {
  it('starts on exactly what the variables say, or refuses with one line naming the variable', () => {
    fc.assert(fc.property(env, checkConfig), { numRuns: propertyRuns(600) });
  });

  it.each(HOSTILE.filter((text) => text.trim() !== ''))('handles %j in every variable at once', (text) => {
    checkConfig({ HFT_PORT: text, HFT_BIND: text, HFT_TOKEN: text, HFT_DATA_DIR: text, HFT_KEY_PASSPHRASE: text });
    checkConfig({ HFT_PORT: text });
    checkConfig({ HFT_BIND: text });
    checkConfig({ HFT_TOKEN: text });
  });
});
