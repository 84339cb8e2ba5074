// The live desk against the venue it trades on: random sequences of books, prints, the exchange's own
// fills, the trader's orders, cancels, Close, halt/resume, the kill switch and restarts, run on ccxt's
// binance class against the loopback Binance simulator. After every step has settled the desk must be the
// exchange account: its BTC position is the BTC the account holds (free + locked), its cash the USDT; its
// open orders are the exchange's open orders for its client ids (side, size, filled); every exchange trade
// of its orders is journaled exactly once (by trade id and size) and nothing else is; every order at the
// exchange was journaled; and no holdings correction was needed after the opening import, so the fills
// alone made the desk equal to the exchange. The driver and the comparison are in live-venue-run.ts; the
// same property under mild exchange faults is exchange-vs-venue-faults.property.test.ts.
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { propertyRuns } from '../support/property-runs.ts';
import { liveSequence } from './live-venue-run.ts';
import { actionArb, newStats, printStats } from './venue-sequences.ts';

const stats = newStats({ steps: 'steps, each compared with the exchange', trades: 'exchange trades checked' });
/** The counts the property ran, for RELIABILITY.md (printed with HFT_PROPERTY_STATS=1). */
export const exchangeVsVenueStats = stats;

afterAll(() => printStats('live desk vs exchange', stats));

/** Shrinking replays whole sessions, seconds each: only when asked (HFT_PROPERTY_SHRINK=1). */
const shrink = process.env.HFT_PROPERTY_SHRINK === '1';

describe('the live desk against the Binance simulator account', () => {
  it('holds what the exchange holds, its open orders and every trade once, after every step of random trading', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb({ live: true }), { minLength: 8, maxLength: 20 }), (actions) => liveSequence(actions, stats, 8_000)),
      { numRuns: propertyRuns(5), endOnFailure: !shrink },
    );
  });
});
