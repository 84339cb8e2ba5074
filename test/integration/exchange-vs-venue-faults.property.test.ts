// The live desk against the venue under mild exchange faults: the same random sequences and comparisons
// as exchange-vs-venue.property.test.ts (see live-venue-run.ts), with fills reported late (delayFills) or
// twice (duplicateFills) and every websocket cut now and then (dropConnections). Each sequence starts with
// one of them on; later steps switch them on or off. At the end the faults are cleared, late reports and a
// holdings check get their time, and the desk must still be the exchange account, with no correction.
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { propertyRuns } from '../support/property-runs.ts';
import { liveSequence } from './live-venue-run.ts';
import { actionArb, newStats, openingFaultArb, printStats } from './venue-sequences.ts';

const stats = newStats({ steps: 'steps, each compared with the exchange', trades: 'exchange trades checked' });
/** The counts the property ran, for RELIABILITY.md (printed with HFT_PROPERTY_STATS=1). */
export const exchangeVsVenueFaultsStats = stats;

afterAll(() => printStats('live desk vs exchange, mild faults', stats));

/** Shrinking replays whole sessions, seconds each: only when asked (HFT_PROPERTY_SHRINK=1). */
const shrink = process.env.HFT_PROPERTY_SHRINK === '1';

describe('the live desk against the Binance simulator account, with mild exchange faults', () => {
  it('holds what the exchange holds with fills reported late or twice and every socket cut now and then', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(openingFaultArb, fc.array(actionArb({ live: true, faults: true }), { minLength: 8, maxLength: 20 }), (fault, actions) =>
        liveSequence([fault, ...actions], stats, 15_000),
      ),
      { numRuns: propertyRuns(3), endOnFailure: !shrink },
    );
  });
});
