// The short run of `npm run chaos:net`: one live session through storms of network faults.
import { expect, it } from 'vitest';
import { runNetChaos } from './run-net.ts';

it('a live session through resets, stalls, latency and dropped websocket messages loses no fill and places no order on a stale feed', async () => {
  const result = await runNetChaos({ durationMs: 15_000, seed: 21, command: 'vitest' });
  expect(result.breaches).toEqual([]);
  expect(result.lost).toBe(0);
  expect(result.figures['orders placed while stale']).toBe(0);
  // The storms really happened and the desk really traded through them.
  expect(result.runs).toBeGreaterThan(20);
  expect(result.figures['stream failures seen by the feed']).toBeGreaterThan(0);
  expect(result.figures['exchange trades checked']).toBeGreaterThan(20);
}, 120_000);
