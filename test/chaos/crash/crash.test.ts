// The short crash runs of `npm run chaos:crash`: every kill point once, paper and live.
import { describe, expect, it } from 'vitest';
import { runCrashChaos } from './run-crash.ts';

describe('kill -9 while trading', () => {
  it('paper: after a kill at every point (a fired exit included) no fill on screen is missing from the journal and the restarted desk matches it', async () => {
    const result = await runCrashChaos({ mode: 'paper', kills: 4, seed: 11, command: 'vitest' });
    expect(result.breaches).toEqual([]);
    expect(result.lost).toBe(0);
    expect(result.figures['kill points reached']).toBe(4);
    expect(result.figures['fills']).toBeGreaterThan(0);
  }, 90_000);

  it('live: after a kill at every point (a fired exit included) the journal, the restarted desk and the exchange agree on every order and fill', async () => {
    const result = await runCrashChaos({ mode: 'live', kills: 6, seed: 12, command: 'vitest' });
    expect(result.breaches).toEqual([]);
    expect(result.lost).toBe(0);
    expect(result.figures['kill points reached']).toBe(6);
    expect(result.figures['exchange trades checked']).toBeGreaterThan(0);
  }, 120_000);
});
