import { describe, expect, it } from 'vitest';
import type { SymbolInfo } from '../../../shared/market.ts';
import type { Fill, RoundTrip } from '../../../shared/trading.ts';
import { RoundTrips } from './round-trips.ts';

const MARGIN_BTC: SymbolInfo = { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', market: 'margin', tickSize: 0.01, lotSize: 0.001, minSize: 0.001, minNotional: 0, makerFee: 0.001, takerFee: 0.001 };
const SPOT_BTC: SymbolInfo = { ...MARGIN_BTC, market: 'spot', lotSize: 0.0001, minSize: 0.001 };

let seq = 0;
function fill(ts: number, side: 'buy' | 'sell', size: number, price: number, fee: number): Fill {
  seq++;
  return { orderId: `o${seq}`, clientOrderId: `c${seq}`, tradeId: `t${seq}`, symbol: 'BTC/USDT', side, price, size, fee, feeAsset: 'USDT', feeAmount: fee, liquidity: 'taker', ts };
}

/** Feeds the fills in order and keeps the trips they closed, as a backtest does. */
class Trips extends RoundTrips {
  readonly closed: RoundTrip[] = [];
  override onFill(fill: Fill): RoundTrip | null {
    const trip = super.onFill(fill);
    if (trip !== null) this.closed.push(trip);
    return trip;
  }
}

describe('RoundTrips', () => {
  it('books a long built in two buys and sold in two parts at its average cost, net of all four fees', () => {
    const trips = new Trips(MARGIN_BTC);
    trips.onFill(fill(1, 'buy', 1, 100, 0.1));
    trips.onFill(fill(2, 'buy', 1, 110, 0.11)); // average cost 105
    trips.onFill(fill(3, 'sell', 1, 120, 0.12)); // +15
    trips.onFill(fill(4, 'sell', 1, 100, 0.1)); // −5
    expect(trips.closed).toHaveLength(1);
    const t = trips.closed[0];
    expect(t).toMatchObject({ side: 'long', entryTs: 1, exitTs: 4, size: 2 });
    expect(t.entryPrice).toBeCloseTo(105, 12);
    expect(t.exitPrice).toBeCloseTo(110, 12);
    expect(t.fees).toBeCloseTo(0.43, 12);
    expect(t.pnl).toBeCloseTo(10 - 0.43, 12);
    expect(trips.openSince).toBeUndefined();
  });

  it('splits a flipping fill: one third of a 3-lot sell closes the long, two thirds open the short, fee shared the same way', () => {
    const trips = new Trips(MARGIN_BTC);
    trips.onFill(fill(1, 'buy', 1, 100, 0.1));
    trips.onFill(fill(2, 'sell', 3, 100, 0.3)); // closes 1 at 100, opens a 2-lot short at 100
    expect(trips.closed).toHaveLength(1);
    expect(trips.closed[0].pnl).toBeCloseTo(0 - (0.1 + 0.1), 12);
    expect(trips.openSince).toBe(2);
    trips.onFill(fill(3, 'buy', 2, 90, 0.18)); // the short gains 2 × 10
    expect(trips.closed).toHaveLength(2);
    const short = trips.closed[1];
    expect(short).toMatchObject({ side: 'short', entryTs: 2, exitTs: 3, size: 2, entryPrice: 100, exitPrice: 90 });
    expect(short.fees).toBeCloseTo(0.2 + 0.18, 12);
    expect(short.pnl).toBeCloseTo(20 - 0.38, 12);
  });

  it('leaves a position that is still open out of the closed trades and reports when it opened', () => {
    const trips = new Trips(MARGIN_BTC);
    trips.onFill(fill(5, 'sell', 0.05, 60_000, 1.5));
    expect(trips.closed).toHaveLength(0);
    expect(trips.openSince).toBe(5);
  });

  it('closes a position whose sizes only sum to zero within float residue (0.1 + 0.2 − 0.3)', () => {
    const trips = new Trips(MARGIN_BTC);
    trips.onFill(fill(1, 'buy', 0.1, 10, 0));
    trips.onFill(fill(2, 'buy', 0.2, 10, 0));
    trips.onFill(fill(3, 'sell', 0.3, 11, 0));
    expect(trips.closed).toHaveLength(1);
    expect(trips.closed[0].pnl).toBeCloseTo(0.3, 12);
  });

  it('shrinks a spot long by the fee taken in BTC and ends the trip when only unsellable dust is left', () => {
    const trips = new Trips(SPOT_BTC);
    // Buy 0.05 at 100 with 0.1% taken in BTC: 0.04995 held. Sell 0.0499 (rounded down to the lot): 0.00005 is dust.
    trips.onFill({ ...fill(1, 'buy', 0.05, 100, 0.005), feeAsset: 'BTC', feeAmount: 0.00005 });
    expect(trips.closed).toHaveLength(0);
    trips.onFill(fill(2, 'sell', 0.0499, 110, 0.005489));
    expect(trips.closed).toHaveLength(1);
    const [trip] = trips.closed;
    // Realized: 0.0499 × (110 − 100) = 0.499, plus the 0.00005 BTC fee disposed of at 100 (0); fees 0.005 + 0.005489.
    expect(trip).toMatchObject({ side: 'long', size: 0.05, entryPrice: 100, exitPrice: 110 });
    expect(trip!.pnl).toBeCloseTo(0.499 - 0.010489, 12);
    expect(trips.openSince).toBeUndefined();
  });

  it('counts coins found at the venue at the mark they were found at, and books their sale as a trip', () => {
    const trips = new Trips(SPOT_BTC);
    expect(trips.adjust(0.05, 100, 1)).toBeNull();
    const trip = trips.onFill(fill(2, 'sell', 0.05, 110, 0.0055));
    expect(trip).toMatchObject({ side: 'long', entryTs: 1, exitTs: 2, size: 0.05, entryPrice: 100, exitPrice: 110 });
    expect(trip!.pnl).toBeCloseTo(0.5 - 0.0055, 12);
  });

  it('drops a trip whose coins all left without a trade: a withdrawal is not a closed trade', () => {
    const trips = new Trips(SPOT_BTC);
    trips.onFill(fill(1, 'buy', 0.05, 100, 0.005));
    expect(trips.adjust(-0.05, 120, 2)).toBeNull();
    expect(trips.openSince).toBeUndefined();
    trips.onFill(fill(3, 'buy', 0.01, 100, 0.001));
    expect(trips.openSince).toBe(3);
    expect(trips.closed).toHaveLength(0);
  });

  it('closes a partly sold trip when the rest of its coins leave without a trade, keeping what the sale made', () => {
    const trips = new Trips(SPOT_BTC);
    trips.onFill(fill(1, 'buy', 0.05, 100, 0));
    trips.onFill(fill(2, 'sell', 0.02, 110, 0));
    const trip = trips.adjust(-0.03, 90, 3);
    expect(trip).toMatchObject({ side: 'long', exitTs: 3, exitPrice: 110 });
    expect(trip!.pnl).toBeCloseTo(0.2, 12);
  });
});
