import { describe, expect, it } from 'vitest';
import { FULLY_MASKED, maskKey } from './mask-key.ts';

describe('maskKey', () => {
  it('shows the first and last four characters of a long key', () => {
    expect(maskKey('abcdEFGH12345678wxyz')).toBe('abcd…wxyz');
  });

  it('masks a key shorter than 16 characters whole, whatever its length', () => {
    expect(maskKey('abcdefgh')).toBe(FULLY_MASKED);
    expect(maskKey('abcdefghijklmno')).toBe(FULLY_MASKED);
    expect(maskKey('')).toBe(FULLY_MASKED);
  });

  it('starts showing the ends at 16 characters', () => {
    expect(maskKey('abcdefghijklmnop')).toBe('abcd…mnop');
  });

  it('ignores surrounding whitespace', () => {
    expect(maskKey('  abcdefghijklmnopqrst \n')).toBe('abcd…qrst');
  });
});
