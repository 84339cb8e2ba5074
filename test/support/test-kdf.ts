import type { KdfParams } from '../../src/main/secrets/passphrase-cipher.ts';

/** The cheapest scrypt cost the key store accepts: tests store keys without waiting 0.7 s each time. */
export const TEST_KDF: KdfParams = { N: 2 ** 15, r: 8, p: 1 };
