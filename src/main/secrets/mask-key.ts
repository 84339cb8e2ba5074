/** What a short key shows: fixed length, so not even the key's length leaks. */
export const FULLY_MASKED = '••••••••';

/**
 * Keys shorter than this are masked whole: showing the first and last four characters of a 12-character
 * key would reveal two thirds of it. Real exchange keys are 24 to 64 characters long.
 */
const SHORTEST_PARTLY_SHOWN = 16;

/** 'abcd…wxyz': enough for the trader to recognise which key is stored, never enough to use it. */
export function maskKey(apiKey: string): string {
  const key = apiKey.trim();
  if (key.length < SHORTEST_PARTLY_SHOWN) return FULLY_MASKED;
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}
